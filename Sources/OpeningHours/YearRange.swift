import Foundation

/// A year selector item: `2026`, `2025-2027`, `2026-2030/2`, `2026+`.
struct YearRange: Hashable, Sendable {
    var from: Int
    /// Last year included; `nil` for a single year, `Int.max` for `2026+`.
    var to: Int?
    /// `/2`: every second year from `from`.
    var step: Int?

    /// Whether the year is selected.
    func contains(_ year: Int) -> Bool {
        let last = to ?? from
        guard year >= from, year <= last else { return false }
        if let step { return (year - from) % step == 0 }
        return true
    }

    /// The canonical text (`2025-2027/2`).
    var normalized: String {
        var text = String(from)
        if let to {
            text += to == Int.max ? "+" : "-\(to)"
        }
        if let step { text += "/\(step)" }
        return text
    }
}
