import Foundation

/// Weekday selectors: `Mo-Fr`, `Mo,We`, `Su[1,3]`, `Mo[-1]`, `PH`, `SH`, `Su,PH`.
extension Parser {
    /// Whether a weekday or a holiday starts at a position.
    func startsWeekdayItem(at position: Int) -> Bool {
        guard let (word, _) = peekWord(at: position) else { return false }
        return Weekday(abbreviation: word) != nil || Self.holiday(word) != nil
    }

    static func holiday(_ word: String) -> Holiday? {
        Holiday(rawValue: word.uppercased())
    }

    mutating func parseWeekdaySelector(into rule: inout Rule) throws(OpeningHoursError) {
        guard startsWeekdayItem(at: index) else { return }
        while true {
            rule.weekdays.append(try parseWeekdayItem())
            if current == "," {
                let next = skippingSpaces(from: index + 1)
                if startsWeekdayItem(at: next) {
                    index = next
                    continue
                }
            }
            break
        }
        skipSpaces()
        // `SH Mo-Fr`: holidays, restricted to some weekdays.
        let onlyHolidays = rule.weekdays.allSatisfy { if case .holiday = $0 { true } else { false } }
        if onlyHolidays, let (word, _) = peekWord(), Weekday(abbreviation: word) != nil {
            while true {
                let item = try parseWeekdayItem()
                if case .holiday = item {
                    throw makeError(
                        .unexpectedCharacter, at: index - 2, expected: "un jour de la semaine (Mo, Tu…)",
                        problem: "Un jour férié ou de vacances ne peut pas suivre les jours qui le restreignent",
                        advice: "Écrivez par exemple « SH Mo-Fr »."
                    )
                }
                rule.holidayWeekdays.append(item)
                if current == ",", startsWeekdayItem(at: skippingSpaces(from: index + 1)) {
                    index = skippingSpaces(from: index + 1)
                    continue
                }
                break
            }
            skipSpaces()
        }
    }

    mutating func parseWeekdayItem() throws(OpeningHoursError) -> WeekdayItem {
        let (word, length) = peekWord()!
        index += length
        if let holiday = Self.holiday(word) {
            return .holiday(holiday)
        }
        let day = Weekday(abbreviation: word)!
        if current == "-" {
            index += 1
            guard let (second, secondLength) = peekWord(), let last = Weekday(abbreviation: second) else {
                var error = unexpected(at: index, expected: "un jour de la semaine (Mo, Tu, We, Th, Fr, Sa, Su)")
                if error.code == .unexpectedCharacter || error.code == .unknownWord {
                    error.code = .unknownWeekday
                }
                throw error
            }
            index += secondLength
            return .range(day, last)
        }
        if current == "[" {
            index += 1
            var ranges: [NthRange] = []
            while true {
                let from = try parseNth()
                var to = from
                if current == "-" {
                    index += 1
                    to = try parseNth()
                    guard (from > 0) == (to > 0), to >= from else {
                        throw makeError(
                            .numberOutOfRange, at: index - 1, expected: "une fin de plage après le début",
                            problem: "Plage de rangs inversée ou mêlant positifs et négatifs",
                            advice: "Écrivez par exemple « Mo[1-2] »."
                        )
                    }
                }
                ranges.append(NthRange(from: from, to: to))
                if current == "," {
                    index += 1
                    continue
                }
                break
            }
            guard current == "]" else {
                throw unexpected(at: index, expected: "« ] » pour fermer la liste de rangs")
            }
            index += 1
            return .nth(day, ranges)
        }
        return .range(day, day)
    }

    /// Reads `1`…`5` or `-1`…`-5`.
    mutating func parseNth() throws(OpeningHoursError) -> Int {
        let position = index
        var sign = 1
        if current == "-" {
            sign = -1
            index += 1
        }
        guard let (value, _) = readNumber() else {
            throw unexpected(at: index, expected: "un rang de 1 à 5, ou de -1 à -5 (Mo[1], Mo[-1])")
        }
        guard (1...5).contains(value) else {
            throw makeError(
                .numberOutOfRange, at: position, expected: "un rang de 1 à 5, ou de -1 à -5",
                problem: "Rang « \(sign * value) » impossible dans un mois",
                advice: "Écrivez « Mo[1] » pour le premier lundi du mois, « Mo[-1] » pour le dernier."
            )
        }
        return sign * value
    }
}
