import Foundation
import Testing
@testable import OpeningHours

@Suite("OpeningHours schedules and changes")
struct OpeningHoursScheduleTests {
    @Test("the next change is found within the day, the next week and across the new year", arguments: [
        ("Mo-Fr 09:00-12:00", "2026-01-09T11:00", "2026-01-09T12:00"),
        ("Mo-Fr 09:00-12:00", "2026-01-09T13:00", "2026-01-12T09:00"),
        ("Mo-Fr 09:00-12:00,14:00-18:00", "2026-01-05T12:00", "2026-01-05T14:00"),
        ("Fr 22:00-02:00", "2026-01-09T23:00", "2026-01-10T02:00"),
        ("Mo-Su 10:00-12:00; Dec 24-Jan 02 off", "2026-12-23T12:30", "2027-01-03T10:00"),
        ("Mo-Fr 09:00-17:00; PH off", "2026-05-13T17:30", "2026-05-15T09:00"),
        ("week 1-53/2 Mo 09:30-12:30", "2026-01-05T08:00", "2026-01-12T09:30"),
    ])
    func nextChange(value: String, from: String, expected: String) throws {
        let hours = try OpeningHours(parsing: value)
        #expect(hours.nextChange(after: ParisTime.local(from)) == ParisTime.local(expected))
    }

    @Test("values that never change have no next change", arguments: ["24/7", "off", "Mo-Su 00:00-24:00"])
    func noChange(value: String) throws {
        let hours = try OpeningHours(parsing: value)
        #expect(hours.nextChange(after: ParisTime.local("2026-01-01T00:00")) == nil)
    }

    @Test("a change in the hour skipped in spring happens when clocks jump, at 03:00 CEST")
    func changeInSkippedHour() throws {
        let hours = try OpeningHours(parsing: "Su 02:30-05:00")
        let change = hours.nextChange(after: ParisTime.utc("2026-03-28T12:00"))
        #expect(change == ParisTime.utc("2026-03-29T01:00"))
        #expect(hours.nextChange(after: ParisTime.utc("2026-03-29T01:00")) == ParisTime.utc("2026-03-29T03:00"))
    }

    @Test("the autumn repeated hour ends at the second 03:00")
    func changeInRepeatedHour() throws {
        let hours = try OpeningHours(parsing: "Su 02:00-03:00")
        let start = hours.nextChange(after: ParisTime.utc("2026-10-24T12:00"))
        #expect(start == ParisTime.utc("2026-10-25T00:00")) // 02:00 CEST
        #expect(hours.nextChange(after: start!) == ParisTime.utc("2026-10-25T02:00")) // 03:00 CET
    }

    @Test("the week table names the days in French and marks public holidays")
    func week() throws {
        let hours = try OpeningHours(parsing: "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 \"sur rendez-vous\"; PH off")
        let days = hours.week(containing: ParisTime.local("2026-05-13T10:00"))
        #expect(days.count == 7)
        #expect(days.map(\.dayName) == ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
        #expect(days.map(\.day) == [11, 12, 13, 14, 15, 16, 17])
        #expect(days[0].description == "lundi : 09:00-12:00, 14:00-18:00")
        #expect(days[3].isClosed)
        #expect(days[3].publicHoliday == "Ascension")
        #expect(days[5].intervals == [OpeningInterval(start: 540, end: 720, state: .open, comment: "sur rendez-vous")])
        #expect(days[6].description == "dimanche : fermé")
    }

    @Test("the week table shows unknown spans, and spans past midnight on both days")
    func weekUnknownAndPastMidnight() throws {
        let hours = try OpeningHours(parsing: "Fr 22:00-02:00; Sa 10:00-12:00 unknown")
        let days = hours.week(containing: ParisTime.local("2026-01-07T10:00"))
        #expect(days[4].description == "vendredi : 22:00-24:00")
        #expect(days[5].description == "samedi : 10:00-12:00 (inconnu)")
        let overlap = try OpeningHours(parsing: "Fr 22:00-02:00; Sa 01:00-03:00 off")
        #expect(overlap.week(containing: ParisTime.local("2026-01-07T10:00"))[5].description == "samedi : 00:00-01:00")
    }

    @Test("a week across the new year has days of both years")
    func weekAcrossNewYear() throws {
        let hours = try OpeningHours(parsing: "Mo-Fr 09:00-17:00; PH off")
        let days = hours.week(containing: ParisTime.local("2026-12-31T10:00"))
        #expect(days.first.map { [$0.year, $0.month, $0.day] } == [2026, 12, 28])
        #expect(days.last.map { [$0.year, $0.month, $0.day] } == [2027, 1, 3])
        #expect(days[4].publicHoliday == "Jour de l'an")
        #expect(days[4].isClosed)
        #expect(!days[3].isClosed)
    }
}
