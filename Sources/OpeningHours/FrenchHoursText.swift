import Foundation

/// French hours text made ready to read: folded (lower case, no accents), the phrases the
/// syntax cannot say (`sur rendez-vous`, `1 samedi sur 2`, `pendant les vacances
/// scolaires`) taken out as notes, then cut into pieces.
struct FrenchHoursText {
    enum Piece: Equatable {
        case day(Weekday)
        /// `tous les jours`, `tlj`, `7j/7`.
        case allDays
        /// `24h/24`.
        case allDay
        /// `au`, `à`, `jusqu'à`.
        case to
        case dash
        case slash
        /// A time with its minutes (`9h`, `9h30`, `09:00`, `9 h 30`, `midi`).
        case time(Int)
        /// A bare number (`9-12h`).
        case number(Int)
        /// A single letter that may be a day (`L au V`).
        case letter(Character)
        case closed
        /// `sauf`.
        case except
        /// `après`, `à partir de`, `dès` before a time: open from then, end not given (`19:00+`).
        case openEnd
        /// `,`, `;`, `|`, `.`, `et`, line breaks.
        case separator
        /// A phrase taken out of the text, by index in ``notes``.
        case note(Int)
        case unknown(String)
    }

    /// A phrase the syntax cannot say, kept in the words of the text.
    struct Note: Equatable {
        var text: String
        /// The day the phrase is about (`1 samedi sur 2`): it gets a rule of its own,
        /// `Sa unknown "1 samedi sur 2"`.
        var day: Weekday?
        /// `fermé les jours fériés`: written `PH off`.
        var holidaysOff = false
    }

    var pieces: [Piece] = []
    var notes: [Note] = []
    var weeks: WeekParity?

    init(_ text: String) {
        // Text decoded with the wrong encoding: a lost character between spaces was « à »,
        // inside a word most likely « é ».
        let cleaned = text
            .replacingOccurrences(of: "ï¿½", with: "\u{FFFD}")
            .replacingOccurrences(of: "(\\d)\u{FFFD}(\\d)", with: "$1-$2", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: " \u{FFFD} ", with: " à ")
            .replacingOccurrences(of: "\u{FFFD}", with: "é")
            .replacingOccurrences(of: "’", with: "'")
        var original = Array(cleaned)
        var folded = Array(FrenchWords.fold(cleaned))
        if folded.count != original.count { original = folded }
        for pattern in Self.patterns {
            var searchFrom = 0
            while searchFrom < folded.count {
                let string = String(folded[searchFrom...])
                let range = NSRange(string.startIndex..., in: string)
                guard let match = pattern.regex.firstMatch(in: string, range: range),
                      let found = Range(match.range, in: string) else { break }
                let start = searchFrom + string.distance(from: string.startIndex, to: found.lowerBound)
                let length = string.distance(from: found.lowerBound, to: found.upperBound)
                guard length > 0 else { break }
                let phrase = String(original[start..<start + length])
                var replacement: [Character] = [" "]
                switch pattern.kind {
                case .note, .dayNote, .holidaysOff:
                    var noteText = phrase.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                    if pattern.kind == .note, noteText.hasPrefix("("), noteText.hasSuffix(")") {
                        noteText = String(noteText.dropFirst().dropLast())
                    }
                    noteText = noteText.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                    // An empty pair of brackets once its phrase was read (`(semaines paires)`).
                    guard !noteText.isEmpty else { break }
                    var note = Note(text: noteText)
                    if pattern.kind == .dayNote {
                        let words = String(folded[start..<start + length]).split { !$0.isLetter }
                        note.day = words.lazy.compactMap { FrenchWords.weekday(String($0)) }.first
                    }
                    note.holidaysOff = pattern.kind == .holidaysOff
                    notes.append(note)
                    replacement.append(Character(UnicodeScalar(Self.notePlaceholder + UInt32(notes.count - 1))!))
                case .parity:
                    weeks = WeekParity(french: phrase)
                case .erase:
                    break
                case let .word(word):
                    replacement += Array(word)
                }
                replacement.append(" ")
                folded.replaceSubrange(start..<start + length, with: replacement)
                original.replaceSubrange(start..<start + length, with: replacement)
                searchFrom = start + replacement.count
            }
        }
        pieces = Self.pieces(folded)
    }

    // MARK: Phrases

    enum PatternKind: Equatable {
        case note, dayNote, holidaysOff, parity, erase
        /// Replaced by a word the reader knows.
        case word(String)
    }

    /// A phrase to look for. `NSRegularExpression` is immutable and safe to share between
    /// threads once built.
    struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        let kind: PatternKind

