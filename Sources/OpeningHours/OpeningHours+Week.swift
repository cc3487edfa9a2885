import Foundation

/// Schedules of days and weeks, for display.
extension OpeningHours {
    /// The seven days, Monday to Sunday, of the week that contains an instant (in local time),
    /// with their open and unknown spans.
    public func week(containing date: Date, timeZone: TimeZone = OpeningHours.defaultTimeZone) -> [DaySchedule] {
        let (day, _) = Self.localTime(of: date, offsets: TimeZoneOffsets.offsets(for: timeZone))
        let monday = day.number - day.weekday
        return (0..<7).map { schedule(of: LocalDay(number: monday + $0)) }
    }

    /// The schedule of a civil day.
    public func schedule(year: Int, month: Int, day: Int) -> DaySchedule {
        schedule(of: LocalDay(year: year, month: month, day: day))
    }

    func schedule(of day: LocalDay) -> DaySchedule {
        var intervals: [OpeningInterval] = []
        let minutes = program.boundaryMinutes
        for (index, minute) in minutes.enumerated() {
            let end = index + 1 < minutes.count ? minutes[index + 1] : 1440
            let status = program.status(day: day, minute: minute)
            guard status.state != .closed else { continue }
            if var last = intervals.last, last.end == minute, last.state == status.state, last.comment == status.comment {
                last.end = end
                intervals[intervals.count - 1] = last
            } else {
                intervals.append(OpeningInterval(start: minute, end: end, state: status.state, comment: status.comment))
            }
        }
        let holiday = FrenchPublicHolidays.contains(day)
            ? FrenchPublicHolidays.holidays(in: day.year).first { $0.month == day.month && $0.day == day.day }?.name
            : nil
        return DaySchedule(
            year: day.year, month: day.month, day: day.day, weekday: Weekday(rawValue: day.weekday)!,
            intervals: intervals, publicHoliday: holiday
        )
    }
}
