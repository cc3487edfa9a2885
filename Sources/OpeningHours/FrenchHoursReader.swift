import Foundation

/// Reads opening hours written in French free text (`Lundi au vendredi 9h-12h/14h-18h`,
/// `du Lundi au Jeudi 08:30 - 12:00 / 13:30 - 17:00 | Vendredi 08:30 - 12:00`,
/// `Tous les jours 9h-20h`, `… Fermé jeudi`) and writes them in the syntax.
///
/// It only answers when it understood every word: anything it does not know (`2 vendredis
/// par mois`, `en saison`) makes it give up rather than guess.
struct FrenchHoursReader {
    enum Token: Equatable {
        case day(Weekday)
        case allDays
        /// `au`, `à`: a range, of days or of times.
        case to
        case dash
        /// A time with its minutes (`9h`, `9h30`, `09:00`, `midi`).
        case time(Int)
        /// A bare number that is an hour inside a range (`9-12h`).
        case number(Int)
        case closed
        /// `sur rendez-vous`.
        case appointment
        /// `,`, `/`, `|`, `;`, `.`, `et`: separators, whose meaning follows from what is around.
        case separator
        case unknown(String)
    }

    /// A rule being written: days, times, closed, comment.
    struct Draft {
        var days: UInt8 = 0
        var times: [(Int, Int)] = []
        var closed = false
        var appointment = false

        var isEmpty: Bool { days == 0 && times.isEmpty && !closed && !appointment }
    }

    /// Words that carry no meaning of their own here.
    static let fillers: Set<String> = [
        "de", "du", "des", "le", "la", "les", "l", "et", "h", "puis", "sur", "ou", "ainsi", "que",
        "horaires", "horaire", "ouverture", "ouvert", "ouverte", "jours", "jour", "the", "sauf",
        "aux",
    ]

    // MARK: Tokens

    static func tokens(_ text: String) -> [Token] {
        // Text decoded with the wrong encoding: a lost character between spaces was « à »,
        // inside a word most likely « é ».
        let cleaned = text
            .replacingOccurrences(of: "ï¿½", with: "\u{FFFD}")
            .replacingOccurrences(of: " \u{FFFD} ", with: " à ")
            .replacingOccurrences(of: "\u{FFFD}", with: "e")
        let chars = Array(FrenchWords.fold(cleaned))
        var tokens: [Token] = []
        var index = 0
        while index < chars.count {
            let character = chars[index]
            if Parser.isDigit(character) {
                var end = index
                while end < chars.count, Parser.isDigit(chars[end]) { end += 1 }
                let hour = Int(String(chars[index..<end].prefix(4)))!
                var after = end
                while after < chars.count, chars[after] == " " { after += 1 }
                if after < chars.count, chars[after] == "h" || chars[after] == ":" {
                    var minuteStart = after + 1
                    while minuteStart < chars.count, chars[minuteStart] == " ", chars[after] == ":" { minuteStart += 1 }
                    var minuteEnd = minuteStart
                    while minuteEnd < chars.count, Parser.isDigit(chars[minuteEnd]) { minuteEnd += 1 }
                    // `14h16h30`: the digits after `h` are the next hour, not minutes.
                    if minuteEnd < chars.count, chars[minuteEnd] == "h" { minuteEnd = minuteStart }
                    let minute = minuteEnd > minuteStart ? Int(String(chars[minuteStart..<minuteEnd].prefix(2)))! : 0
                    tokens.append(.time(hour * 60 + minute))
                    index = minuteEnd
                } else if end - index == 4 {
                    tokens.append(.time((hour / 100) * 60 + hour % 100))
                    index = end
                } else {
                    tokens.append(.number(hour))
                    index = end
                }
                continue
            }
            if Parser.isLetter(character) {
                var end = index
                while end < chars.count, Parser.isLetter(chars[end]) { end += 1 }
                let word = String(chars[index..<end])
                index = end
                tokens.append(token(for: word, previous: tokens.last))
                continue
            }
            switch character {
            case "-", "–", "—":
                tokens.append(.dash)
            case ",", "/", "|", ";", ".", "+", "&":
                tokens.append(.separator)
            default:
                break // spaces, colons, quotes, brackets
            }
            index += 1
        }
        // `tous les jours`
        return tokens
    }

    static func token(for word: String, previous: Token?) -> Token {
        if word.count >= 2, let day = FrenchWords.weekday(word) ?? FrenchWords.englishWeekday(word)
            ?? Weekday(abbreviation: word) {
            return .day(day)
        }
        switch word {
        case "au", "a", "jusqu":
            return .to
        case "midi":
            return .time(720)
        case "minuit":
            return .time(1440)
        case "tous", "tlj", "quotidien":
            return .allDays
        case "ferme", "fermee", "fermeture", "closed", "off":
            return .closed
        case "rendez", "vous", "rdv":
            return .appointment
        case "et":
            return .separator
        default:
            return fillers.contains(word) ? .separator : .unknown(word)
        }
    }

    // MARK: Rules

    /// The value in the syntax, or `nil` when some part was not understood.
    static func read(_ text: String) -> String? {
        guard let drafts = drafts(tokens(text)), !drafts.isEmpty else { return nil }
        return write(drafts)
    }

    /// The time spans of a day's text (`9h à 12h et 14h à 17h`) in the syntax
    /// (`09:00-12:00,14:00-17:00`); `"off"` for a closed day, `nil` when not understood.
    static func readDay(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "-" { return "off" }
        guard let drafts = drafts(tokens(trimmed)), drafts.count == 1, drafts[0].days == 0 else { return nil }
        let draft = drafts[0]
        if draft.closed, draft.times.isEmpty { return "off" }
        guard !draft.closed, !draft.times.isEmpty else { return nil }
        var text = timesText(draft.times)
        if draft.appointment { text += " \"sur rendez-vous\"" }
        return text
    }

