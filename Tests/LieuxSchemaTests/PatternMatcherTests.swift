import Foundation
import Testing

@testable import LieuxSchema

/// frictionless checks a pattern with `re.compile("^" + pattern + "$").match(cell)`; every
/// verdict named "Python" below was checked that way with Python 3.11's `re`.
@Suite("PatternMatcher")
struct PatternMatcherTests {
    /// One `pattern` constraint of one of our schema files.
    struct SchemaPattern: Sendable, CustomTestStringConvertible {
        let version: SchemaVersion
        let field: String
        let pattern: String
        let vocabulary: [String]?
        let separator: String

        var testDescription: String { "\(version.rawValue) \(field)" }

        /// The fast matcher, as the validator builds it, and one that always uses the regular expression.
        func matchers() throws -> (fast: PatternMatcher, regex: PatternMatcher) {
            (try PatternMatcher(pattern: pattern), try PatternMatcher(pattern: pattern, forceRegex: true))
        }
    }

    /// Every pattern of `schemas/schema-*.json`, read through the module's own schema catalogue.
    static let schemaPatterns: [SchemaPattern] = SchemaVersion.allCases.flatMap { version -> [SchemaPattern] in
        guard let schema = try? version.schema else { return [] }
        return schema.fields.compactMap { field in
            field.constraints.pattern.map {
                SchemaPattern(
                    version: version, field: field.name, pattern: $0, vocabulary: field.vocabulary,
                    separator: schema.multiValueSeparator)
            }
        }
    }

    /// The patterns of vocabulary fields, `(?:(?:^|SEP)(A|B|…))+$`.
    static let vocabularyPatterns = schemaPatterns.filter { $0.vocabulary != nil }

    static func pattern(_ version: SchemaVersion, _ field: String) throws -> SchemaPattern {
        try #require(schemaPatterns.first { $0.version == version && $0.field == field })
    }

    // MARK: - Which patterns are sets

    @Test("every pattern of our schema files is found: 13 in 1.0.2, 8 in 0.1.0")
    func allPatternsFound() {
        #expect(Self.schemaPatterns.filter { $0.version == .v1_0_2 }.count == 13)
        #expect(Self.schemaPatterns.filter { $0.version == .v0_1_0 }.count == 8)
        #expect(Self.vocabularyPatterns.count == 14)
    }

    @Test("a vocabulary pattern is handled as a set of its labels, except ORDI 3.0's", arguments: schemaPatterns)
    func membership(pattern: SchemaPattern) throws {
        let membership = PatternMatcher.membership(of: pattern.pattern)
        if let vocabulary = pattern.vocabulary, pattern.field != "formations_labels" || pattern.version != .v1_0_2 {
            #expect(membership?.0 == vocabulary)
            #expect(membership.map { String($0.1) } == pattern.separator)
            guard case .members = try PatternMatcher(pattern: pattern.pattern).strategy else {
                Issue.record("\(pattern.field) goes through the regular expression")
                return
            }
        } else {
            #expect(membership == nil)
            switch try PatternMatcher(pattern: pattern.pattern).strategy {
            case .members:
                Issue.record("\(pattern.field) is handled as a set")
            case .ascii:
                // The codes are simple patterns, matched on bytes for ASCII text.
                #expect(pattern.vocabulary == nil)
            case .regex:
                #expect(pattern.vocabulary != nil, "\(pattern.field) is a simple pattern left to ICU")
            }
        }
        guard case .regex = try PatternMatcher(pattern: pattern.pattern, forceRegex: true).strategy else {
            Issue.record("forceRegex did not force the regular expression")
            return
        }
    }

    // MARK: - Set membership and the regular expression agree, and agree with Python

    /// One way to build a cell from a label `l`, another label `m` and the separator `s`,
    /// with what Python's `re` says of it for every label of every vocabulary of our schemas.
    struct Variant: Sendable, CustomTestStringConvertible {
        let name: String
        let python: Bool
        /// `nil` when the variant is the same text as another (a label already in capitals).
        let make: @Sendable (_ l: String, _ m: String, _ s: String) -> String?
        var testDescription: String { "\(name) → \(python)" }
    }

