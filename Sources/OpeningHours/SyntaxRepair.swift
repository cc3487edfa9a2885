import Foundation

/// Repairs a value that is almost in the syntax, one parser error at a time: each error
/// code at its position has a fix (`9:00` → `09:00`, `08:30 - 12:00` → `08:30-12:00`,
/// `Mo-Fr:` → `Mo-Fr`, `Lundi` → `Mo`, `9h` → `09:00`, a lone `17:00` → `17:00+`…).
struct SyntaxRepair {
    /// The repaired value, or `nil` when some error has no fix.
    static func repair(_ text: String, attempts: Int = 40) -> OpeningHours? {
        var chars = Array(text.trimmingCharacters(in: .whitespacesAndNewlines))
        for _ in 0..<attempts {
            do {
                return try OpeningHours(parsing: String(chars))
            } catch {
                guard let fixed = fix(error, in: chars), fixed != chars else { return nil }
                chars = fixed
            }
        }
        return nil
    }

    /// The text with one error fixed.
    static func fix(_ error: OpeningHoursError, in chars: [Character]) -> [Character]? {
        var chars = chars
        let position = error.position
        switch error.code {
        case .hourNotTwoDigits:
            chars.insert("0", at: position)
        case .spaceInTimeRange:
            // Remove the spaces on both sides of the dash near the position.
            var start = position
            while start > 0, Parser.isSpace(chars[start - 1]) { start -= 1 }
            var end = position
            while end < chars.count, Parser.isSpace(chars[end]) || chars[end] == "-" || chars[end] == "–" { end += 1 }
            chars.replaceSubrange(start..<end, with: ["-"])
        case .misplacedColon:
            chars.remove(at: position)
        case .loneTime:
            chars.insert("+", at: position)
        case .chainedTimeRange:
            // `a-b-c` becomes `a-c`: drop `b-`.
            var start = position
            while start > 0, chars[start - 1] != "-" { start -= 1 }
            guard start > 0 else { return nil }
            chars.removeSubrange(start...position)
        case .invalidTimeFormat, .expectedTime:
            return fixTime(at: position, in: chars)
        case .timeOutOfRange:
            return nil
        case .trailingSeparator:
            chars.removeSubrange(position..<chars.count)
        case .emptyRule:
            chars.remove(at: position)
        case .missingSeparator:
            // Between two times, or two days (`Lundi Mercredi`), a comma; between rules, `; `.
            let isTime = position < chars.count && Parser.isDigit(chars[position])
            var before = position - 1
            while before >= 0, Parser.isSpace(chars[before]) { before -= 1 }
            let afterDay = before >= 1 && Parser.isLetter(chars[before]) && Parser.isLetter(chars[before - 1])
                && Weekday(abbreviation: String(chars[(before - 1)...before])) != nil
            chars.replaceSubrange(position..<position, with: Array(isTime || afterDay ? "," : "; "))
            // Drop the space before the inserted separator.
            if position > 0, Parser.isSpace(chars[position - 1]) { chars.remove(at: position - 1) }
        case .unknownWeekday, .unknownWord:
            return fixWord(at: position, in: chars)
        case .unterminatedComment:
            chars.append("\"")
        case .unexpectedCharacter:
            guard position < chars.count else { return nil }
            let character = chars[position]
            if character == "–" || character == "—" || character == "à" {
                chars[position] = "-"
            } else if character == "|" || character == "/" {
                chars[position] = ","
            } else if character == "." {
                chars[position] = ";"
            } else {
                return nil
            }
        case .empty, .unexpectedEnd, .numberOutOfRange, .unsupported:
            return nil
        }
        return chars
    }

    /// Rewrites the time at a position as `HH:MM`: `9h`, `9h30`, `14`, `9:00`, `0900`.
    static func fixTime(at position: Int, in chars: [Character]) -> [Character]? {
        var chars = chars
        var end = position
        while end < chars.count, Parser.isDigit(chars[end]) { end += 1 }
        let hourDigits = String(chars[position..<end])
        guard !hourDigits.isEmpty else {
            return fixWord(at: position, in: chars)
        }
        var hour: Int
        var minute = 0
        if hourDigits.count == 4 {
            guard let h = Int(hourDigits.prefix(2)), let m = Int(hourDigits.suffix(2)) else { return nil }
            hour = h
            minute = m
        } else if hourDigits.count <= 2 {
            guard let h = Int(hourDigits) else { return nil }
            hour = h
            if end < chars.count, chars[end] == "h" || chars[end] == "H" || chars[end] == ":" {
                end += 1
                var minuteEnd = end
                while minuteEnd < chars.count, Parser.isDigit(chars[minuteEnd]) { minuteEnd += 1 }
                if minuteEnd > end {
                    // Any number of digits may follow (« 12h0000000… »): too many is no minute.
                    guard let m = Int(String(chars[end..<minuteEnd])) else { return nil }
                    minute = m
                    end = minuteEnd
                }
            }
        } else {
            return nil
        }
        guard hour <= 48, minute < 60 else { return nil }
        chars.replaceSubrange(position..<end, with: Array(TimeSpan.clock(hour * 60 + minute)))
        return chars
    }

    /// Replaces a French word by the syntax's (`Lundi` → `Mo`, `fermé` → `off`).
    static func fixWord(at position: Int, in chars: [Character]) -> [Character]? {
        var chars = chars
        var end = position
        while end < chars.count, Parser.isLetter(chars[end]) { end += 1 }
        guard end > position else { return nil }
        let word = String(chars[position..<end])
        let replacement: String
        if let day = FrenchWords.weekday(word) ?? FrenchWords.englishWeekday(word) {
            replacement = day.abbreviation
        } else if let month = FrenchWords.month(word) {
            replacement = month.abbreviation
        } else if let keyword = FrenchWords.stateKeyword(word) {
            replacement = keyword
        } else {
            return nil
        }
        chars.replaceSubrange(position..<end, with: Array(replacement))
        return chars
    }
}
