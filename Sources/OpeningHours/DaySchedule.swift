import Foundation

/// What a value says of one day, for display: the day, its French name, and its open or
/// unknown spans in order.
public struct DaySchedule: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int
    public var weekday: Weekday
    /// Spans that are open or unknown; empty when the day is closed throughout.
    public var intervals: [OpeningInterval]
    /// The name of the French public holiday that falls on this day, if any.
    public var publicHoliday: String?

    public init(
        year: Int, month: Int, day: Int, weekday: Weekday, intervals: [OpeningInterval], publicHoliday: String? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.weekday = weekday
        self.intervals = intervals
        self.publicHoliday = publicHoliday
    }

    /// The French name of the day (`lundi`).
    public var dayName: String { weekday.frenchName }

    /// Whether the venue is closed all day.
    public var isClosed: Bool { intervals.isEmpty }

    /// The day in French: `lundi : 09:00-12:00, 14:00-18:00`, `dimanche : fermé`, with
    /// `(inconnu)` after spans whose state is unknown and their comment in quotes.
    public var description: String {
        guard !intervals.isEmpty else { return "\(dayName) : fermé" }
        let spans = intervals.map { interval in
            var text = interval.description
            if interval.state == .unknown { text += " (inconnu)" }
            if let comment = interval.comment { text += " « \(comment) »" }
            return text
        }
        return "\(dayName) : " + spans.joined(separator: ", ")
    }
}
