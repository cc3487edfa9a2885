import Foundation

/// Reads an `opening_hours` value into rules, character by character, and says precisely
/// where and why it cannot.
///
/// The grammar follows the OpenStreetMap specification for what French venue data uses:
/// `24/7`; years, months and dates, weeks (`week 01-53/2`), an optional `:`; weekdays,
/// nth weekdays and holidays (`Mo-Fr,Su`, `Su[1,3]`, `PH`, `SH`); time spans, past
/// midnight up to `48:00`; `open`, `off`, `closed`, `unknown`; comments; rules separated by
/// `;`, `,` and `||`. Keywords are read regardless of case and runs of spaces are accepted.
/// A comma followed by a time continues the time list even after a space (`09:00-12:00,
/// 14:00-18:00`), as opening_hours.js reads it.
struct Parser {
    let chars: [Character]
    var index = 0

    init(_ text: String) {
        chars = Array(text)
    }

    // MARK: Rule sequence

    /// Reads the whole value.
    mutating func parse() throws(OpeningHoursError) -> [Rule] {
        skipSpaces()
        guard !atEnd else {
            throw OpeningHoursError(
                code: .empty, position: 0,
                expected: "une règle, par exemple « Mo-Fr 09:00-17:00 »",
                message: "L'horaire est vide. Écrivez les jours et les heures d'ouverture, par exemple « Mo-Fr 09:00-12:00,14:00-17:00 »."
            )
        }
        var rules: [Rule] = []
        var separator = Rule.Separator.normal
        while true {
            var rule = try parseRule()
            rule.separator = separator
            rules.append(rule)
            skipSpaces()
            if atEnd { break }
            let separatorStart = index
            if current == ";" {
                separator = .normal
                index += 1
            } else if current == "|", peek(1) == "|" {
                separator = .fallback
                index += 2
            } else if current == "," {
                separator = .additional
                index += 1
            } else {
                throw unexpectedAfterRule(rule)
            }
            skipSpaces()
            if atEnd {
                let text = String(chars[separatorStart..<min(separatorStart + (separator == .fallback ? 2 : 1), chars.count)])
                throw makeError(
                    .trailingSeparator, at: separatorStart,
                    expected: "une règle après « \(text) »",
                    problem: "Séparateur « \(text) » en fin d'horaire, sans règle après",
                    advice: "Supprimez-le, ou ajoutez la règle qui manque après lui."
                )
            }
            if current == ";" || current == "," || current == "|" {
                throw makeError(
                    .emptyRule, at: index,
                    expected: "une règle (jours, heures, « off »…)",
                    problem: "Deux séparateurs de suite, sans règle entre eux",
                    advice: "Supprimez le séparateur en trop."
                )
            }
        }
        return rules
    }

    /// Reads one rule: selectors, then an optional modifier and comment.
    mutating func parseRule() throws(OpeningHoursError) -> Rule {
        var rule = Rule()
        let start = index
        if lookingAt("24/7") {
            index += 4
            rule.isTwentyFourSeven = true
            skipSpaces()
        } else {
            try parseWideSelectors(into: &rule)
            try parseWeekdaySelector(into: &rule)
            try parseTimeSelector(into: &rule)
        }
        try parseModifier(into: &rule)
        if rule.isEmpty {
            throw unexpected(
                at: start,
                expected: "une règle : des jours (Mo-Fr), des heures (09:00-17:00), « 24/7 », « off » ou un commentaire"
            )
        }
        return rule
    }

    /// Reads `open`, `closed`, `off` or `unknown`, then a comment.
    mutating func parseModifier(into rule: inout Rule) throws(OpeningHoursError) {
        if let (word, _) = peekWord() {
            switch word.lowercased() {
            case "open": rule.modifier = .open
            case "closed", "off": rule.modifier = .closed
            case "unknown": rule.modifier = .unknown
            default: break
            }
            if rule.modifier != nil {
                index += word.count
                skipSpaces()
            }
        }
        if current == "\"" {
            let quote = index
            index += 1
            let contentStart = index
            while !atEnd, current != "\"" { index += 1 }
            guard !atEnd else {
                throw makeError(
                    .unterminatedComment, at: quote,
                    expected: "un guillemet « \" » fermant le commentaire",
                    problem: "Commentaire ouvert par un guillemet mais jamais fermé",
                    advice: "Ajoutez un guillemet droit « \" » à la fin du commentaire."
                )
            }
            rule.comment = String(chars[contentStart..<index])
            index += 1
            skipSpaces()
        }
    }

    // MARK: Reading helpers

    var atEnd: Bool { index >= chars.count }

    var current: Character? { index < chars.count ? chars[index] : nil }

    func peek(_ offset: Int) -> Character? {
        let position = index + offset
        return position >= 0 && position < chars.count ? chars[position] : nil
    }

    func lookingAt(_ text: String) -> Bool {
        var position = index
        for character in text {
            guard position < chars.count, chars[position] == character else { return false }
            position += 1
        }
        return true
    }

    static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\u{00A0}" || character == "\u{202F}"
            || character == "\n" || character == "\r"
    }

    static func isLetter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            let lower = ascii | 0x20
            return lower >= 97 && lower <= 122
        }
        return character.isLetter
    }

    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }

    mutating func skipSpaces() {
        while let character = current, Self.isSpace(character) { index += 1 }
    }

    /// The letters from the current position, and their count.
    func peekWord(at position: Int? = nil) -> (String, Int)? {
        var end = position ?? index
        let start = end
        while end < chars.count, Self.isLetter(chars[end]) { end += 1 }
        guard end > start else { return nil }
        return (text(from: start, to: end), end - start)
    }

    /// The characters between two positions (built character by character: the generic
    /// `String(_:)` of a slice is much slower).
    func text(from start: Int, to end: Int) -> String {
        var text = ""
        text.reserveCapacity(end - start)
        for position in start..<end { text.append(chars[position]) }
        return text
    }

    /// The length and value of the run of digits at a position.
    func digitRun(at position: Int) -> (length: Int, value: Int) {
        var end = position
        var value = 0
        while end < chars.count, let ascii = chars[end].asciiValue, ascii >= 48, ascii <= 57 {
            if end - position < 18 { value = value * 10 + Int(ascii - 48) }
            end += 1
        }
        return (end - position, value)
    }

    /// The digits from a position.
    func digits(at position: Int) -> String {
        var end = position
        while end < chars.count, Self.isDigit(chars[end]) { end += 1 }
        return text(from: position, to: end)
    }

    /// The position of the next non-space character from a position.
    func skippingSpaces(from position: Int) -> Int {
        var position = position
        while position < chars.count, Self.isSpace(chars[position]) { position += 1 }
        return position
    }

    /// Reads a number of digits and returns it with its number of digits.
    mutating func readNumber() -> (value: Int, length: Int)? {
        let run = digitRun(at: index)
        guard run.length > 0, run.length <= 9 else { return nil }
        index += run.length
        return (run.value, run.length)
    }
}