    static func drafts(_ tokens: [Token]) -> [Draft]? {
        var drafts: [Draft] = []
        var current = Draft()
        var lastDay: Weekday?
        var rangePending = false
        var index = 0

        func flush() {
            if !current.isEmpty { drafts.append(current) }
            current = Draft()
            lastDay = nil
            rangePending = false
        }

        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case let .day(day):
                if !current.times.isEmpty || (current.closed && current.days != 0 && !rangePending && lastDay == nil) {
                    flush()
                }
                if rangePending, let first = lastDay {
                    current.days |= DayFilter.mask(from: first, to: day)
                } else {
                    current.days |= 1 << UInt8(day.rawValue)
                }
                rangePending = false
                lastDay = day
            case .allDays:
                if !current.times.isEmpty { flush() }
                current.days = 0x7F
            case .to, .dash:
                if lastDay != nil { rangePending = true }
            case .time, .number:
                guard let (span, next) = timeSpan(tokens, from: index) else { return nil }
                if current.closed { flush() }
                current.times.append(span)
                lastDay = nil
                rangePending = false
                index = next
                continue
            case .closed:
                if current.days != 0, current.times.isEmpty, !current.closed {
                    current.closed = true
                    flush()
                } else {
                    flush()
                    current.closed = true
                }
            case .appointment:
                current.appointment = true
                if drafts.last != nil, current.days == 0, current.times.isEmpty {
                    drafts[drafts.count - 1].appointment = true
                    current.appointment = false
                }
            case .separator:
                break
            case .unknown:
                return nil
            }
            index += 1
        }
        flush()
        // Times written before their days (`de 8h30 à 19h du lundi au vendredi`).
        var index2 = 1
        while index2 < drafts.count {
            let previous = drafts[index2 - 1]
            let draft = drafts[index2]
            if previous.days == 0, !previous.times.isEmpty, !previous.closed,
               draft.days != 0, draft.times.isEmpty, !draft.closed {
                drafts[index2 - 1].days = draft.days
                drafts[index2 - 1].appointment = previous.appointment || draft.appointment
                drafts.remove(at: index2)
            } else {
                index2 += 1
            }
        }
        // Days without times say nothing certain (unless by appointment); a closed rule
        // must name its days.
        for draft in drafts {
            if draft.days != 0, draft.times.isEmpty, !draft.closed, draft.appointment { continue }
            if draft.days != 0, draft.times.isEmpty, !draft.closed { return nil }
            if draft.closed, draft.days == 0, drafts.count > 1 { return nil }
        }
        return drafts
    }

    /// A time span starting at a token: `9h-12h`, `9h à 12h`, `9-12h`, `14h16h30`.
    static func timeSpan(_ tokens: [Token], from start: Int) -> ((Int, Int), Int)? {
        func minutes(_ token: Token) -> Int? {
            switch token {
            case let .time(value): value
            case let .number(hour) where hour <= 24: hour * 60
            default: nil
            }
        }
        guard let begin = minutes(tokens[start]) else { return nil }
        var index = start + 1
        var sawDash = false
        while index < tokens.count, tokens[index] == .dash || tokens[index] == .to {
            sawDash = true
            index += 1
        }
        guard index < tokens.count, let end = minutes(tokens[index]) else { return nil }
        // Two times side by side without a dash must both be real times (`14h16h30`).
        if !sawDash, case .number = tokens[start] { return nil }
        if !sawDash, case .number = tokens[index] { return nil }
        guard begin <= 1440, end <= 2880, end % 60 < 60 else { return nil }
        return ((begin, end), index + 1)
    }

    // MARK: Writing

    static func write(_ drafts: [Draft]) -> String? {
        var rules: [String] = []
        var closedRules: [String] = []
        for draft in drafts {
            var parts: [String] = []
            if draft.days != 0, draft.days != 0x7F || draft.closed { parts.append(daysText(draft.days)) }
            if draft.days == 0x7F, !draft.closed { parts.insert("Mo-Su", at: 0) }
            if draft.closed {
                parts.append("off")
                closedRules.append(parts.joined(separator: " "))
                continue
            }
            if draft.times.isEmpty {
                parts.append("unknown")
            } else {
                parts.append(timesText(draft.times))
            }
            if draft.appointment { parts.append("\"sur rendez-vous\"") }
            rules.append(parts.joined(separator: " "))
        }
        let text = (rules + closedRules).joined(separator: "; ")
        return text.isEmpty ? nil : text
    }

    static func timesText(_ times: [(Int, Int)]) -> String {
        times.map { TimeSpan.clock($0.0) + "-" + TimeSpan.clock($0.1) }.joined(separator: ",")
    }

    /// `Mo-Fr`, `Mo,We,Fr`, `Mo-We,Sa`: runs of three days or more as ranges.
    static func daysText(_ mask: UInt8) -> String {
        var parts: [String] = []
        var day = 0
        while day < 7 {
            guard (mask >> UInt8(day)) & 1 != 0 else {
                day += 1
                continue
            }
            var end = day
            while end + 1 < 7, (mask >> UInt8(end + 1)) & 1 != 0 { end += 1 }
            let first = Weekday(rawValue: day)!.abbreviation
            let last = Weekday(rawValue: end)!.abbreviation
            switch end - day {
            case 0: parts.append(first)
            case 1: parts.append(first + "," + last)
            default: parts.append(first + "-" + last)
            }
            day = end + 1
        }
        return parts.joined(separator: ",")
    }
}
