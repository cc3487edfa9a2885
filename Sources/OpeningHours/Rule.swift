import Foundation

/// One rule of an `opening_hours` value: selectors, then what they mean.
///
/// `Mo-Fr 09:00-12:00,14:00-18:00` is one rule; `; PH off` adds a second one. The rule keeps
/// the parsed selectors as written (normalised spelling); evaluation works on its compiled
/// form, ``CompiledRule``.
struct Rule: Hashable, Sendable {
    /// How a rule attaches to the rules before it.
    enum Separator: Hashable, Sendable {
        /// `;`: when the rule's days match, it replaces what earlier rules said of that day.
        case normal
        /// `,`: the rule adds to what earlier rules said.
        case additional
        /// `||`: the rule applies only to days no earlier rule matched.
        case fallback
    }

    /// What a rule says of the times it selects.
    enum Modifier: Hashable, Sendable {
        case open, closed, unknown
    }

    var separator: Separator = .normal
    /// `24/7`.
    var isTwentyFourSeven = false
    var years: [YearRange] = []
    var monthdays: [MonthdayRange] = []
    var weeks: [WeekRange] = []
    var weekdays: [WeekdayItem] = []
    /// `SH Mo-Fr`: the weekdays a holiday selector is restricted to (empty: no restriction).
    var holidayWeekdays: [WeekdayItem] = []
    var times: [TimeSpan] = []
    var modifier: Modifier?
    var comment: String?

    /// Whether the rule selects days at all (a rule of times only applies to every day).
    var hasDaySelector: Bool {
        !years.isEmpty || !monthdays.isEmpty || !weeks.isEmpty || !weekdays.isEmpty
    }

    /// Whether nothing at all was written for this rule.
    var isEmpty: Bool {
        !isTwentyFourSeven && !hasDaySelector && times.isEmpty && modifier == nil && comment == nil
    }

    /// The state the rule gives to the times it selects.
    ///
    /// A rule with no modifier means open, except a rule made of a comment alone
    /// (`"sur rendez-vous"`), which says nothing certain: unknown.
    var state: OpeningState {
        switch modifier {
        case .open: return .open
        case .closed: return .closed
        case .unknown: return .unknown
        case nil:
            let commentOnly = comment != nil && !isTwentyFourSeven && !hasDaySelector && times.isEmpty
            return commentOnly ? .unknown : .open
        }
    }
}
