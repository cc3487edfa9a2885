import Foundation
import OpeningHours

/// "Open at this instant", with parsed hours kept for values seen before.
struct OpeningHoursFilter {
    let instant: Date
    private var parsed: [String: OpeningHours?] = [:]

    init(instant: Date) { self.instant = instant }

    /// Whether hours written `text` say open at the instant; unknown or unreadable hours do not.
    mutating func isOpen(_ text: String?) -> Bool {
        guard let text, !text.isEmpty else { return false }
        let hours: OpeningHours?
        if let known = parsed[text] {
            hours = known
        } else {
            hours = try? OpeningHours(parsing: text)
            if parsed.count > 50_000 { parsed.removeAll(keepingCapacity: true) }
            parsed[text] = hours
        }
        return hours?.state(at: instant) == .open
    }
}
