import Foundation

/// When the state changes next.
extension OpeningHours {
    /// The first instant after `date` at which the state differs from the state at `date`,
    /// looking at most `days` days ahead; `nil` when it does not change within them
    /// (`24/7`, or a value that is always closed).
    ///
    /// Changes at daylight-saving transitions are found too: a change written at 02:30 on
    /// the night clocks go forward happens at 03:00, when that time is reached.
    public func nextChange(
        after date: Date, timeZone: TimeZone = OpeningHours.defaultTimeZone, within days: Int = 366
    ) -> Date? {
        let offsets = TimeZoneOffsets.offsets(for: timeZone)
        let start = Int(date.timeIntervalSince1970.rounded(.down))
        let initial = state(at: date, offsets: offsets)
        let firstDay = Self.localTime(of: date, offsets: offsets).0.number
        for dayNumber in firstDay...(firstDay + days) {
            let dayStart = dayNumber * 86_400
            var candidates: [Int] = []
            let offsetsAround = Set([
                offsets.offset(atUTC: dayStart - 86_400), offsets.offset(atUTC: dayStart + 2 * 86_400),
                offsets.offset(atUTC: dayStart),
            ])
            for minute in program.boundaryMinutes {
                let local = dayStart + minute * 60
                for offset in offsetsAround {
                    let instant = local - offset
                    if instant > start, offsets.offset(atUTC: instant) == offset {
                        candidates.append(instant)
                    }
                }
            }
            // A transition is a candidate of the local day it starts in.
            for instant in offsets.transitions(from: dayStart - 86_400, to: dayStart + 2 * 86_400) {
                let local = instant + offsets.offset(atUTC: instant)
                if local >= dayStart, local < dayStart + 86_400 { candidates.append(instant) }
            }
            for instant in candidates.sorted() where instant > start {
                if state(at: Date(timeIntervalSince1970: TimeInterval(instant)), offsets: offsets) != initial {
                    return Date(timeIntervalSince1970: TimeInterval(instant))
                }
            }
        }
        return nil
    }
}
