import Foundation

/// A week selector item: ISO week numbers, `01-53/2`, `05`, `10-20`.
struct WeekRange: Hashable, Sendable {
    var from: Int
    var to: Int?
    var step: Int?

    /// The 54-bit mask of ISO weeks selected (bit n = week n).
    var mask: UInt64 {
        var mask: UInt64 = 0
        let last = to ?? from
        let stride = step ?? 1
        var week = from
        if last >= from {
            while week <= last {
                mask |= 1 << UInt64(week)
                week += stride
            }
        } else {
            // A range that wraps over the new year: 50-02.
            while week <= 53 {
                mask |= 1 << UInt64(week)
                week += stride
            }
            week = 1
            while week <= last {
                mask |= 1 << UInt64(week)
                week += stride
            }
        }
        return mask
    }

    /// The canonical text (`01-53/2`).
    var normalized: String {
        var text = Self.twoDigits(from)
        if let to { text += "-" + Self.twoDigits(to) }
        if let step { text += "/\(step)" }
        return text
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
