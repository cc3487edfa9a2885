import Foundation

/// A day of the week, as written in `opening_hours` (`Mo` … `Su`).
///
/// Raw values count from Monday = 0, the order the syntax uses for ranges such as `Mo-Fr`.
public enum Weekday: Int, CaseIterable, Sendable, Hashable, Comparable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The two-letter abbreviation of the syntax (`Mo`, `Tu`…).
    public var abbreviation: String {
        Self.abbreviations[rawValue]
    }

    /// The French name of the day, lower case (`lundi`, `mardi`…).
    public var frenchName: String {
        Self.frenchNames[rawValue]
    }

    /// The day that follows this one (Sunday is followed by Monday).
    public var next: Weekday {
        Weekday(rawValue: (rawValue + 1) % 7)!
    }

    /// The day for an abbreviation of the syntax, ignoring case (`mo`, `MO`, `Mo`).
    public init?(abbreviation: String) {
        guard abbreviation.utf8.count == 2, let day = Self.byLowercasedAbbreviation[abbreviation.lowercased()] else {
            return nil
        }
        self = day
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    static let abbreviations = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let byLowercasedAbbreviation: [String: Weekday] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.abbreviation.lowercased(), $0) }
    )
    static let frenchNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
}
