import Foundation
import Testing
@testable import OpeningHours

@Suite("LocalDay")
struct LocalDayTests {
    @Test("civil dates, weekdays and ISO weeks agree with Foundation's calendar from 1900 to 2100")
    func agreesWithCalendar() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        var number = LocalDay.number(year: 1900, month: 1, day: 1)
        let last = LocalDay.number(year: 2100, month: 12, day: 31)
        var checked = 0
        while number <= last {
            let day = LocalDay(number: number)
            let date = Date(timeIntervalSince1970: TimeInterval(number) * 86_400)
            let components = gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(day.year == components.year && day.month == components.month && day.day == components.day)
            #expect(day.weekday == (components.weekday! + 5) % 7)
            #expect(day.isoWeek == iso.component(.weekOfYear, from: date))
            #expect(LocalDay.number(year: day.year, month: day.month, day: day.day) == number)
            number += 97 // about 760 days spread over every month and weekday
            checked += 1
        }
        #expect(checked > 700)
    }

    @Test("the ISO week of the days around new year", arguments: [
        (2026, 12, 28, 53), (2027, 1, 3, 53), (2027, 1, 4, 1), (2025, 12, 29, 1), (2024, 12, 30, 1), (2021, 1, 3, 53),
    ])
    func isoWeeks(year: Int, month: Int, day: Int, week: Int) {
        #expect(LocalDay(year: year, month: month, day: day).isoWeek == week)
    }
}
