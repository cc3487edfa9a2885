import Foundation

/// A rule ready for evaluation: its day filter, its minutes sorted and split at midnight,
/// and the state it gives; plain values only, with its lists kept in the program's pools.
struct CompiledRule: Sendable {
    /// A span of minutes of one day, `start..<end`, 0…1440.
    struct Minutes: Sendable, Hashable {
        var start: Int
        var end: Int
        /// `17:00+`: open with an unknown end, evaluated as unknown.
        var openEnded: Bool
    }

    let separator: Rule.Separator
    let state: OpeningState
    /// Index of the rule's status (state and comment) in ``Program/statuses``.
    let statusIndex: Int
    let filter: DayFilter
    /// Indices in ``Program/spans`` of the spans of the day the rule matches.
    let today: Range<Int>
    /// Indices in ``Program/spans`` of the spans of the next day, for spans that go past
    /// midnight (`22:00-02:00`).
    let spill: Range<Int>

    /// Compiles a rule, appending its parts to the program's pools.
    init(rule: Rule, index: Int, pools: inout Program.Pools) {
        separator = rule.separator
        state = rule.state
        statusIndex = index
        filter = DayFilter(rule: rule, years: &pools.years, monthdays: &pools.monthdays, nthMasks: &pools.nthMasks)
        var today: [Minutes] = []
        var spill: [Minutes] = []
        if rule.times.isEmpty {
            today = [Minutes(start: 0, end: 1440, openEnded: false)]
        }
        for span in rule.times {
            if span.end == nil {
                today.append(Minutes(start: span.start, end: 1440, openEnded: true))
                continue
            }
            let end = span.effectiveEnd
            if span.start < 1440 {
                today.append(Minutes(start: span.start, end: min(end, 1440), openEnded: false))
            }
            if end > 1440 {
                spill.append(Minutes(start: max(span.start - 1440, 0), end: end - 1440, openEnded: false))
            }
        }
        self.today = pools.spans.count..<(pools.spans.count + today.count)
        pools.spans += today.sorted { $0.start < $1.start }
        self.spill = pools.spans.count..<(pools.spans.count + spill.count)
        pools.spans += spill.sorted { $0.start < $1.start }
    }
}
