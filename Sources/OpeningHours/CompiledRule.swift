import Foundation

/// A rule ready for evaluation: its day filter, its minutes sorted and split at midnight,
/// and the status it gives.
struct CompiledRule: Sendable {
    /// A span of minutes of one day, `start..<end`, 0…1440.
    struct Minutes: Sendable, Hashable {
        var start: Int
        var end: Int
        /// `17:00+`: open with an unknown end, evaluated as unknown.
        var openEnded: Bool
    }

    let separator: Rule.Separator
    let status: OpeningStatus
    let filter: DayFilter
    /// Spans of the day the rule matches.
    let today: [Minutes]
    /// Spans of the next day, for spans that go past midnight (`22:00-02:00`).
    let spill: [Minutes]

    init(rule: Rule) {
        separator = rule.separator
        status = OpeningStatus(state: rule.state, comment: rule.comment)
        filter = DayFilter(rule: rule)
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
        self.today = today.sorted { $0.start < $1.start }
        self.spill = spill.sorted { $0.start < $1.start }
    }

    /// The span containing a minute, if any: 1 for a plain span, 2 for an open end, 0 for none.
    @inline(__always)
    static func find(_ minute: Int, in spans: [Minutes]) -> Int {
        for span in spans where minute >= span.start && minute < span.end {
            return span.openEnded ? 2 : 1
        }
        return 0
    }
}