    static let variants: [Variant] = [
        Variant(name: "a label", python: true) { l, _, _ in l },
        Variant(name: "two labels", python: true) { l, m, s in l + s + m },
        Variant(name: "a label twice", python: true) { l, _, s in l + s + l },
        Variant(name: "a leading separator", python: true) { l, _, s in s + l },
        Variant(name: "a final newline", python: true) { l, _, _ in l + "\n" },
        Variant(name: "two labels and a final newline", python: true) { l, m, s in l + s + m + "\n" },
        Variant(name: "a leading separator and a final newline", python: true) { l, _, s in s + l + "\n" },
        Variant(name: "a trailing separator", python: false) { l, _, s in l + s },
        Variant(name: "a trailing separator and a newline", python: false) { l, _, s in l + s + "\n" },
        Variant(name: "two leading separators", python: false) { l, _, s in s + s + l },
        Variant(name: "a double separator", python: false) { l, m, s in l + s + s + m },
        Variant(name: "the label in capitals", python: false) { l, _, _ in l.uppercased() == l ? nil : l.uppercased() },
        Variant(name: "the label in small letters", python: false) { l, _, _ in l.lowercased() == l ? nil : l.lowercased() },
        Variant(name: "a final CRLF", python: false) { l, _, _ in l + "\r\n" },
        Variant(name: "a final CR", python: false) { l, _, _ in l + "\r" },
        Variant(name: "two final newlines", python: false) { l, _, _ in l + "\n\n" },
        Variant(name: "a leading newline", python: false) { l, _, _ in "\n" + l },
        Variant(name: "spaces around the separator", python: false) { l, m, s in l + " " + s + " " + m },
        Variant(name: "a space after the separator", python: false) { l, m, s in l + s + " " + m },
        Variant(name: "a trailing space", python: false) { l, _, _ in l + " " },
        Variant(name: "the label without its last character", python: false) { l, _, _ in String(l.dropLast()) },
        Variant(name: "another separator", python: false) { l, m, s in l + (s == "," ? ";" : ",") + m },
        // Python compares code points: a decomposed « é » (e + U+0301) is another text.
        Variant(name: "the label decomposed (NFD)", python: false) { l, _, _ in
            let nfd = l.decomposedStringWithCanonicalMapping
            return nfd.unicodeScalars.elementsEqual(l.unicodeScalars) ? nil : nfd
        },
        Variant(name: "a decomposed label after a good one", python: false) { l, m, s in
            let nfd = m.decomposedStringWithCanonicalMapping
            return nfd.unicodeScalars.elementsEqual(m.unicodeScalars) ? nil : l + s + nfd
        },
    ]

    @Test("set membership and the regular expression give Python's answer", arguments: vocabularyPatterns, variants)
    func variant(pattern: SchemaPattern, variant: Variant) throws {
        let (fast, regex) = try pattern.matchers()
        let labels = try #require(pattern.vocabulary)
        for (index, label) in labels.enumerated() {
            guard let text = variant.make(label, labels[(index + 1) % labels.count], pattern.separator) else { continue }
            #expect(fast.matches(text) == variant.python, "fast: \(String(reflecting: text))")
            #expect(regex.matches(text) == variant.python, "regex: \(String(reflecting: text))")
        }
    }

    @Test(
        "no text at all, a separator or a newline alone match no vocabulary",
        arguments: vocabularyPatterns)
    func emptyTexts(pattern: SchemaPattern) throws {
        let (fast, regex) = try pattern.matchers()
        for text in ["", pattern.separator, "\n", pattern.separator + "\n", " "] {
            #expect(!fast.matches(text), "fast: \(String(reflecting: text))")
            #expect(!regex.matches(text), "regex: \(String(reflecting: text))")
        }
    }

    /// Pieces a random cell is made of: labels, broken labels, separators, spaces and line ends.
    static func randomCell(labels: [String], separator: String, using random: inout SplitMix64) -> String {
        var cell = Bool.random(using: &random) && Int.random(in: 0..<4, using: &random) == 0 ? separator : ""
        for index in 0..<Int.random(in: 1...4, using: &random) {
            if index > 0 {
                switch Int.random(in: 0..<16, using: &random) {
                case 0: cell += separator + separator
                case 1: cell += " " + separator
                case 2: cell += separator == "|" ? ";" : "|"
                default: cell += separator
                }
            }
            let label = labels.randomElement(using: &random)!
            switch Int.random(in: 0..<20, using: &random) {
            case 0: cell += label.uppercased()
            case 1: cell += String(label.dropLast())
            case 2: cell += label + " "
            case 3: cell += label.decomposedStringWithCanonicalMapping
            case 4: cell += ""
            default: cell += label
            }
        }
        switch Int.random(in: 0..<12, using: &random) {
        case 0: cell += "\n"
        case 1: cell += "\r\n"
        case 2: cell += separator
        case 3: cell += "\n\n"
        default: break
        }
        return cell
    }

