import Foundation

/// The rules of a value compiled for evaluation, and the evaluation itself.
///
/// For a day, each rule contributes the spans of that day if its day selectors match it,
/// plus the part past midnight of its spans if they matched the day before. Rules combine
/// as in the reference implementation (opening-hours-rs): a `;` rule whose days match
/// replaces everything said before of that day, unless it closes (`We 12:00-14:00 off`
/// only closes those hours); a `,` rule lays its spans over what was said; a `||` rule
/// applies to days that no earlier rule matched or that they leave entirely closed.
/// Minutes no span covers are closed.
///
/// Rules and their lists are plain values in flat arrays, so that evaluating does no
/// reference counting and no allocation.
struct Program: Sendable {
    /// The flat lists the compiled rules point into.
    struct Pools {
        var years: [YearRange] = []
        var monthdays: [CompiledMonthday] = []
        var nthMasks: [UInt16] = []
        var spans: [CompiledRule.Minutes] = []
    }

    let rules: [CompiledRule]
    let years: [YearRange]
    let monthdays: [CompiledMonthday]
    let nthMasks: [UInt16]
    let spans: [CompiledRule.Minutes]
    /// State and comment of each rule, by rule index.
    let statuses: [OpeningStatus]
    /// Whether some rule uses `SH`: the value is then evaluated both as a school-holiday
    /// day and as an ordinary one, and unknown where the two differ.
    let usesSchoolHolidays: Bool
    /// Minutes of a day where the state may change: 0, and every start and end of a span.
    let boundaryMinutes: [Int]

    init(rules: [Rule]) {
        var pools = Pools()
        let compiled = rules.enumerated().map { CompiledRule(rule: $1, index: $0, pools: &pools) }
        self.rules = compiled
        years = pools.years
        monthdays = pools.monthdays
        nthMasks = pools.nthMasks
        spans = pools.spans
        statuses = rules.map { OpeningStatus(state: $0.state, comment: $0.comment) }
        usesSchoolHolidays = compiled.contains { $0.filter.schoolHoliday }
        var minutes: Set<Int> = [0]
        for span in pools.spans {
            minutes.insert(span.start)
            if span.end < 1440 { minutes.insert(span.end) }
        }
        boundaryMinutes = minutes.sorted()
    }

    // MARK: Days

    /// Whether a rule's day selectors match a day; `schoolHoliday` says whether to take the
    /// day as a school holiday (unknown to Lieux: the program tries both).
    @inline(__always)
    func matches(_ filter: DayFilter, _ day: LocalDay, schoolHoliday isSchoolHoliday: Bool) -> Bool {
        if filter.matchesEveryDay { return true }
        if !filter.years.isEmpty {
            var found = false
            for index in filter.years where years[index].contains(day.year) {
                found = true
                break
            }
            if !found { return false }
        }
        if !filter.monthdays.isEmpty {
            var found = false
            for index in filter.monthdays where monthdays[index].contains(day) {
                found = true
                break
            }
            if !found { return false }
        }
        if filter.weekMask != 0, (filter.weekMask >> UInt64(day.isoWeek)) & 1 == 0 { return false }
        guard filter.hasWeekdaySelector else { return true }
        if (filter.weekdayMask >> UInt8(day.weekday)) & 1 != 0 { return true }
        if filter.nth >= 0 {
            let mask = nthMasks[filter.nth + day.weekday]
            if mask != 0 {
                let fromStart = (day.day - 1) / 7
                let fromEnd = (day.daysInMonth - day.day) / 7
                if (mask >> UInt16(fromStart)) & 1 != 0 || (mask >> UInt16(5 + fromEnd)) & 1 != 0 { return true }
            }
        }
        if filter.publicHoliday || filter.schoolHoliday, (filter.holidayWeekdayMask >> UInt8(day.weekday)) & 1 != 0 {
            if filter.schoolHoliday, isSchoolHoliday { return true }
            if filter.publicHoliday, FrenchPublicHolidays.contains(day) { return true }
        }
        return false
    }

