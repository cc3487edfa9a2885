import Foundation

/// The day selectors of a rule compiled into masks and ranges of the program's pools, so
/// that deciding whether a rule applies to a day costs a few bit operations and no
/// reference counting (the type holds plain values only).
struct DayFilter: Sendable {
    /// No day selector at all: every day matches.
    var matchesEveryDay = true
    /// Indices of the rule's year ranges in ``Program/years``.
    var years: Range<Int> = 0..<0
    /// Indices of the rule's month and date ranges in ``Program/monthdays``.
    var monthdays: Range<Int> = 0..<0
    /// Bit n set for ISO week n; 0 when there is no week selector.
    var weekMask: UInt64 = 0
    /// Whether the rule has a weekday or holiday selector.
    var hasWeekdaySelector = false
    /// Bit d set for weekday d (0 = Monday).
    var weekdayMask: UInt8 = 0
    /// Index in ``Program/nthMasks`` of the rule's seven masks (one per weekday: bits 0…4
    /// for the 1st…5th of the month, bits 5…9 for the last…5th from the end); -1 if none.
    var nth = -1
    var publicHoliday = false
    var schoolHoliday = false
    /// The weekdays a holiday must fall on (`SH Mo-Fr`); all days when not restricted.
    var holidayWeekdayMask: UInt8 = 0x7F

    /// Compiles the day selectors of a rule, appending its items to the program's pools.
    init(rule: Rule, years: inout [YearRange], monthdays: inout [CompiledMonthday], nthMasks: inout [UInt16]) {
        self.years = years.count..<(years.count + rule.years.count)
        years += rule.years
        self.monthdays = monthdays.count..<(monthdays.count + rule.monthdays.count)
        monthdays += rule.monthdays.map(CompiledMonthday.init)
        for range in rule.weeks { weekMask |= range.mask }
        hasWeekdaySelector = !rule.weekdays.isEmpty
        for item in rule.weekdays {
            switch item {
            case let .range(from, to):
                weekdayMask |= Self.mask(from: from, to: to)
            case let .nth(day, ranges):
                if nth < 0 {
                    nth = nthMasks.count
                    nthMasks += Array(repeating: 0, count: 7)
                }
                for range in ranges {
                    for n in range.from...range.to where n != 0 {
                        nthMasks[nth + day.rawValue] |= n > 0 ? 1 << UInt16(n - 1) : 1 << UInt16(4 - n)
                    }
                }
            case .holiday(.publicHoliday):
                publicHoliday = true
            case .holiday(.schoolHoliday):
                schoolHoliday = true
            }
        }
        if !rule.holidayWeekdays.isEmpty {
            holidayWeekdayMask = 0
            for case let .range(from, to) in rule.holidayWeekdays {
                holidayWeekdayMask |= Self.mask(from: from, to: to)
            }
        }
        matchesEveryDay = self.years.isEmpty && self.monthdays.isEmpty && weekMask == 0 && !hasWeekdaySelector
    }

    static func mask(from: Weekday, to: Weekday) -> UInt8 {
        var mask: UInt8 = 0
        var day = from
        while true {
            mask |= 1 << UInt8(day.rawValue)
            if day == to { break }
            day = day.next
        }
        return mask
    }
}

/// A month or date selector item compiled into integer keys.
struct CompiledMonthday: Sendable {
    enum Kind: Sendable {
        /// Bit m set for month m, every year.
        case months(UInt16)
        /// Keys month × 32 + day, every year; wraps over the new year when `to < from`.
        case yearly(from: Int, to: Int)
        /// Keys (year × 13 + month) × 32 + day.
        case absolute(from: Int, to: Int)
    }

    let kind: Kind

    static func yearlyKey(_ month: Int, _ day: Int) -> Int { month * 32 + day }
    static func absoluteKey(_ year: Int, _ month: Int, _ day: Int) -> Int { (year * 13 + month) * 32 + day }

    init(_ range: MonthdayRange) {
        switch range {
        case let .months(year, from, to):
            let last = to ?? from
            if let year {
                let endYear = last < from ? year + 1 : year
                kind = .absolute(
                    from: Self.absoluteKey(year, from.rawValue, 1),
                    to: Self.absoluteKey(endYear, last.rawValue, 31)
                )
            } else {
                var mask: UInt16 = 0
                var month = from.rawValue
                while true {
                    mask |= 1 << UInt16(month)
                    if month == last.rawValue { break }
                    month = month % 12 + 1
                }
                kind = .months(mask)
            }
        case let .dates(from, to, openEnded):
            if let year = from.year {
                let start = Self.absoluteKey(year, from.month.rawValue, from.day)
                if let to {
                    var end = Self.absoluteKey(to.year ?? year, to.month.rawValue, to.day)
                    if to.year == nil, end < start {
                        end = Self.absoluteKey(year + 1, to.month.rawValue, to.day)
                    }
                    kind = .absolute(from: start, to: end)
                } else {
                    kind = .absolute(from: start, to: openEnded ? Int.max : start)
                }
            } else {
                let start = Self.yearlyKey(from.month.rawValue, from.day)
                let end = to.map { Self.yearlyKey($0.month.rawValue, $0.day) }
                    ?? (openEnded ? Self.yearlyKey(12, 31) : start)
                kind = .yearly(from: start, to: end)
            }
        }
    }

    @inline(__always)
    func contains(_ day: LocalDay) -> Bool {
        switch kind {
        case let .months(mask):
            return (mask >> UInt16(day.month)) & 1 != 0
        case let .yearly(from, to):
            let key = Self.yearlyKey(day.month, day.day)
            return from <= to ? (key >= from && key <= to) : (key >= from || key <= to)
        case let .absolute(from, to):
            let key = Self.absoluteKey(day.year, day.month, day.day)
            return key >= from && key <= to
        }
    }
}