    @Test("on a seeded random sample of combinations, both strategies give the same answer", arguments: vocabularyPatterns)
    func randomSample(pattern: SchemaPattern) throws {
        let (fast, regex) = try pattern.matchers()
        let labels = try #require(pattern.vocabulary)
        var random = SplitMix64(seed: 20_240_402)
        var matched = 0
        for _ in 0..<2_000 {
            let text = Self.randomCell(labels: labels, separator: pattern.separator, using: &random)
            let answer = regex.matches(text)
            #expect(fast.matches(text) == answer, "\(String(reflecting: text))")
            if answer { matched += 1 }
        }
        // The sample holds both answers in good numbers, or it would prove little.
        #expect(matched > 200)
        #expect(matched < 1_800)
    }

    @Test("labels outside the vocabulary are listed, a decomposed label among them")
    func unknownLabels() throws {
        let matcher = try PatternMatcher(pattern: Self.pattern(.v1_0_2, "itinerance").pattern)
        #expect(matcher.unknownLabels(in: "Fixe|Itinérant") == [])
        #expect(matcher.unknownLabels(in: "Fixe|Mobile|fixe") == ["Mobile", "fixe"])
        #expect(matcher.unknownLabels(in: "Fixe||Itine\u{301}rant") == ["", "Itine\u{301}rant"])
        let regex = try PatternMatcher(pattern: Self.pattern(.v1_0_2, "code_postal").pattern)
        #expect(regex.unknownLabels(in: "75001") == nil)
    }

    // MARK: - The regular-expression path against Python

    @Test(
        "the other patterns answer as Python's re.match('^' + p + '$', s)",
        arguments: [
            ("code_postal", "75001", true), ("code_postal", "75001\n", true), ("code_postal", "75001\r\n", false),
            ("code_postal", "75001\n\n", false), ("code_postal", "\n75001", false), ("code_postal", "7500", false),
            ("code_postal", "750011", false), ("code_postal", " 75001", false), ("code_postal", "75001 ", false),
            // Python's \d is any Unicode decimal digit (Nd), as ICU's is.
            ("code_postal", "٧٥٠٠١", true), ("code_postal", "７５００１", true), ("code_postal", "7500١", true),
            ("code_postal", "𝟕𝟓𝟎𝟎𝟏", true), ("code_postal", "²5001", false), ("code_postal", "7500a", false),
            ("code_postal", "", false),
            ("code_insee", "75056", true), ("code_insee", "2A004", true), ("code_insee", "2B033", true),
            ("code_insee", "2a004", false), ("code_insee", "20004", false), ("code_insee", "2C004", false),
            ("code_insee", "16015", true), ("code_insee", "97411", true), ("code_insee", "97411\n", true),
            ("code_insee", "1601", false), ("code_insee", "٧٥٠٥٦", false), ("code_insee", "2A٠٠٤", true),
            ("code_insee", "", false),
            ("pivot", "123456789", true), ("pivot", "12345678901234", true), ("pivot", "12345678", false),
            ("pivot", "123456789012345", false), ("pivot", "21540323900019", true), ("pivot", "abcDEF123", true),
            ("pivot", "12345678\n", false), ("pivot", "123456789\n", true), ("pivot", "1234567890\r\n", false),
            ("pivot", "١٢٣٤٥٦٧٨٩", false), ("pivot", "12345678é", false), ("pivot", "123456789 ", false),
            ("telephone", "+33180059880", true), ("telephone", "+33123456", true), ("telephone", "+3312345", false),
            ("telephone", "+331234567890", false), ("telephone", "+262262123456", true),
            ("telephone", "+590590123456", true), ("telephone", "0180059880", false),
            ("telephone", "+33 180059880", false), ("telephone", "+33١٨٠٠٥٩٨٨٠", true),
            ("telephone", "+34123456789", false), ("telephone", "", false),
            // formations_labels holds « ORDI 3.0 » with an unescaped dot: any character but a newline.
            ("formations_labels", "ORDI 3.0", true), ("formations_labels", "ORDI 3x0", true),
            ("formations_labels", "ORDI 3é0", true), ("formations_labels", "ORDI 3\r0", true),
            ("formations_labels", "ORDI 3\n0", false), ("formations_labels", "ORDI 3\u{2028}0", true),
            ("formations_labels", "ORDI 3\u{85}0", true), ("formations_labels", "ORDI 3\u{2029}0", true),
            ("formations_labels", "ORDI 30", false), ("formations_labels", "ORDI 3.0\n", true),
            ("formations_labels", "ORDI 3.0|ORDI 3-0", true), ("formations_labels", "Fabriques de Territoire|ORDI 3_0", true),
            ("formations_labels", "|ORDI 3.0", true), ("formations_labels", "ORDI 3.0|", false),
            ("formations_labels", "SUD LABS (PACA)|ORDI 3 0", true),
            ("formations_labels", "Formé à « Mon Espace Santé »\n", true),
            ("formations_labels", "Formé à « Mon Espace Santé »\r\n", false), ("formations_labels", "ordi 3.0", false),
            ("formations_labels", "ORDI 3.0\u{301}", false),
            ("formations_labels", "Mes Papiers (Me\u{301}tropole de Lyon)", false),
        ] as [(String, String, Bool)])
    func regexPath(field: String, text: String, python: Bool) throws {
        // code_postal, code_insee and telephone have the same pattern in 0.1.0: checked too.
        let patterns = Self.schemaPatterns.filter { $0.field == field && ($0.version == .v1_0_2 || $0.vocabulary == nil) }
        #expect(patterns.count == (field == "formations_labels" || field == "pivot" ? 1 : 2))
        for pattern in patterns {
            let matcher = try PatternMatcher(pattern: pattern.pattern)
            #expect(matcher.matches(text) == python, "\(pattern.version.rawValue)")
            if case .members = matcher.strategy { Issue.record("\(field) should not be a set") }
            // And the regular expression alone gives the same verdict.
            #expect(try PatternMatcher(pattern: pattern.pattern, forceRegex: true).matches(text) == python)
        }
    }

