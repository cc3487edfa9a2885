import Foundation

/// A time span of a time selector: `09:00-12:00`, `22:00-02:00`, `18:00-24:00`, `17:00+`.
struct TimeSpan: Hashable, Sendable {
    /// Minutes after midnight, 0…1440.
    var start: Int
    /// Minutes after midnight as written, 0…2880 (`26:00` is 2 a.m. the next day);
    /// `nil` for an open end alone (`17:00+`).
    var end: Int?
    /// `+` after the span: open, with an end that is not known.
    var openEnded: Bool = false

    /// The end in minutes after the start day's midnight, past 1440 when the span crosses
    /// midnight (`22:00-02:00` ends at 1560; `10:00-10:00` lasts a whole day).
    var effectiveEnd: Int {
        guard let end else { return start }
        return end <= start ? end + 1440 : end
    }

    /// The canonical text (`09:00-12:00`).
    var normalized: String {
        var text = Self.clock(start)
        if let end { text += "-" + Self.clock(end) }
        if openEnded { text += "+" }
        return text
    }

    /// `HH:MM` for minutes after midnight (hours may exceed 24).
    static func clock(_ minutes: Int) -> String {
        WeekRange.twoDigits(minutes / 60) + ":" + WeekRange.twoDigits(minutes % 60)
    }
}