    /// The span of a range of ``spans`` containing a minute: 1 for a plain span, 2 for an
    /// open end, 0 for none.
    @inline(__always)
    func find(_ minute: Int, in range: Range<Int>) -> Int {
        for index in range {
            let span = spans[index]
            if minute >= span.start, minute < span.end { return span.openEnded ? 2 : 1 }
        }
        return 0
    }

    // MARK: Minutes

    /// What the rules say at a minute of a day: -1 for closed (no span), otherwise
    /// rule index × 2, plus 1 when the span is open-ended. Only the first `limit` rules
    /// are read.
    @inline(__always)
    func slot(day: LocalDay, minute: Int, schoolHoliday: Bool, limit: Int) -> Int {
        var value = -1
        var hasEvaluation = false
        var previousMatch = false
        var yesterday: LocalDay?
        for index in 0..<limit {
            let rule = rules[index]
            let matchesToday = matches(rule.filter, day, schoolHoliday: schoolHoliday)
            var matchesYesterday = false
            if !rule.spill.isEmpty {
                if yesterday == nil { yesterday = day.previous }
                matchesYesterday = matches(rule.filter, yesterday!, schoolHoliday: schoolHoliday)
            }
            let evaluates = matchesToday || matchesYesterday
            var found = 0
            if matchesToday { found = find(minute, in: rule.today) }
            if found == 0, matchesYesterday { found = find(minute, in: rule.spill) }
            let current = found == 0 ? -1 : index * 2 + (found == 2 ? 1 : 0)
            switch rule.separator {
            case .normal where rule.state != .closed:
                // An opening rule whose days match replaces what was said of the day.
                if matchesToday || (!hasEvaluation && evaluates) {
                    value = current
                    hasEvaluation = true
                }
                previousMatch = previousMatch || matchesToday
            case .normal, .additional:
                // A closing rule, or an additional one, lays its spans over the day.
                if evaluates {
                    if current >= 0 { value = current }
                    hasEvaluation = true
                }
                previousMatch = previousMatch || matchesToday
            case .fallback:
                if !previousMatch || !isOpenAtSomeTime(day: day, schoolHoliday: schoolHoliday, limit: index) {
                    value = current
                    hasEvaluation = evaluates
                    previousMatch = matchesToday
                }
            }
        }
        return value
    }

    /// Whether the first `limit` rules leave the day open or unknown at some minute (a
    /// fallback rule applies to days they leave entirely closed).
    func isOpenAtSomeTime(day: LocalDay, schoolHoliday: Bool, limit: Int) -> Bool {
        for minute in boundaryMinutes
        where stateOf(slot: slot(day: day, minute: minute, schoolHoliday: schoolHoliday, limit: limit)) != .closed {
            return true
        }
        return false
    }

    @inline(__always)
    func stateOf(slot: Int) -> OpeningState {
        if slot < 0 { return .closed }
        let state = rules[slot >> 1].state
        return slot & 1 == 1 && state == .open ? .unknown : state
    }

    /// The status for a slot.
    func status(ofSlot slot: Int) -> OpeningStatus {
        if slot < 0 { return OpeningStatus(state: .closed) }
        let status = statuses[slot >> 1]
        if slot & 1 == 1, status.state == .open {
            return OpeningStatus(state: .unknown, comment: status.comment)
        }
        return status
    }

    /// The state at a minute of a local day (the hot path: no allocation).
    @inline(__always)
    func state(day: LocalDay, minute: Int) -> OpeningState {
        let plain = stateOf(slot: slot(day: day, minute: minute, schoolHoliday: false, limit: rules.count))
        guard usesSchoolHolidays else { return plain }
        let holiday = stateOf(slot: slot(day: day, minute: minute, schoolHoliday: true, limit: rules.count))
        return holiday == plain ? plain : .unknown
    }

    /// The state at a minute of a local day, with the comment of the deciding rule.
    func status(day: LocalDay, minute: Int) -> OpeningStatus {
        let plain = status(ofSlot: slot(day: day, minute: minute, schoolHoliday: false, limit: rules.count))
        guard usesSchoolHolidays else { return plain }
        let holiday = status(ofSlot: slot(day: day, minute: minute, schoolHoliday: true, limit: rules.count))
        if holiday.state == plain.state { return plain }
        return OpeningStatus(state: .unknown, comment: plain.comment ?? holiday.comment)
    }
}