    @Test(
        "Python's `$` and `.` are rewritten outside character classes only",
        arguments: [
            (#"^\d{5}$"#, #"^\d{5}(?=\n?\z)"#),
            (#"a.b"#, #"a[^\n]b"#),
            (#"a\.b\$"#, #"a\.b\$"#),
            (#"[.$]x"#, #"[.$]x"#),
            (#"(?:(?:^|\|)(ORDI 3.0))+$"#, #"(?:(?:^|\|)(ORDI 3[^\n]0))+(?=\n?\z)"#),
        ] as [(String, String)])
    func pythonSyntax(pattern: String, icu: String) {
        #expect(PatternMatcher.pythonSyntax(pattern) == icu)
    }

    @Test(
        "simple patterns on bytes give ICU's verdict on random ASCII texts",
        arguments: [
            #"^[a-zA-Z0-9]{9,14}$"#, #"^\d{5}$"#, #"^([013-9]\d|2[AB1-9])\d{3}$"#,
            #"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$"#,
            #"a|ab|abc"#, #"(?:a|bc){2,3}d?"#, #"x*y+z?"#, #"[-a\]b]+"#, #"(a(b|c)*)+$"#, #"\.\+[.$]"#, #"[0-9-]{0,4}"#,
        ])
    func asciiPatterns(pattern: String) throws {
        let fast = try PatternMatcher(pattern: pattern)
        let icu = try PatternMatcher(pattern: pattern, forceRegex: true)
        guard case .ascii = fast.strategy else {
            Issue.record("\(pattern) is not matched on bytes")
            return
        }
        // Texts made of the characters the patterns use, so that many match.
        let alphabet = Array("0123456789abcdzAB+.-$]\n\r xy")
        var random = SplitMix64(seed: UInt64(pattern.utf8.count))
        var matched = 0
        for _ in 0..<4_000 {
            let length = Int(random.next() % 16)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let expected = icu.matches(text)
            #expect(fast.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
            if expected { matched += 1 }
        }
        // Targeted texts: every pattern is met at least by these.
        for text in ["12345", "2A123", "+33612345678", "abc", "bcbcd", "xyyz", "a]b-", "abcb", ".+$", "12-4", "12345\n", "1234567890\n\n"] {
            #expect(fast.matches(text) == icu.matches(text), "\(pattern) on \(text.debugDescription)")
            if icu.matches(text) { matched += 1 }
        }
        #expect(matched > 0)
        // Non-ASCII text goes to ICU, which counts Unicode digits as \d.
        #expect(fast.matches("١٢٣٤٥") == icu.matches("١٢٣٤٥"))
    }

    @Test("patterns beyond the simple kind are left to ICU", arguments: [#"a.b"#, #"[^a]"#, #"\w+"#, #"a{2,}"#, #"(a?)*"#, #"a++"#, #"é"#, #"a$b"#])
    func notSimple(pattern: String) throws {
        #expect(ASCIIPattern(pattern) == nil)
    }

    @Test("an invalid pattern is a schema error, on both paths", arguments: [false, true])
    func invalidPattern(forceRegex: Bool) {
        #expect(throws: SchemaError.self) { try PatternMatcher(pattern: "(?:(?:^|\\|)(a|b)", forceRegex: forceRegex) }
        #expect(throws: SchemaError.self) { try PatternMatcher(pattern: "[a-", forceRegex: forceRegex) }
    }
}
