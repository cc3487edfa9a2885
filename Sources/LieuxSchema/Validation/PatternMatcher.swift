import Foundation

/// Checks a cell against a Table Schema `pattern` exactly as frictionless does: the pattern
/// is anchored (`^…$`) and matched with Python's `re` semantics.
///
/// A multi-value pattern of the form `(?:(?:^|SEP)(A|B|…))+$` whose alternatives are plain
/// labels is checked as membership of each value in a set, which gives the same answer as
/// the regular expression, far faster. Any other pattern goes through ICU's engine, with `$`
/// and `.` rewritten to mean what they mean in Python (end of text or before a final newline;
/// any character but a newline).
public struct PatternMatcher: Sendable {
    enum Strategy: Sendable {
        case members(Set<String>, separator: Character)
        case regex(RegexBox)
        /// A simple pattern: matched on bytes for ASCII text, by ICU for any other.
        case ascii(ASCIIPattern, RegexBox)
    }

    final class RegexBox: @unchecked Sendable {
        // NSRegularExpression is immutable and documented as thread-safe.
        let regex: NSRegularExpression
        init(_ regex: NSRegularExpression) { self.regex = regex }
    }

    let strategy: Strategy
    /// The pattern as written in the schema.
    public let pattern: String

    /// Compiles `pattern`; throws when the regular expression is invalid.
    public init(pattern: String) throws(SchemaError) {
        try self.init(pattern: pattern, forceRegex: false)
    }

    /// Compiles `pattern`, with the regular-expression engine even for a pattern checked as
    /// set membership when `forceRegex` is true (tests compare both strategies).
    init(pattern: String, forceRegex: Bool) throws(SchemaError) {
        self.pattern = pattern
        if !forceRegex, let (labels, separator) = Self.membership(of: pattern) {
            strategy = .members(Set(labels), separator: separator)
            return
        }
        do {
            let translated = "^(?:" + Self.pythonSyntax(pattern) + ")(?=\\n?\\z)"
            let regex = RegexBox(try NSRegularExpression(pattern: translated))
            if !forceRegex, let simple = ASCIIPattern(pattern) {
                strategy = .ascii(simple, regex)
            } else {
                strategy = .regex(regex)
            }
        } catch {
            throw SchemaError(message: "Le motif « \(pattern) » n'est pas une expression régulière valide.")
        }
    }

    /// Whether the whole `text` matches.
    public func matches(_ text: String) -> Bool {
        switch strategy {
        case .members(let labels, let separator):
            var value = Substring(text)
            if value.hasSuffix("\n") { value = value.dropLast() }  // Python's `$` allows a final newline
            var parts = value.split(separator: separator, omittingEmptySubsequences: false)
            if parts.count > 1 && parts[0].isEmpty { parts.removeFirst() }  // `(?:^|\|)` allows one leading separator
            return parts.allSatisfy { Self.isLabel($0, of: labels) }
        case .regex(let box):
            return Self.regexMatches(box, text)
        case .ascii(let simple, let box):
            return Self.asciiMatch(simple, text) ?? Self.regexMatches(box, text)
        }
    }

    /// The verdict without ICU, when it is cheap: an ASCII text and a simple pattern.
    func quickMatch(_ text: String) -> Bool? {
        guard case .ascii(let simple, _) = strategy else { return nil }
        return Self.asciiMatch(simple, text)
    }

    private static func asciiMatch(_ pattern: ASCIIPattern, _ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 { return nil }
            return pattern.matches(bytes)
        }
    }

    private static func regexMatches(_ box: RegexBox, _ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return box.regex.firstMatch(in: text, options: [.anchored], range: range) != nil
    }

    /// The labels that are not part of the vocabulary, for a multi-value pattern; `nil` for
    /// other patterns.
    public func unknownLabels(in text: String) -> [String]? {
        guard case .members(let labels, let separator) = strategy else { return nil }
        return text.split(separator: separator, omittingEmptySubsequences: false)
            .filter { !Self.isLabel($0, of: labels) }.map(String.init)
    }

    /// Whether `value` is one of `labels` with the very same Unicode scalars, as Python's `re`
    /// compares them: Swift's `==` also equates canonically equivalent strings (a decomposed
    /// « é », `e` + U+0301, equals « é »), which the reference validator rejects.
    private static func isLabel(_ value: Substring, of labels: Set<String>) -> Bool {
        guard let index = labels.firstIndex(of: String(value)) else { return false }
        return labels[index].unicodeScalars.elementsEqual(value.unicodeScalars)
    }

    /// The labels and separator of a pattern `(?:(?:^|SEP)(A|B|…))+$` whose alternatives
    /// hold no regular-expression operator once unescaped; `nil` otherwise.
    static func membership(of pattern: String) -> ([String], Character)? {
        for (escaped, separator) in [("\\|", Character("|")), (";", Character(";")), (",", Character(","))] {
            let prefix = "(?:(?:^|\(escaped))("
            let suffix = "))+$"
            guard pattern.hasPrefix(prefix), pattern.hasSuffix(suffix) else { continue }
            let body = pattern.dropFirst(prefix.count).dropLast(suffix.count)
            var labels: [String] = []
            var current = ""
            var iterator = body.makeIterator()
            while let c = iterator.next() {
                switch c {
                case "\\":
                    guard let next = iterator.next(), "()[]{}.*+?^$|\\/-".contains(next) else { return nil }
                    current.append(next)
                case "|":
                    labels.append(current)
                    current = ""
                case "(", ")", "[", "]", "{", "}", ".", "*", "+", "?", "^", "$":
                    return nil
                default:
                    current.append(c)
                }
            }
            labels.append(current)
            guard !labels.contains(where: { $0.isEmpty || $0.contains(separator) || $0.contains("\n") }) else { return nil }
            return (labels, separator)
        }
        return nil
    }

    /// Rewrites every unescaped `$` outside a character class as Python's "end of text or
    /// before a final newline", and every unescaped `.` outside a class as Python's "any
    /// character but a newline" (ICU's `.` also stops at `\r`, U+0085, U+2028 and U+2029).
    static func pythonSyntax(_ pattern: String) -> String {
        var out = ""
        var escaped = false
        var inClass = false
        for c in pattern {
            if escaped {
                out.append(c)
                escaped = false
                continue
            }
            switch c {
            case "\\":
                escaped = true
                out.append(c)
            case "[":
                inClass = true
                out.append(c)
            case "]":
                inClass = false
                out.append(c)
            case "$" where !inClass:
                out += "(?=\\n?\\z)"
            case "." where !inClass:
                out += "[^\\n]"
            default:
                out.append(c)
            }
        }
        return out
    }
}
