import Foundation

/// A civil day in local time, computed from a day number with integer arithmetic only
/// (no `Calendar` in the evaluation path).
public struct LocalDay: Hashable, Sendable {
    /// Days since 1970-01-01.
    public let number: Int
    public let year: Int
    /// 1…12.
    public let month: Int
    /// 1…31.
    public let day: Int
    /// 0 = Monday … 6 = Sunday.
    let weekday: Int

    /// The day with this number (days since 1970-01-01), by the civil-from-days algorithm.
    public init(number: Int) {
        self.number = number
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        weekday = ((number % 7) + 10) % 7
    }

    /// The day of a civil date.
    init(year: Int, month: Int, day: Int) {
        self.init(number: Self.number(year: year, month: month, day: day))
    }

    /// Days since 1970-01-01 of a civil date, by the days-from-civil algorithm.
    static func number(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    var daysInMonth: Int { Self.daysInMonth(year: year, month: month) }

    /// The ISO 8601 week number, 1…53 (the week of the year's first Thursday is week 1).
    var isoWeek: Int {
        let thursday = number - weekday + 3
        let thursdayYear = LocalDay(number: thursday).year
        return (thursday - Self.number(year: thursdayYear, month: 1, day: 1)) / 7 + 1
    }

    /// The day before.
    var previous: LocalDay { LocalDay(number: number - 1) }
}
