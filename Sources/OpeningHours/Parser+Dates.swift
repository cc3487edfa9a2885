import Foundation

/// Wide selectors: years (`2026`, `2025-2027`), months and dates (`Jan-Jun`, `Dec 24-26`,
/// `2026 Jan 01`, `Jan 01-Mar 15`), weeks (`week 01-53/2`), and the optional `:` after them.
extension Parser {
    mutating func parseWideSelectors(into rule: inout Rule) throws(OpeningHoursError) {
        if startsYear(at: index), !startsMonth(at: skippingSpaces(from: index + 4)) {
            try parseYearSelector(into: &rule)
        }
        if startsDate(at: index) {
            try parseMonthdaySelector(into: &rule)
        } else if let (word, _) = peekWord(), word.lowercased() == "easter" {
            throw makeError(
                .unsupported, at: index, expected: "un mois (Jan, Feb…) ou des jours",
                problem: "Les dates relatives à Pâques (« easter ») ne sont pas prises en charge",
                advice: "Indiquez la date elle-même, par exemple « 2026 Apr 05 »."
            )
        }
        if let (word, length) = peekWord(), word.lowercased() == "week" {
            index += length
            try parseWeekSelector(into: &rule)
        }
        if current == ":", !rule.years.isEmpty || !rule.monthdays.isEmpty || !rule.weeks.isEmpty {
            index += 1
            skipSpaces()
        }
    }

    /// Four digits, not the start of a time (`2026`, not `20:26`).
    func startsYear(at position: Int) -> Bool {
        let run = digitRun(at: position)
        guard run.length == 4, run.value >= 1900 else { return false }
        let after = position + 4
        return after >= chars.count || chars[after] != ":"
    }

    func startsMonth(at position: Int) -> Bool {
        guard let (word, _) = peekWord(at: position) else { return false }
        return Month(abbreviation: word) != nil
    }

    /// A month, or a year followed by a month.
    func startsDate(at position: Int) -> Bool {
        startsMonth(at: position)
            || (startsYear(at: position) && startsMonth(at: skippingSpaces(from: position + 4)))
    }

    /// One or two digits that are a day of month, not an hour (`24` in `Dec 24`, not in `24:00`).
    func startsDay(at position: Int) -> Bool {
        let length = digitRun(at: position).length
        guard (1...2).contains(length) else { return false }
        let after = position + length
        guard after < chars.count else { return true }
        let next = chars[after]
        return next != ":" && next != "h" && next != "H"
    }

    // MARK: Years

    mutating func parseYearSelector(into rule: inout Rule) throws(OpeningHoursError) {
        while true {
            let from = readNumber()!.value
            var range = YearRange(from: from)
            if current == "-", startsYear(at: index + 1) {
                index += 1
                let position = index
                let to = readNumber()!.value
                guard to >= from else {
                    throw makeError(
                        .numberOutOfRange, at: position, expected: "une année postérieure à \(from)",
                        problem: "Plage d'années inversée",
                        advice: "Écrivez l'année de début puis celle de fin, par exemple « \(to)-\(from) »."
                    )
                }
                range.to = to
            } else if current == "+" {
                index += 1
                range.to = Int.max
            }
            if current == "/" {
                index += 1
                range.step = try parseStep()
            }
            rule.years.append(range)
            if current == ",", startsYear(at: index + 1), !startsMonth(at: skippingSpaces(from: index + 5)) {
                index += 1
                continue
            }
            break
        }
        skipSpaces()
    }

    mutating func parseStep() throws(OpeningHoursError) -> Int {
        let position = index
        guard let (value, _) = readNumber(), value > 0 else {
            throw makeError(
                .numberOutOfRange, at: position, expected: "un pas entier positif (/2)",
                problem: "Pas de répétition manquant ou nul",
                advice: "Écrivez par exemple « week 01-53/2 » pour une semaine sur deux."
            )
        }
        return value
    }

    // MARK: Months and dates

