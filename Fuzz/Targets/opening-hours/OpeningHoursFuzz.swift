import FuzzSupport
import Foundation
import OpeningHours

/// A `horaires` value (OpenStreetMap `opening_hours`) parsed, evaluated and corrected.
///
/// Properties: parsing never crashes; an error's position lies within the value; the
/// normalized form parses back to an equal value; the state changes at the instant
/// `nextChange` gives; a suggested correction parses, whether made from the whole value or
/// from hours given day by day (the lines of the input).
@main
enum OpeningHoursFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = fuzzInput(start, count)
    let text = String(decoding: data, as: UTF8.self)
    do throws(OpeningHoursError) {
        let hours = try OpeningHours(parsing: text)
        let normalized = hours.normalized
        let again = try? OpeningHours(parsing: normalized)
        expect(again == hours, "« \(normalized) », forme normalisée de « \(text) », ne se relit pas à l'identique")
        for instant in instants(data) {
            let state = hours.state(at: instant)
            if let change = hours.nextChange(after: instant, within: 9) {
                expect(change > instant, "changement d'état avant l'instant de départ")
                expect(hours.state(at: change) != state, "l'état ne change pas à l'instant donné par nextChange")
            }
        }
        _ = hours.week(containing: instants(data)[0])
        _ = hours.status(at: instants(data)[1])
    } catch {
        expect(error.position >= 0 && error.position <= text.count, "position \(error.position) hors de la valeur")
        if let suggestion = OpeningHours.suggestCorrection(for: text) {
            expect((try? OpeningHours(parsing: suggestion)) != nil, "la correction « \(suggestion) » ne se lit pas")
        }
    }
    let lines = text.split(separator: "\n", maxSplits: 7, omittingEmptySubsequences: false).prefix(7)
    var days: [Weekday: String] = [:]
    for (day, line) in zip(Weekday.allCases, lines) { days[day] = String(line) }
    if let suggestion = OpeningHours.suggestion(fromDays: days) {
        expect((try? OpeningHours(parsing: suggestion)) != nil, "la proposition « \(suggestion) » ne se lit pas")
    }
    return 0
}

/// Instants of 2026 in Paris time around the daylight-saving changes and a public holiday,
/// and one picked from the input.
func instants(_ data: Data) -> [Date] {
    let picked = data.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
    return [
        1_774_745_400,  // 2026-03-29 00:50 UTC, ten minutes before clocks go forward
        1_792_889_400,  // 2026-10-25 00:50 UTC, ten minutes before clocks go back
        1_777_593_600,  // 2026-05-01 00:00 UTC, Fête du travail
        1_767_225_600 + TimeInterval(picked % (366 * 86_400)),
    ].map { Date(timeIntervalSince1970: $0) }
}