        init(_ pattern: String, _ kind: PatternKind) {
            regex = try! NSRegularExpression(pattern: pattern, options: [])
            self.kind = kind
        }
    }

    static let notePlaceholder: UInt32 = 0xE000

    static let dayWords = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    static let monthWords = "(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
    /// A time range written any way (`9h-12h`, `de 9h à 12h`, `14h/16h30`).
    static let timeRange = #"(?:\s*,?\s*(?:de\s+|:\s*)?\d{1,2}\s*(?:h|:)?\s*\d{0,2}\s*(?:-|a|/|jusqu'a)\s*\d{1,2}\s*(?:h|:)?\s*\d{0,2})"#
    static let timeRanges = timeRange + #"(?:\s*(?:et|,|/|-)\s*"# + timeRange + ")*"

    /// Phrases, in the order they are looked for (on the folded text).
    static let patterns: [Pattern] = [
        Pattern(#"24\s*h?\s*/\s*24\s*h?|24\s*h\s*sur\s*24"#, .word("toutelajournee")),
        Pattern(#"7\s*j(?:ours?)?\s*/\s*7|7\s*jours?\s*sur\s*7|\b7\s*/\s*7\b"#, .word("tlj")),
        Pattern(#"semaines?\s+(?:paires?|impaires?)"#, .parity),
        Pattern(#"\bpas\s+d'\s*accueil|\baucun\s+accueil|\bnon\s+ouverte?(?:\s+au\s+public)?"#, .word("ferme")),
        Pattern(#"\btoute\s+la\s+journee\b"#, .erase),
        Pattern(#"\b(?:a\s+partir\s+de|apres|des)\s+(?=\d)"#, .word("apartirde")),
        Pattern(#"\b(?:ferme|fermee|fermeture)\s+(?:le\s+)?(?:dernier|premier|1er)\s+[a-z]+"#, .note),
        Pattern(#"\btous\s+les\s+(?:\d+|quinze)\s+jours\b|\btoutes\s+les\s+(?:deux|2)\s+semaines\b|\ben\s+mairie\b"#, .note),
        // `FERME l'apm` after the morning's times: the times already say it.
        Pattern(#"\b(?:ferme|fermee|fermeture)\s+(?:l'|le\s+|les\s+)?(?:apm|apres[\s-]*midis?|matins?)\b"#, .erase),
        Pattern(#"(?:\b(?:sauf|ferme|fermee|fermes|fermeture)\s+(?:les\s+|le\s+)?(?:jours?\s+)?(?:feries?|jf)\b)"#, .holidaysOff),
        Pattern(#"\bweek[\s-]*ends?\b"#, .word("samedi au dimanche")),
        Pattern(#"\([^()]*\)"#, .note),
        Pattern(#"\b(?:une?|\d+)\s*(?:x|fois)\s+par\s+mois(?:\s*,?"# + timeRanges + ")?", .note),
        // `1 samedi sur 2`, `un mardi sur deux de 9h à 12h`, `le 1er mardi du mois`.
        Pattern(#"\b(?:(?:un|une|1|2|3|4|deux|trois|le|les|chaque|tous\s+les)\s+)?(?:(?:\d\s*(?:er|e|eme|nd|ere)?|premiers?|derniers?|deuxiemes?|troisiemes?)\s+(?:et\s+(?:\d\s*(?:er|e|eme|nd|ere)?|premiers?|derniers?|deuxiemes?|troisiemes?)\s+)?)?"# + dayWords
                + #"s?\s+(?:sur\s+(?:\d|deux|trois|quatre)|par\s+mois|du\s+mois|\s*/\s*mois|(?:de\s+)?chaque\s+mois)(?:\s*(?:matin|apres[\s-]*midi))?"# + "(?:" + timeRanges + ")?", .dayNote),
        Pattern(#"\b(?:une|1)\s+semaine\s*(?:sur|/)\s*(?:deux|2)|\ben\s+alternance\b"#, .note),
        Pattern(#"\b(?:pour\s+les|reserve\s+aux?|reservee?s?\s+aux?)\s+[a-z]+(?:\s+[a-z]+)?"#, .note),
        Pattern(#"\b(?:en\s+)?(?:acces|venue|entree)\s+libre\b|\bateliers?\s+collectifs?\b|\bsans\s+inscription\b"#, .note),
        Pattern(#"\b(?:en\s+cas\s+d|en\s+fonctions?\s+d|selon\b)[^;|\n]*"#, .note),
        Pattern(#"\b(?:ferme|fermee|fermeture)\s+(?:pendant\s+)?(?:les\s+)?vacances(?:\s+scolaires)?"#, .note),
        Pattern(#"(?:\b(?:l'|le\s+)?(?:apres[\s-]*midi|ap\s*midi|apm|matin|soir|en\s+soiree)\s+)?(?:\b(?:uniquement|seulement|permanences?|accueil)\s+)?\b(?:sur|avec|sans|par)?\s*(?:un\s+)?(?:rendez[\s-]*vous|rdv|r\.d\.v\.?)(?:\s+(?:uniquement|seulement|(?:l'|le\s+)?(?:apres[\s-]*midi|apm|matin|soir)|pendant\s+cette\s+periode))?"#, .note),
        Pattern(#"(?:\b(?:ferme|fermee|fermeture|ouvert|ouverte|uniquement)\s+)?\b(?:en|au\s+mois\s+d'|au\s+mois\s+de|pendant|durant|hors|sauf|d\s*'?\s*ete|l'ete)\s*(?:les\s+|la\s+|l')?(?:vacances(?:\s+scolaires)?|periodes?\s+(?:de\s+)?(?:vacances|scolaires?)|saison|ete|hiver|"# + monthWords + #")(?:\s*(?:-|et|a)\s*"# + monthWords + #")?(?:\s+(?:uniquement|seulement|scolaires?))?(?:\s*:?"# + timeRanges + ")?", .note),
        Pattern(#"\b(?:ferme|fermee|fermeture)\s+(?:l'ete|"# + monthWords + ")", .note),
        Pattern(#"\b(?:vacances\s+scolaires|hors\s+saison|en\s+saison|hors\s+vac)\b\.?"#, .note),
    ]

    // MARK: Pieces

    static func pieces(_ chars: [Character]) -> [Piece] {
        var pieces: [Piece] = []
        var index = 0
        var words: [(String, Int)] = [] // (word, index in pieces) to look ahead later
        while index < chars.count {
            let character = chars[index]
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
               scalar.value >= notePlaceholder, scalar.value < notePlaceholder + 0x1000 {
                pieces.append(.note(Int(scalar.value - notePlaceholder)))
                index += 1
                continue
            }
            if Parser.isDigit(character) {
                let (piece, next) = number(chars, from: index)
                pieces.append(piece)
                index = next
                continue
            }
            if Parser.isLetter(character) {
                var end = index
                while end < chars.count, Parser.isLetter(chars[end]) { end += 1 }
                let word = String(chars[index..<end])
                words.append((word, pieces.count))
                pieces.append(piece(for: word))
                index = end
                continue
            }
            switch character {
            case "-", "–", "—": pieces.append(.dash)
            case "/": pieces.append(.slash)
            case ",", "|", ";", ".", "+", "&", "\n", "\r", "\r\n": pieces.append(.separator)
            default: break // spaces, colons, quotes, apostrophes, brackets
            }
            index += 1
        }
        // `tous les lundis` is not every day; `tous les jours` is.
        for (offset, (word, position)) in words.enumerated() where word == "tous" || word == "toutes" {
            let next = words.dropFirst(offset + 1).first { $0.0 != "les" }
            if let next, FrenchWords.weekday(next.0) != nil { pieces[position] = .separator }
        }
        // `après-midi` is not `midi`.
        for (offset, (word, position)) in words.enumerated() where word == "apres" {
            if offset + 1 < words.count, words[offset + 1].0 == "midi" {
                pieces[position] = .unknown("apres-midi")
                pieces[words[offset + 1].1] = .separator
            }
        }
        // `L au V`, `L-V`: single letters are days when they make a range.
        for position in pieces.indices {
            guard case let .letter(letter) = pieces[position] else { continue }
            func day(at index: Int) -> Bool {
                guard index >= 0, index < pieces.count else { return false }
                switch pieces[index] {
                case let .letter(other): return singleLetterDays[other] != nil
                case .day: return true
                default: return false
                }
            }
            let inRange = (position + 2 < pieces.count && [.to, .dash].contains(pieces[position + 1]) && day(at: position + 2))
                || (position >= 2 && [.to, .dash].contains(pieces[position - 1]) && day(at: position - 2))
            if inRange, let weekday = singleLetterDays[letter] {
                pieces[position] = .day(weekday)
            } else {
                pieces[position] = letter == "l" || letter == "d" || letter == "h" ? .separator : .unknown(String(letter))
            }
        }
        return pieces
    }

    /// The indexes of the times that open without an end (`après 19h`); `à partir de 14h
    /// jusqu'à 18h` has one.
    static func openEndTimes(_ pieces: [Piece]) -> Set<Int> {
        var indexes: Set<Int> = []
        for (index, piece) in pieces.enumerated() where piece == .openEnd {
            var time = index + 1
            while time < pieces.count, pieces[time] == .separator { time += 1 }
            guard time < pieces.count, case .time = pieces[time] else { continue }
            let next = time + 1 < pieces.count ? pieces[time + 1] : nil
            if next != .to, next != .dash { indexes.insert(time) }
        }
        return indexes
    }

    static let singleLetterDays: [Character: Weekday] = [
        "l": .monday, "j": .thursday, "v": .friday, "s": .saturday, "d": .sunday,
    ]

    /// A time or a bare number starting at a digit: `9h`, `9h30`, `09H00`, `9:00`,
    /// `9 h 30`, `0900`, `12h3019h` (12:30, then 19h), `14h16h30` (14h, then 16h30).
    static func number(_ chars: [Character], from start: Int) -> (Piece, Int) {
        func digits(from index: Int) -> Int {
            var end = index
            while end < chars.count, Parser.isDigit(chars[end]) { end += 1 }
            return end
        }
        let end = digits(from: start)
        let text = String(chars[start..<end])
        guard text.count <= 4, let value = Int(text) else { return (.unknown(text), end) }
        var after = end
        while after < chars.count, chars[after] == " " { after += 1 }
        let spaced = after > end
        guard after < chars.count, chars[after] == "h" || chars[after] == ":" else {
            if text.count == 4, value / 100 <= 24, value % 100 < 60 {
                return (.time((value / 100) * 60 + value % 100), end)
            }
            return (.number(value), end)
        }
        guard text.count <= 2 else { return (.unknown(text), end) }
        let separator = chars[after]
        var minuteStart = after + 1
        if separator == "h" {
            // `9 heures`
            var wordEnd = minuteStart
            while wordEnd < chars.count, Parser.isLetter(chars[wordEnd]) { wordEnd += 1 }
            if wordEnd > minuteStart {
                let word = String(chars[minuteStart..<wordEnd])
                guard word == "eures" || word == "eure" else { return (.time(value * 60), minuteStart) }
                minuteStart = wordEnd
            }
        }
        if separator == ":" || spaced || minuteStart > after + 1 {
            while minuteStart < chars.count, chars[minuteStart] == " " { minuteStart += 1 }
        }
        let minuteEnd = digits(from: minuteStart)
        let minuteDigits = minuteEnd - minuteStart
        if minuteDigits == 0 {
            return (.time(value * 60), minuteStart)
        }
        if minuteDigits >= 3 {
            // `12h3019h`: two digits of minutes, then the next time.
            let minutes = Int(String(chars[minuteStart..<minuteStart + 2]))!
            guard minutes < 60 else { return (.unknown(String(chars[start..<minuteEnd])), minuteEnd) }
            return (.time(value * 60 + minutes), minuteStart + 2)
        }
        var next = minuteEnd
        if spaced { while next < chars.count, chars[next] == " " { next += 1 } }
        let hourFollows = next < chars.count
            && (chars[next] == "h" || (chars[next] == ":" && next + 1 < chars.count && Parser.isDigit(chars[next + 1])))
        if separator == "h", hourFollows {
            // `14h16h30`: the digits after `h` are the next hour.
            return (.time(value * 60), minuteStart)
        }
        let minutes = Int(String(chars[minuteStart..<minuteEnd]))!
        guard minutes < 60 else { return (.unknown(String(chars[start..<minuteEnd])), minuteEnd) }
        return (.time(value * 60 + minutes), minuteEnd)
    }

    static func piece(for word: String) -> Piece {
        if word.count == 1 {
            return word == "a" ? .to : .letter(word.first!)
        }
        if let day = FrenchWords.weekday(word) ?? FrenchWords.englishWeekday(word) ?? Weekday(abbreviation: word) {
            return .day(day)
        }
        switch word {
        case "au", "jusqu", "jusqua", "aux":
            return .to
        case "midi":
            return .time(720)
        case "minuit":
            return .time(1440)
        case "tous", "toutes", "tlj", "quotidien", "quotidiennement":
            return .allDays
        case "toutelajournee":
            return .allDay
        case "apartirde":
            return .openEnd
        case "ferme", "fermee", "fermes", "fermees", "fermeture", "closed", "clos", "off", "ferm":
            return .closed
        case "sauf", "excepte", "hormis":
            return .except
        case "et", "puis", "ou":
            return .separator
        default:
            return fillers.contains(word) ? .separator : .unknown(word)
        }
    }

    /// Words that carry no meaning of their own here.
    static let fillers: Set<String> = [
        "de", "du", "des", "le", "la", "les", "un", "une", "qu", "horaires", "horaire", "heures", "heure",
        "ouverture", "ouvertures", "ouvert", "ouverte", "ouverts", "ouvertes", "jours", "jour", "the", "en",
        "continu", "non", "stop", "journee", "continue", "accueil", "public", "permanence", "permanences",
        "inclus", "semaine", "hr", "hrs", "mn", "min", "espace", "portes",
    ]
}
