import Foundation

/// How the parser words its errors: what is wrong, where (counted from 1 for people), what
/// was expected, what to do.
extension Parser {
    func makeError(
        _ code: OpeningHoursError.Code, at position: Int, expected: String, problem: String, advice: String
    ) -> OpeningHoursError {
        let place: String
        if position >= chars.count {
            place = "à la fin de l'horaire"
        } else {
            place = "au caractère \(position + 1) (« \(excerpt(at: position)) »)"
        }
        return OpeningHoursError(
            code: code, position: position, expected: expected,
            message: "\(problem) \(place). Attendu : \(expected). \(advice)"
        )
    }

    /// The token that starts at a position, for quoting in a message.
    func excerpt(at position: Int) -> String {
        guard position < chars.count else { return "" }
        var end = position
        while end < chars.count, !Self.isSpace(chars[end]), chars[end] != ";", end - position < 20 {
            end += 1
            if end < chars.count, chars[position] == "," || chars[position] == "-" || chars[position] == ":" { break }
        }
        if end == position { end += 1 }
        return String(chars[position..<end])
    }

    /// A generic error for something that cannot stand at a position, made more precise
    /// when the mistake is a known one (a French day name, a French time, a missing `;`).
    func unexpected(at position: Int, expected: String) -> OpeningHoursError {
        if position >= chars.count {
            return makeError(
                .unexpectedEnd, at: position, expected: expected,
                problem: "L'horaire s'arrête trop tôt",
                advice: "Complétez la règle."
            )
        }
        if let (word, _) = peekWord(at: position) {
            if let day = FrenchWords.weekday(word) {
                return makeError(
                    .unknownWeekday, at: position, expected: "un jour de la semaine (Mo, Tu, We, Th, Fr, Sa, Su)",
                    problem: "« \(word) » n'est pas un jour reconnu",
                    advice: "Écrivez les jours en abrégé anglais : « \(day.abbreviation) » pour \(day.frenchName)."
                )
            }
            if let month = FrenchWords.month(word) {
                return makeError(
                    .unknownWord, at: position, expected: "un mois (Jan, Feb…)",
                    problem: "« \(word) » n'est pas un mois reconnu",
                    advice: "Écrivez les mois en abrégé anglais : « \(month.abbreviation) » pour \(month.frenchName)."
                )
            }
            if let keyword = FrenchWords.stateKeyword(word) {
                return makeError(
                    .unknownWord, at: position, expected: expected,
                    problem: "« \(word) » n'est pas un mot de la syntaxe",
                    advice: "Écrivez « \(keyword) »."
                )
            }
            return makeError(
                .unknownWord, at: position, expected: expected,
                problem: "Le mot « \(word) » n'est pas reconnu",
                advice: "Les jours s'écrivent Mo, Tu, We, Th, Fr, Sa, Su, les heures HH:MM ; un texte libre se met entre guillemets droits (\"sur rendez-vous\")."
            )
        }
        let character = chars[position]
        if Self.isDigit(character) {
            let number = digits(at: position)
            let after = position + number.count
            if after < chars.count, chars[after] == "h" || chars[after] == "H" {
                return frenchTimeError(at: position)
            }
        }
        return makeError(
            .unexpectedCharacter, at: position, expected: expected,
            problem: "Caractère « \(character) » inattendu",
            advice: "Vérifiez l'horaire à cet endroit ; un texte libre se met entre guillemets droits (\"sur rendez-vous\")."
        )
    }

    /// The error for what follows a complete rule, when it is not a separator.
    func unexpectedAfterRule(_ rule: Rule) -> OpeningHoursError {
        let position = index
        let expected: String
        if rule.modifier != nil || rule.comment != nil {
            expected = "« ; » avant la règle suivante, ou la fin de l'horaire"
        } else if !rule.times.isEmpty {
            expected = "« , » et une autre plage horaire, « ; » avant la règle suivante, « off », un commentaire ou la fin"
        } else if !rule.weekdays.isEmpty {
            expected = "une plage horaire (HH:MM-HH:MM), « off », « ; » ou la fin"
        } else {
            expected = "des jours, une plage horaire (HH:MM-HH:MM), « ; » ou la fin"
        }
        if current == ":", !rule.weekdays.isEmpty {
            return makeError(
                .misplacedColon, at: position, expected: "une espace puis une plage horaire",
                problem: "Deux-points « : » après les jours",
                advice: "Séparez les jours des heures par une simple espace : « Mo-Fr 09:00-17:00 »."
            )
        }
        if let (word, _) = peekWord(), Weekday(abbreviation: word) != nil || word == "PH" || word == "SH" {
            return makeError(
                .missingSeparator, at: position, expected: "« ; » entre deux règles",
                problem: "Une nouvelle règle commence sans séparateur",
                advice: "Ajoutez « ; » avant « \(word) »."
            )
        }
        if current.map(Self.isDigit) == true, !rule.times.isEmpty {
            return makeError(
                .missingSeparator, at: position, expected: "« , » entre deux plages horaires",
                problem: "Deux plages horaires sans virgule entre elles",
                advice: "Séparez les plages par une virgule : « 09:00-12:00,14:00-17:00 »."
            )
        }
        return unexpected(at: position, expected: expected)
    }

    /// The error for `9h`, `14h30`, `9h-12h`.
    func frenchTimeError(at position: Int) -> OpeningHoursError {
        makeError(
            .invalidTimeFormat, at: position, expected: "une heure au format HH:MM",
            problem: "Heure écrite à la française",
            advice: "Écrivez les heures sur deux chiffres avec deux-points : « 09:00 » pour 9h, « 14:30 » pour 14h30."
        )
    }
}