    mutating func parseMonthdaySelector(into rule: inout Rule) throws(OpeningHoursError) {
        while true {
            rule.monthdays.append(try parseMonthdayRange())
            if current == "," {
                let next = skippingSpaces(from: index + 1)
                if startsDate(at: next) {
                    index = next
                    continue
                }
            }
            break
        }
        skipSpaces()
    }

    mutating func parseMonthdayRange() throws(OpeningHoursError) -> MonthdayRange {
        var year: Int?
        if startsYear(at: index) {
            year = readNumber()!.value
            skipSpaces()
        }
        let month = try parseMonthName()
        let dayPosition = skippingSpaces(from: index)
        if startsDay(at: dayPosition) {
            index = dayPosition
            let from = DatePoint(year: year, month: month, day: try parseDay(in: month))
            if current == "+" {
                index += 1
                return .dates(from: from, to: nil, openEnded: true)
            }
            guard current == "-" else {
                return .dates(from: from, to: nil, openEnded: false)
            }
            index += 1
            let to: DatePoint
            if startsDate(at: index) {
                var toYear: Int?
                if startsYear(at: index) {
                    toYear = readNumber()!.value
                    skipSpaces()
                }
                let toMonth = try parseMonthName()
                skipSpaces()
                guard startsDay(at: index) else {
                    throw unexpected(at: index, expected: "un jour du mois (01 à 31)")
                }
                to = DatePoint(year: toYear, month: toMonth, day: try parseDay(in: toMonth))
            } else if startsDay(at: index) {
                to = DatePoint(year: nil, month: month, day: try parseDay(in: month))
            } else {
                throw unexpected(at: index, expected: "un jour (26) ou une date (Mar 15) de fin")
            }
            var openEnded = false
            if current == "+" {
                index += 1
                openEnded = true
            }
            return .dates(from: from, to: to, openEnded: openEnded)
        }
        if current == "-", startsMonth(at: index + 1) {
            index += 1
            let to = try parseMonthName()
            return .months(year: year, from: month, to: to)
        }
        return .months(year: year, from: month, to: nil)
    }

    mutating func parseMonthName() throws(OpeningHoursError) -> Month {
        guard let (word, length) = peekWord(), let month = Month(abbreviation: word) else {
            throw unexpected(at: index, expected: "un mois (Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec)")
        }
        index += length
        return month
    }

    mutating func parseDay(in month: Month) throws(OpeningHoursError) -> Int {
        let position = index
        let day = readNumber()!.value
        guard day >= 1, day <= month.maximumDay else {
            throw makeError(
                .numberOutOfRange, at: position, expected: "un jour de 01 à \(month.maximumDay)",
                problem: "Le jour « \(day) » n'existe pas en \(month.frenchName)",
                advice: "Vérifiez la date."
            )
        }
        return day
    }

    // MARK: Weeks

    mutating func parseWeekSelector(into rule: inout Rule) throws(OpeningHoursError) {
        skipSpaces()
        while true {
            let from = try parseWeekNumber()
            var range = WeekRange(from: from)
            if current == "-" {
                index += 1
                range.to = try parseWeekNumber()
            }
            if current == "/" {
                index += 1
                range.step = try parseStep()
            }
            rule.weeks.append(range)
            if current == ",", peek(1).map(Self.isDigit) == true {
                index += 1
                continue
            }
            break
        }
        skipSpaces()
    }

    mutating func parseWeekNumber() throws(OpeningHoursError) -> Int {
        let position = index
        guard let (value, length) = readNumber(), length <= 2 else {
            index = position
            throw unexpected(at: position, expected: "un numéro de semaine (01 à 53)")
        }
        guard (1...53).contains(value) else {
            throw makeError(
                .numberOutOfRange, at: position, expected: "un numéro de semaine de 01 à 53",
                problem: "La semaine « \(value) » n'existe pas",
                advice: "Les semaines ISO vont de 01 à 53."
            )
        }
        return value
    }
}
