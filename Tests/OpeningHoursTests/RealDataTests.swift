import Foundation
import Testing
@testable import OpeningHours

@Suite("OpeningHours on real venue data", .enabled(if: RealHoraires.isAvailable, "../shared/data is absent"))
struct RealDataTests {
    /// The values of the standard's files that do not parse, with why (checked one by one).
    static let knownFailures: [String: OpeningHoursError.Code] = [
        "Mo-Fr 09:00-19:00; Sa 17:00": .loneTime,
        "Mo-Th 09:00-12:00,13:00-18:00; Fr 09:00-13:00,13:00-18:00; Sa 10:00": .loneTime,
        "We,Th 12:00-14:00-17:00; Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; Fr 12:00": .chainedTimeRange,
        "Tu-Th 08:45-13:45; Mo 08:45-12:00-13:45; Fr 08:45-13:45-17:00": .chainedTimeRange,
        "Mo,Tu 09:30-13:00,14:00-18:00; We 09:30-13:00-18:00; Th 09:30-12:00,16:00-18:00; Fr 09:30-13:00,14:00-17:00": .chainedTimeRange,
        "Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17": .invalidTimeFormat,
        "Tu-Fr 10:00-19:00; Th 14-18:10-19; Sa 10:00-18:14,18:10-19:00": .invalidTimeFormat,
        "Tu,Fr 09:00-12:15; We,Th 9-12:15-13:30,17:30;9-12:15; Mo 9-12-13:30,18:30;9-12:15": .invalidTimeFormat,
        "Tu-Fr 09:00-12:00,13:00-18:00; Mo 9-12;9-12,13-18:00": .invalidTimeFormat,
        "Tu-Th 09:00-12:30,13:30-19:00; Mo 9-12:30-13:30-18;9-12:30,13:30-19; Fr 09:00-12:30,13:30-18:00": .invalidTimeFormat,
        "Mo-Fr 09:00-12:00; Tu 30-19": .invalidTimeFormat,
        "We-Sa 10:00-12:00,13:30-18:30; Tu 13:30-18:30;10-12,13:30-18:30": .invalidTimeFormat,
        "Tu,We 10:00-12:00,17:30:10:00-12:00; Mo 13:30-19:00,10:00-12:00-14:00,17:30:10:00-12:00; Th 10:00-12:00-14:00,17:30:10:00-12:00; Fr 10:00-12:00": .loneTime,
        "We-Sa 10:00-13:00,14:00-19:00; Mo 15-19;10-13,14-21; Tu 10:00-13:00,14:00-21:00": .invalidTimeFormat,
    ]

    @Test("the standard's files hold 459 distinct horaires; all parse but 14 known mistakes")
    func standardValues() {
        let values = RealHoraires.standardValues
        #expect(values.count == 459)
        var failures: [String: OpeningHoursError.Code] = [:]
        for value in values {
            do {
                let hours = try OpeningHours(parsing: value)
                #expect(try OpeningHours(parsing: hours.normalized) == hours, "\(value)")
            } catch {
                failures[value] = error.code
            }
        }
        #expect(failures == Self.knownFailures)
        #expect(values.count - failures.count == 445)
    }

    @Test("every known mistake but an impossible hour gets a suggestion that parses")
    func suggestionsForStandardMistakes() throws {
        for value in Self.knownFailures.keys.sorted() {
            let suggestion = OpeningHours.suggestCorrection(for: value)
            if value.contains("Tu 30-19") {
                #expect(suggestion == nil)
            } else {
                let text = try #require(suggestion, "\(value)")
                #expect((try? OpeningHours(parsing: text)) != nil, "\(value) → \(text)")
            }
        }
    }

    @Test("Région Sud's free-text hours are read into the syntax for nine values in ten")
    func regionSud() {
        let values = RealHoraires.regionSudValues
        #expect(values.count == 164)
        var read = 0
        for value in values {
            guard let suggestion = OpeningHours.suggestCorrection(for: value) else { continue }
            #expect((try? OpeningHours(parsing: suggestion)) != nil, "\(value) → \(suggestion)")
            read += 1
        }
        #expect(read >= 145, "read \(read) of \(values.count)")
    }

    @Test("France Services' day columns combine into one value for most venues")
    func franceServices() {
        let venues = RealHoraires.franceServicesDays
        #expect(venues.count == 2683)
        var combined = 0
        for days in venues {
            guard let suggestion = OpeningHours.suggestion(fromDays: days) else { continue }
            #expect((try? OpeningHours(parsing: suggestion)) != nil, "\(suggestion)")
            combined += 1
        }
        #expect(combined >= 2400, "combined \(combined) of \(venues.count)")
    }
}
