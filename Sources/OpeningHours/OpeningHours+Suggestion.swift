import Foundation

/// Help to fix values that do not parse.
extension OpeningHours {
    /// A corrected value that parses, for a value that does not; `nil` when the value
    /// already parses or when no correction is found.
    ///
    /// The suggestion is only returned, never applied: show it to the person who wrote the
    /// value, who decides. It fixes the mistakes found in real venue data: a lone time
    /// (`Sa 17:00` → `Sa 17:00+`), a span with two dashes (`12:00-14:00-17:00` →
    /// `12:00-17:00`), French times (`9h-12h` → `09:00-12:00`), one-digit hours, spaces
    /// around the dash, a colon after the days, French day names, `fermé`, and values written
    /// in French (`Lundi au vendredi 9h-12h/14h-18h` → `Mo-Fr 09:00-12:00,14:00-18:00`, then
    /// ``FrenchHours`` for what it converts exactly).
    public static func suggestCorrection(for text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, (try? OpeningHours(parsing: text)) == nil else { return nil }
        if let repaired = SyntaxRepair.repair(trimmed) {
            return repaired.mergingDaylessRules().normalized
        }
        if let read = FrenchHoursReader.read(trimmed), let hours = try? OpeningHours(parsing: read) {
            return hours.normalized
        }
        // The fuller reader of French hours, when it read every word (« sauf le mercredi de
        // 9h à 12h », « 7j/7 », « fermé les jours fériés »).
        let french = FrenchHours.convert(trimmed)
        if french.quality == .exacte, let value = french.openingHours, let hours = try? OpeningHours(parsing: value) {
            return hours.normalized
        }
        return nil
    }

    /// A value in the syntax for hours given day by day, as many producers publish them
    /// (`h_lundi` = `09:00 - 12:00 / 13:30 - 17:00`, `Mardi` = `9h à 12h et 14h à 17h`,
    /// `Fermé` or empty for a closed day); days with the same hours are grouped
    /// (`Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00`). `nil` when a day's text is not
    /// understood or no day is open. Only a suggestion: show it before using it.
    public static func suggestion(fromDays days: [Weekday: String]) -> String? {
        var hoursByDay: [String?] = Array(repeating: nil, count: 7)
        for (day, text) in days {
            guard let hours = FrenchHoursReader.readDay(text) else { return nil }
            hoursByDay[day.rawValue] = hours == "off" ? nil : hours
        }
        var groups: [(mask: UInt8, hours: String)] = []
        for (index, hours) in hoursByDay.enumerated() {
            guard let hours else { continue }
            if let group = groups.firstIndex(where: { $0.hours == hours }) {
                groups[group].mask |= 1 << UInt8(index)
            } else {
                groups.append((1 << UInt8(index), hours))
            }
        }
        guard !groups.isEmpty else { return nil }
        let text = groups.map { FrenchHoursReader.daysText($0.mask) + " " + $0.hours }.joined(separator: "; ")
        return (try? OpeningHours(parsing: text))?.normalized
    }

    /// The value with rules of times only that follow a rule of days folded into it:
    /// `Mo 14:00-17:00; 09:00-12:00` most likely meant `Mo 14:00-17:00,09:00-12:00`, not
    /// every day from 9 to 12.
    func mergingDaylessRules() -> OpeningHours {
        var merged: [Rule] = []
        for rule in rules {
            if let previous = merged.last, !merged.isEmpty, !rule.hasDaySelector, !rule.times.isEmpty,
               !rule.isTwentyFourSeven, rule.modifier == nil, rule.comment == nil,
               previous.hasDaySelector, previous.modifier == nil {
                merged[merged.count - 1].times += rule.times
            } else {
                merged.append(rule)
            }
        }
        return OpeningHours(rules: merged)
    }
}
