import Foundation

/// A parsed OpenStreetMap `opening_hours` value, the syntax of the standard's `horaires`
/// field (`Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off`).
///
/// Parse once, at the edge, then evaluate as often as needed: ``state(at:timeZone:)`` costs a
/// few tens of nanoseconds, on rules compiled at parse time. Two values are equal when their
/// ``normalized`` forms are.
public struct OpeningHours: Sendable, Hashable, CustomStringConvertible {
    /// The rules in the order written.
    let rules: [Rule]
    /// The rules compiled for evaluation.
    let program: Program

    /// Parses a value, or says precisely where and why it cannot.
    ///
    /// - Throws: ``OpeningHoursError`` with a stable code, the 0-based position where reading
    ///   failed, what was expected there and a French sentence saying what to do.
    public init(parsing text: String) throws(OpeningHoursError) {
        var parser = Parser(text)
        let rules = try parser.parse()
        self.rules = rules
        self.program = Program(rules: rules)
    }

    /// A value made of rules already read.
    init(rules: [Rule]) {
        self.rules = rules
        self.program = Program(rules: rules)
    }

    /// The canonical form: same meaning, one spelling (`Mo-Fr 09:00-12:00,14:00-18:00; PH off`).
    ///
    /// Rules are joined by `; `, `, ` or ` || `; keywords are spelled `off`, `open`,
    /// `unknown`; days of month and weeks on two digits.
    public var normalized: String {
        var text = ""
        for (offset, rule) in rules.enumerated() {
            let ruleText = rule.normalized
            if offset > 0 {
                switch rule.separator {
                case .normal: text += "; "
                // An additional rule that starts with a time would be read back as one more
                // time span of the rule before (`09:00-12:00, 14:00-18:00`): the space before
                // the comma keeps it a rule of its own, as it was read.
                case .additional: text += Self.startsWithTime(ruleText) ? " , " : ", "
                case .fallback: text += " || "
                }
            }
            text += ruleText
        }
        return text
    }

    public var description: String { normalized }

    /// Whether a rule's text begins with its time selector (a time, a variable time or `(`).
    static func startsWithTime(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if first.isASCII && first.isNumber || first == "(" { return true }
        let word = text.prefix { $0.isLetter }.lowercased()
        return ["sunrise", "sunset", "dawn", "dusk"].contains(word)
    }

    public static func == (lhs: OpeningHours, rhs: OpeningHours) -> Bool {
        lhs.rules == rhs.rules
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rules)
    }
}
