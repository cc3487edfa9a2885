import Foundation

/// One item of a weekday selector: `Mo`, `Mo-Fr`, `Su[1,3]`, `Mo[-1]`, `PH`, `SH`.
enum WeekdayItem: Hashable, Sendable {
    /// `Mo`, `Mo-Fr`, `Fr-Mo` (a range may wrap over the week end).
    case range(Weekday, Weekday)
    /// `Su[1,3]`, `Mo[-1]`, `Mo[1-2]`: the nth such day of the month (negative counts from the end).
    case nth(Weekday, [NthRange])
    /// `PH` or `SH`.
    case holiday(Holiday)

    /// The canonical text.
    var normalized: String {
        switch self {
        case let .range(from, to):
            from == to ? from.abbreviation : from.abbreviation + "-" + to.abbreviation
        case let .nth(day, ranges):
            day.abbreviation + "[" + ranges.map(\.normalized).joined(separator: ",") + "]"
        case let .holiday(holiday):
            holiday.rawValue
        }
    }
}

/// An entry between brackets of a weekday: `1`, `-1`, `1-2`.
struct NthRange: Hashable, Sendable {
    var from: Int
    var to: Int

    var normalized: String {
        from == to ? String(from) : "\(from)-\(to)"
    }
}

/// A kind of holiday the syntax names.
enum Holiday: String, Hashable, Sendable {
    /// `PH`: public holidays (French ones, see ``FrenchPublicHolidays``).
    case publicHoliday = "PH"
    /// `SH`: school holidays (not known here: they evaluate to unknown).
    case schoolHoliday = "SH"
}
