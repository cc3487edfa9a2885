import Foundation
import Testing
@testable import OpeningHours

@Suite("OpeningHours state")
struct OpeningHoursStateTests {
    @Test("each construct opens and closes at the right Paris times", arguments: [
        // weekdays and time lists
        ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-01-05T09:00", OpeningState.open),
        ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-01-05T08:59", .closed),
        ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-01-05T12:00", .closed),
        ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-01-05T18:29", .open),
        ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-01-10T10:00", .closed),
        ("Mo,We 09:00-12:00", "2026-01-07T10:00", .open),
        ("Mo,We 09:00-12:00", "2026-01-06T10:00", .closed),
        ("Su 10:00-12:00", "2026-01-11T10:30", .open),
        ("Fr-Mo 10:00-12:00", "2026-01-11T10:30", .open),
        ("Fr-Mo 10:00-12:00", "2026-01-07T10:30", .closed),
        // past midnight and 24:00
        ("Fr 22:00-02:00", "2026-01-09T23:30", .open),
        ("Fr 22:00-02:00", "2026-01-10T01:59", .open),
        ("Fr 22:00-02:00", "2026-01-10T02:00", .closed),
        ("Fr 22:00-02:00", "2026-01-09T01:00", .closed),
        ("Sa 20:00-26:00", "2026-01-11T01:00", .open),
        ("Mo-Fr 18:00-24:00", "2026-01-05T23:59", .open),
        ("Mo-Fr 18:00-24:00", "2026-01-06T00:00", .closed),
        ("Mo 22:00-02:00; Tu 10:00-12:00", "2026-01-06T01:00", .closed),
        ("Mo 22:00-02:00; We 10:00-12:00", "2026-01-06T01:00", .open),
        // override, additional, fallback
        ("Mo-Fr 09:00-18:00; We 09:00-12:00", "2026-01-07T15:00", .closed),
        ("Mo-Fr 09:00-18:00; We 09:00-12:00", "2026-01-08T15:00", .open),
        ("Mo-Fr 09:00-18:00; We off", "2026-01-07T10:00", .closed),
        ("Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2026-01-07T10:00", .open),
        ("Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2026-01-07T13:00", .closed),
        ("Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-01-07T10:00", .open),
        ("Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-01-07T15:00", .open),
        ("Mo 10:00-12:00; Tu 10:00-12:00 off || 24/7", "2026-01-06T08:00", .open),
        ("Mo 10:00-12:00; Tu 10:00-12:00 off || 24/7", "2026-01-05T08:00", .closed),
        ("Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-01-10T14:00", .unknown),
        ("Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-01-05T14:00", .closed),
        // keywords
        ("24/7", "2026-06-01T03:00", .open),
        ("open", "2026-06-01T03:00", .open),
        ("off", "2026-06-01T12:00", .closed),
        ("unknown", "2026-06-01T12:00", .unknown),
        ("Mo-Fr 10:00-12:00 unknown", "2026-01-05T11:00", .unknown),
        ("\"sur rendez-vous\"", "2026-01-05T11:00", .unknown),
        ("Sa 17:00+", "2026-01-10T18:00", .unknown),
        ("Sa 17:00+", "2026-01-10T16:00", .closed),
        // public and school holidays
        ("Mo-Fr 09:00-17:00; PH off", "2026-05-14T10:00", .closed),
        ("Mo-Fr 09:00-17:00; PH off", "2026-05-15T10:00", .open),
        ("Mo-Fr 09:00-17:00; PH off", "2026-04-06T10:00", .closed),
        ("Mo-Fr 09:00-17:00; PH off", "2026-05-25T10:00", .closed),
        ("Su,PH 10:00-12:00", "2026-07-14T11:00", .open),
        ("Su,PH 10:00-12:00", "2026-07-15T11:00", .closed),
        ("Mo-Fr 10:00-12:00; SH off", "2026-01-05T11:00", .unknown),
        ("Mo-Fr 10:00-12:00; SH off", "2026-01-05T15:00", .closed),
        ("SH Mo-Fr 10:00-12:00", "2026-01-05T11:00", .unknown),
        ("SH Mo-Fr 10:00-12:00", "2026-01-10T11:00", .closed),
        // weeks, months, dates, years
        ("week 1-53/2 Mo 09:30-12:30", "2026-01-12T10:00", .open),
        ("week 1-53/2 Mo 09:30-12:30", "2026-01-05T10:00", .closed),
        ("week 53 Mo 10:00-12:00", "2026-12-28T11:00", .open),
        ("week 01 Mo 10:00-12:00", "2027-01-04T11:00", .open),
        ("week 01 Mo 10:00-12:00", "2026-12-28T11:00", .closed),
        ("Jan-Jun Mo-Fr 09:00-12:00", "2026-06-30T10:00", .open),
        ("Jan-Jun Mo-Fr 09:00-12:00", "2026-07-01T10:00", .closed),
        ("Nov-Feb 10:00-12:00", "2027-01-15T11:00", .open),
        ("Nov-Feb 10:00-12:00", "2026-03-02T11:00", .closed),
        ("Mo-Su 10:00-12:00; Dec 24-26 off", "2026-12-25T11:00", .closed),
        ("Mo-Su 10:00-12:00; Dec 24-26 off", "2026-12-27T11:00", .open),
        ("Mo-Su 10:00-12:00; Dec 24-Jan 02 off", "2027-01-01T11:00", .closed),
        ("Mo-Su 10:00-12:00; Dec 24-Jan 02 off", "2027-01-03T11:00", .open),
        ("Jan 01-Mar 15 10:00-12:00", "2026-03-15T11:00", .open),
        ("Jan 01-Mar 15 10:00-12:00", "2026-03-16T11:00", .closed),
        ("24/7; 2026 Jan 01 off", "2026-01-01T11:00", .closed),
        ("24/7; 2026 Jan 01 off", "2027-01-01T11:00", .open),
        ("2026 Dec 24-2027 Jan 02 off", "2027-01-02T11:00", .closed),
        ("2026 Mo 10:00-12:00", "2027-01-04T11:00", .closed),
        ("2026 Mo 10:00-12:00", "2026-01-05T11:00", .open),
        ("Dec 31 22:00-02:00", "2027-01-01T01:00", .open),
        // nth weekday
        ("Su[1,3] 10:00-12:00", "2026-01-04T11:00", .open),
        ("Su[1,3] 10:00-12:00", "2026-01-11T11:00", .closed),
        ("Su[1,3] 10:00-12:00", "2026-01-18T11:00", .open),
        ("Mo[-1] 10:00-12:00", "2026-01-26T11:00", .open),
        ("Mo[-1] 10:00-12:00", "2026-01-19T11:00", .closed),
        ("Mo[1] 10:00-12:00", "2026-02-02T11:00", .open),
    ] as [(String, String, OpeningState)])
    func stateAt(value: String, local: String, expected: OpeningState) throws {
        let hours = try OpeningHours(parsing: value)
        #expect(hours.state(at: ParisTime.local(local)) == expected)
    }

