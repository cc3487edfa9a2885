import Foundation

/// The rules of a value compiled for evaluation, and the evaluation itself.
///
/// For a day, each rule contributes the spans of that day if its day selectors match it,
/// plus the part past midnight of its spans if they matched the day before. Rules combine
/// as in the reference implementation (opening-hours-rs): a `;` rule whose days match
/// replaces everything said before of that day; a `,` rule adds its spans over what was
/// said; a `||` rule applies only when no earlier rule matched the day. Minutes no span
/// covers are closed.
struct Program: Sendable {
    let rules: [CompiledRule]
    /// Whether some rule uses `SH`: the value is then evaluated both as a school-holiday
    /// day and as an ordinary one, and unknown where the two differ.
    let usesSchoolHolidays: Bool
    let hasSpill: Bool

    init(rules: [Rule]) {
        self.rules = rules.map(CompiledRule.init)
        usesSchoolHolidays = self.rules.contains { $0.filter.schoolHoliday }
        hasSpill = self.rules.contains { !$0.spill.isEmpty }
    }

    /// What the rules say at a minute of a day: -1 for closed (no span), otherwise
    /// rule index × 2, plus 1 when the span is open-ended.
    @inline(__always)
    func slot(day: LocalDay, minute: Int, schoolHoliday: Bool) -> Int {
        var value = -1
        var hasEvaluation = false
        var previousMatch = false
        var yesterday: LocalDay?
        for index in rules.indices {
            let rule = rules[index]
            let matchesToday = rule.filter.matches(day, schoolHoliday: schoolHoliday)
            var matchesYesterday = false
            if !rule.spill.isEmpty {
                if yesterday == nil { yesterday = day.previous }
                matchesYesterday = rule.filter.matches(yesterday!, schoolHoliday: schoolHoliday)
            }
            let evaluates = matchesToday || matchesYesterday
            var found = 0
            if matchesToday { found = CompiledRule.find(minute, in: rule.today) }
            if found == 0, matchesYesterday { found = CompiledRule.find(minute, in: rule.spill) }
            let current = found == 0 ? -1 : index * 2 + (found == 2 ? 1 : 0)
            switch rule.separator {
            case .normal:
                if matchesToday || (!hasEvaluation && evaluates) {
                    value = current
                    hasEvaluation = true
                }
                previousMatch = previousMatch || matchesToday
            case .additional:
                if evaluates {
                    if current >= 0 { value = current }
                    hasEvaluation = true
                }
                previousMatch = previousMatch || matchesToday
            case .fallback:
                if !previousMatch {
                    value = current
                    hasEvaluation = evaluates
                    previousMatch = matchesToday
                }
            }
        }
        return value
    }

    /// The status for a slot.
    @inline(__always)
    func status(ofSlot slot: Int) -> OpeningStatus {
        if slot < 0 { return OpeningStatus(state: .closed) }
        let rule = rules[slot >> 1]
        if slot & 1 == 1, rule.status.state == .open {
            return OpeningStatus(state: .unknown, comment: rule.status.comment)
        }
        return rule.status
    }

    /// The status at a minute of a local day.
    @inline(__always)
    func status(day: LocalDay, minute: Int) -> OpeningStatus {
        let plain = status(ofSlot: slot(day: day, minute: minute, schoolHoliday: false))
        guard usesSchoolHolidays else { return plain }
        let holiday = status(ofSlot: slot(day: day, minute: minute, schoolHoliday: true))
        if holiday.state == plain.state { return plain }
        return OpeningStatus(state: .unknown, comment: plain.comment ?? holiday.comment)
    }

    /// The state only, without building a status (the hot path).
    @inline(__always)
    func state(day: LocalDay, minute: Int) -> OpeningState {
        let plain = slot(day: day, minute: minute, schoolHoliday: false)
        let plainState = stateOf(slot: plain)
        guard usesSchoolHolidays else { return plainState }
        let holidayState = stateOf(slot: slot(day: day, minute: minute, schoolHoliday: true))
        return holidayState == plainState ? plainState : .unknown
    }

    @inline(__always)
    func stateOf(slot: Int) -> OpeningState {
        if slot < 0 { return .closed }
        let state = rules[slot >> 1].status.state
        return slot & 1 == 1 && state == .open ? .unknown : state
    }

    /// Minutes of a day where the state may change: 0, and every start and end of a span.
    func boundaries() -> [Int] {
        var minutes: Set<Int> = [0]
        for rule in rules {
            for span in rule.today + rule.spill {
                minutes.insert(span.start)
                if span.end < 1440 { minutes.insert(span.end) }
            }
        }
        return minutes.sorted()
    }
}
