import Foundation

/// Evaluation at an instant, in the venue's local time.
extension OpeningHours {
    /// Europe/Paris, the time zone values are evaluated in unless told otherwise.
    public static var defaultTimeZone: TimeZone { TimeZoneOffsets.paris.timeZone }

    /// Whether the venue is open at an instant, in Europe/Paris time.
    ///
    /// Costs well under a microsecond: local time comes from a precomputed table of UTC
    /// offsets, days from integer arithmetic, rules from their compiled masks.
    public func state(at date: Date) -> OpeningState {
        state(at: date, offsets: TimeZoneOffsets.paris)
    }

    /// Whether the venue is open at an instant, in the local time of a time zone (an
    /// overseas venue's own).
    public func state(at date: Date, timeZone: TimeZone) -> OpeningState {
        state(at: date, offsets: TimeZoneOffsets.offsets(for: timeZone))
    }

    /// Whether the venue is open at an instant, with a time zone table held by the caller
    /// (the fastest way to evaluate many values).
    public func state(at date: Date, offsets: TimeZoneOffsets) -> OpeningState {
        let (day, minute) = Self.localTime(of: date, offsets: offsets)
        return program.state(day: day, minute: minute)
    }

    /// The state at an instant with the comment of the rule that decided it.
    public func status(at date: Date, timeZone: TimeZone = OpeningHours.defaultTimeZone) -> OpeningStatus {
        let (day, minute) = Self.localTime(of: date, offsets: TimeZoneOffsets.offsets(for: timeZone))
        return program.status(day: day, minute: minute)
    }

    /// The local day and minute of the day of an instant.
    @inline(__always)
    static func localTime(of date: Date, offsets: TimeZoneOffsets) -> (LocalDay, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = seconds + offsets.offset(atUTC: seconds)
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (LocalDay(number: dayNumber), (local - dayNumber * 86_400) / 60)
    }
}