    @Test("the comment of the deciding rule comes with the state")
    func comment() throws {
        let hours = try OpeningHours(parsing: "Mo-Fr 09:00-12:00 \"accueil libre\"; Sa 10:00-12:00")
        let status = hours.status(at: ParisTime.local("2026-01-05T10:00"))
        #expect(status == OpeningStatus(state: .open, comment: "accueil libre"))
        #expect(hours.status(at: ParisTime.local("2026-01-10T10:00")).comment == nil)
    }

    @Test("spring forward, 29 March 2026: hours are Paris wall-clock hours on both sides")
    func springForward() throws {
        let hours = try OpeningHours(parsing: "Su 01:00-04:00; Mo 09:00-17:00")
        #expect(hours.state(at: ParisTime.utc("2026-03-29T00:30")) == .open) // 01:30 CET
        #expect(hours.state(at: ParisTime.utc("2026-03-29T01:30")) == .open) // 03:30 CEST
        #expect(hours.state(at: ParisTime.utc("2026-03-29T02:00")) == .closed) // 04:00 CEST
        #expect(hours.state(at: ParisTime.utc("2026-03-30T06:59")) == .closed) // 08:59 CEST
        #expect(hours.state(at: ParisTime.utc("2026-03-30T07:00")) == .open) // 09:00 CEST
        #expect(hours.state(at: ParisTime.utc("2026-03-23T07:00")) == .closed) // 08:00 CET, a week before
    }

    @Test("fall back, 25 October 2026: the repeated hour is open both times")
    func fallBack() throws {
        let hours = try OpeningHours(parsing: "Su 02:00-03:00")
        #expect(hours.state(at: ParisTime.utc("2026-10-24T23:59")) == .closed) // 01:59 CEST
        #expect(hours.state(at: ParisTime.utc("2026-10-25T00:30")) == .open) // 02:30 CEST
        #expect(hours.state(at: ParisTime.utc("2026-10-25T01:30")) == .open) // 02:30 CET
        #expect(hours.state(at: ParisTime.utc("2026-10-25T02:00")) == .closed) // 03:00 CET
    }

    @Test("another time zone moves the same hours: Nouméa is UTC+11 all year")
    func otherTimeZone() throws {
        let hours = try OpeningHours(parsing: "Mo-Fr 08:00-12:00")
        let noumea = TimeZone(identifier: "Pacific/Noumea")!
        let instant = ParisTime.utc("2026-01-04T22:30") // Monday 09:30 in Nouméa, Sunday in Paris
        #expect(hours.state(at: instant, timeZone: noumea) == .open)
        #expect(hours.state(at: instant) == .closed)
    }

    @Test("the offsets table agrees with Foundation over 1970–2099")
    func offsetsTable() {
        let table = TimeZoneOffsets.paris
        var seconds = 0
        while seconds < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(table.offset(atUTC: seconds) == table.timeZone.secondsFromGMT(for: date))
            seconds += 86_400 * 13 + 3_607
        }
    }

    @Test("evaluating a compiled value costs little, even in a debug build")
    func cost() throws {
        let hours = try OpeningHours(parsing: "Mo-Th 08:00-12:00,14:00-17:00; Fr 08:00-12:00,14:00-16:30; PH off")
        let start = ParisTime.utc("2026-01-01T00:00").timeIntervalSince1970
        let count = 50_000
        var open = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for index in 0..<count where hours.state(at: Date(timeIntervalSince1970: start + Double(index) * 631)) == .open {
                open += 1
            }
        }
        let nanoseconds = Double(elapsed.components.attoseconds) / 1e9 + Double(elapsed.components.seconds) * 1e9
        #expect(open > count / 10 && open < count / 2)
        #expect(nanoseconds / Double(count) < 10_000, "\(nanoseconds / Double(count)) ns per evaluation")
    }
}
