import Foundation

/// A French public holiday (jour férié) of a given year.
public struct PublicHoliday: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int
    /// The French name (« Lundi de Pâques »).
    public var name: String

    public init(year: Int, month: Int, day: Int, name: String) {
        self.year = year
        self.month = month
        self.day = day
        self.name = name
    }

    /// `2026-04-06 Lundi de Pâques`.
    public var description: String {
        "\(year)-\(WeekRange.twoDigits(month))-\(WeekRange.twoDigits(day)) \(name)"
    }
}
