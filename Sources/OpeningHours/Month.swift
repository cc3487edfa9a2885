import Foundation

/// A month of the year, as written in `opening_hours` (`Jan` … `Dec`); raw values 1…12.
public enum Month: Int, CaseIterable, Sendable, Hashable, Comparable {
    case january = 1, february, march, april, may, june
    case july, august, september, october, november, december

    /// The three-letter abbreviation of the syntax (`Jan`, `Feb`…).
    public var abbreviation: String {
        Self.abbreviations[rawValue - 1]
    }

    /// The French name of the month, lower case (`janvier`…).
    public var frenchName: String {
        Self.frenchNames[rawValue - 1]
    }

    /// The month for an abbreviation of the syntax, ignoring case.
    public init?(abbreviation: String) {
        guard abbreviation.utf8.count == 3, let month = Self.byLowercasedAbbreviation[abbreviation.lowercased()] else {
            return nil
        }
        self = month
    }

    /// The greatest day number the month can have (29 for February).
    public var maximumDay: Int {
        switch self {
        case .february: 29
        case .april, .june, .september, .november: 30
        default: 31
        }
    }

    public static func < (lhs: Month, rhs: Month) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    static let abbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let byLowercasedAbbreviation: [String: Month] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.abbreviation.lowercased(), $0) }
    )
    static let frenchNames = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]
}
