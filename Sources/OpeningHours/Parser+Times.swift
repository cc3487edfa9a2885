import Foundation

/// Time selectors: `09:00-12:00,14:00-18:30`, `22:00-02:00`, `17:00+`.
extension Parser {
    /// Whether a time starts at a position (digits, or a variable time Lieux refuses).
    func startsTime(at position: Int) -> Bool {
        guard position < chars.count else { return false }
        let character = chars[position]
        if Self.isDigit(character) { return true }
        if character == "(" { return true }
        if let (word, _) = peekWord(at: position) {
            return Self.variableTimes.contains(word.lowercased())
        }
        return false
    }

    static let variableTimes: Set<String> = ["sunrise", "sunset", "dawn", "dusk"]

    mutating func parseTimeSelector(into rule: inout Rule) throws(OpeningHoursError) {
        guard startsTime(at: index) else { return }
        while true {
            rule.times.append(try parseTimeSpan())
            if current == "," {
                let next = skippingSpaces(from: index + 1)
                if startsTime(at: next) {
                    index = next
                    continue
                }
            }
            break
        }
        skipSpaces()
    }

    mutating func parseTimeSpan() throws(OpeningHoursError) -> TimeSpan {
        let spanStart = index
        let start = try parseTime(extended: false)
        if current == "+" {
            index += 1
            return TimeSpan(start: start, end: nil, openEnded: true)
        }
        if let character = current, Self.isSpace(character) {
            let next = skippingSpaces(from: index)
            if next < chars.count, chars[next] == "-" || chars[next] == "–" {
                throw spaceInRange(at: index)
            }
        }
        guard current == "-" else {
            let written = String(chars[spanStart..<index])
            throw makeError(
                .loneTime, at: index, expected: "un tiret « - » suivi de l'heure de fin (HH:MM)",
                problem: "L'heure « \(written) » est seule, sans heure de fin",
                advice: "Une plage horaire a un début et une fin : écrivez par exemple « \(written)-\(TimeSpan.clock(min(start + 60, 1440))) », ou supprimez cette heure."
            )
        }
        index += 1
        if let character = current, Self.isSpace(character) {
            throw spaceInRange(at: index)
        }
        let end = try parseTime(extended: true)
        var span = TimeSpan(start: start, end: end)
        if current == "+" {
            index += 1
            span.openEnded = true
        }
        if current == "-" {
            throw makeError(
                .chainedTimeRange, at: index,
                expected: "« , » avant une autre plage horaire, « ; » ou la fin de la règle",
                problem: "Plage horaire à deux tirets, qui enchaîne trois heures",
                advice: "Une plage a un début et une fin : écrivez deux plages séparées par une virgule, par exemple « 12:00-14:00,14:00-17:00 », ou une seule plage « 12:00-17:00 »."
            )
        }
        if current == "/" {
            throw makeError(
                .unsupported, at: index, expected: "« , », « ; » ou la fin de la règle",
                problem: "Les plages répétées (« /01:30 ») ne sont pas prises en charge",
                advice: "Indiquez les plages d'ouverture elles-mêmes."
            )
        }
        return span
    }

    func spaceInRange(at position: Int) -> OpeningHoursError {
        makeError(
            .spaceInTimeRange, at: position, expected: "le tiret collé aux heures (HH:MM-HH:MM)",
            problem: "Espace dans une plage horaire",
            advice: "Écrivez la plage sans espace autour du tiret, par exemple « 08:30-12:00 »."
        )
    }

    /// Reads `HH:MM`, up to `24:00`, or up to `48:00` for the end of a span.
    mutating func parseTime(extended: Bool) throws(OpeningHoursError) -> Int {
        let position = index
        if let (word, _) = peekWord(), Self.variableTimes.contains(word.lowercased()) {
            throw makeError(
                .unsupported, at: position, expected: "une heure (HH:MM)",
                problem: "Les heures variables (« \(word) ») ne sont pas prises en charge",
                advice: "Indiquez des heures fixes, par exemple « 08:00-18:00 »."
            )
        }
        if current == "(" {
            throw makeError(
                .unsupported, at: position, expected: "une heure (HH:MM)",
                problem: "Les heures variables entre parenthèses ne sont pas prises en charge",
                advice: "Indiquez des heures fixes, par exemple « 08:00-18:00 »."
            )
        }
        let hourRun = digitRun(at: position)
        guard hourRun.length > 0 else {
            let error = unexpected(at: position, expected: "une heure (HH:MM)")
            if error.code == .unexpectedCharacter || error.code == .unknownWord {
                return try rethrowAs(.expectedTime, error)
            }
            throw error
        }
        let after = position + hourRun.length
        let next: Character? = after < chars.count ? chars[after] : nil
        if next == "h" || next == "H" {
            throw frenchTimeError(at: position)
        }
        let minuteRun = digitRun(at: after + 1)
        if next == ":", hourRun.length == 2, minuteRun.length == 2 {
            let hour = hourRun.value
            let minute = minuteRun.value
            let limit = extended ? 48 : 24
            if minute < 60, hour < limit || (hour == limit && minute == 0) {
                index = after + 3
                return hour * 60 + minute
            }
        }
        let hourDigits = digits(at: position)
        guard next == ":", hourDigits.count <= 2 else {
            let value = Int(hourDigits) ?? 99
            let example = hourDigits.count <= 2 && value <= 24
                ? "« \(WeekRange.twoDigits(value)):00 »"
                : "« 09:00 »"
            throw makeError(
                .invalidTimeFormat, at: position, expected: "une heure au format HH:MM",
                problem: "Heure « \(hourDigits) » sans deux-points ni minutes",
                advice: "Écrivez les heures et les minutes sur deux chiffres séparés par deux-points, par exemple \(example)."
            )
        }
        let minuteDigits = digits(at: after + 1)
        if hourDigits.count == 1 {
            let written = hourDigits + ":" + minuteDigits
            throw makeError(
                .hourNotTwoDigits, at: position, expected: "une heure sur deux chiffres (HH:MM)",
                problem: "Heure « \(written) » écrite avec un seul chiffre",
                advice: "Écrivez « 0\(written) »."
            )
        }
        guard minuteDigits.count == 2 else {
            throw makeError(
                .invalidTimeFormat, at: after + 1, expected: "des minutes sur deux chiffres (00 à 59)",
                problem: "Minutes mal écrites",
                advice: "Écrivez l'heure au format HH:MM, par exemple « 09:30 »."
            )
        }
        let minute = minuteRun.value
        guard minute < 60 else {
            throw makeError(
                .timeOutOfRange, at: after + 1, expected: "des minutes de 00 à 59",
                problem: "Minutes « \(minuteDigits) » impossibles",
                advice: "Les minutes vont de 00 à 59."
            )
        }
        throw makeError(
            .timeOutOfRange, at: position,
            expected: extended ? "une heure de fin de 00:00 à 48:00" : "une heure de début de 00:00 à 24:00",
            problem: "Heure « \(hourDigits):\(minuteDigits) » impossible",
            advice: extended
                ? "Une plage qui passe minuit s'écrit « 22:00-02:00 » (ou « 22:00-26:00 »)."
                : "Une plage commence entre 00:00 et 24:00."
        )
    }

    private func rethrowAs(_ code: OpeningHoursError.Code, _ error: OpeningHoursError) throws(OpeningHoursError) -> Int {
        var error = error
        error.code = code
        throw error
    }
}
