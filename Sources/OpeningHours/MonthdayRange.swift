import Foundation

/// A month or date selector item: `Jan-Jun`, `Dec`, `Dec 24-26`, `2026 Jan 01`, `Jan 01-Mar 15`.
enum MonthdayRange: Hashable, Sendable {
    /// Whole months, optionally in a given year: `Jan`, `Jan-Jun`, `2026 Nov-Dec`.
    case months(year: Int?, from: Month, to: Month?)
    /// Days: `Dec 25`, `Dec 24-26`, `Jan 01-Mar 15`, `2026 Jan 01`, `Dec 24+` (from that day on).
    case dates(from: DatePoint, to: DatePoint?, openEnded: Bool)

    /// The canonical text (`Dec 24-26`, `Jan 01-Mar 15`).
    var normalized: String {
        switch self {
        case let .months(year, from, to):
            var text = year.map { "\($0) " } ?? ""
            text += from.abbreviation
            if let to { text += "-" + to.abbreviation }
            return text
        case let .dates(from, to, openEnded):
            var text = from.normalized
            if let to {
                if to.year == nil, to.month == from.month {
                    text += "-" + WeekRange.twoDigits(to.day)
                } else {
                    text += "-" + to.normalized
                }
            }
            if openEnded { text += "+" }
            return text
        }
    }
}

/// A calendar day of a date selector, with an optional year: `Dec 25`, `2026 Jan 01`.
struct DatePoint: Hashable, Sendable {
    var year: Int?
    var month: Month
    var day: Int

    var normalized: String {
        (year.map { "\($0) " } ?? "") + month.abbreviation + " " + WeekRange.twoDigits(day)
    }
}
