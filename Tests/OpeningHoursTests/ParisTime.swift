import Foundation

/// Instants for tests, written as Paris wall-clock or UTC times (`2026-03-29T02:30`).
enum ParisTime {
    static let timeZone = TimeZone(identifier: "Europe/Paris")!

    /// The instant of a Paris wall-clock time (the first one when the time occurs twice).
    static func local(_ text: String) -> Date {
        date(text, in: timeZone)
    }

    /// The instant of a UTC time.
    static func utc(_ text: String) -> Date {
        date(text, in: TimeZone(identifier: "UTC")!)
    }

    static func date(_ text: String, in timeZone: TimeZone) -> Date {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])
        return calendar.date(from: components)!
    }
}
