import Foundation

/// Converts opening hours written in French into the `opening_hours` syntax.
///
/// Free text (`Lundi au vendredi de 9h à 12h et de 14h à 17h`) or producers' columns (one
/// per day, per half-day, or per opening and closing time). The conversion says how
/// faithful it is: ``FrenchHoursConversion/Quality/exacte``, ``FrenchHoursConversion/Quality/partielle``
/// when a part the syntax cannot say (`1 samedi sur 2`, `sur rendez-vous`, `fermé en août`)
/// is kept as a comment or reported, ``FrenchHoursConversion/Quality/impossible`` when the
/// text is not understood. It never guesses: a value is only written when every word was
/// read, and it always parses with ``OpeningHours/init(parsing:)``, in its canonical form.
public enum FrenchHours {
    /// The value in the syntax for a French text; a value that already parses is kept as is.
    public static func convert(_ text: String) -> FrenchHoursConversion {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .impossible(text) }
        if (try? OpeningHours(parsing: trimmed)) != nil {
            return FrenchHoursConversion(openingHours: trimmed, quality: .exacte, original: text)
        }
        let reading = read(FrenchHoursText(trimmed))
        guard let reading else { return .impossible(text) }
        return conversion(text: reading.text, notes: reading.notes, original: text)
    }

    /// The value for hours given one column a day (`h_lundi` = `09:00 - 12:00 / 14:00 -
    /// 17:00`, `Mardi` = `9h à 12h et 14h à 17h`, `Fermé`, empty): days with the same hours
    /// are grouped (`Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00`).
    ///
    /// A day whose cell has no time and is not understood (`Itinérance`) becomes `unknown`
    /// with the cell as comment; a cell with times that are not understood makes the whole
    /// conversion impossible.
    public static func fromDays(_ days: [Weekday: String], weeks: WeekParity? = nil) -> FrenchHoursConversion {
        let original = originalText(days.mapValues { [$0] })
        var readings: [Weekday: DayReading] = [:]
        for (day, text) in days {
            readings[day] = DayReading(text, day: day)
        }
        return combine(readings, weeks: weeks, original: original)
    }

    /// The value for hours given by half-day (`lundi matin` = `9h-12h`, `lundi après-midi`
    /// = `14h-17h`, `Fermé`, empty); a half-day only marked (`x`) is reported, its hours not
    /// being known.
    public static func fromHalfDays(
        morning: [Weekday: String], afternoon: [Weekday: String], weeks: WeekParity? = nil
    ) -> FrenchHoursConversion {
        var cells: [Weekday: [String]] = [:]
        var readings: [Weekday: DayReading] = [:]
        for day in Weekday.allCases {
            let first = morning[day] ?? ""
            let second = afternoon[day] ?? ""
            cells[day] = [first, second]
            var halves = [DayReading(first, day: day), DayReading(second, day: day)]
            if halves.allSatisfy({ $0.kind == .marked }) {
                halves = [DayReading(kind: .noteOnly, notes: ["ouvert, horaires non précisés"])]
            }
            for (offset, name) in ["le matin", "l'après-midi"].enumerated() where halves.count == 2 && halves[offset].kind == .marked {
                halves[offset] = DayReading(kind: .noteOnly, notes: ["ouvert \(name), horaires non précisés"])
            }
            readings[day] = DayReading.joined(halves)
        }
        return combine(readings, weeks: weeks, original: originalText(cells))
    }

    /// The value for the half-day columns of a row, named as producers name them
    /// (`lundi_matin`, `lundi_apres_midi`, `Mardi matin`, `mardi après-midi`…); other
    /// columns are ignored.
    public static func fromHalfDays(columns: [String: String], weeks: WeekParity? = nil) -> FrenchHoursConversion {
        var morning: [Weekday: String] = [:]
        var afternoon: [Weekday: String] = [:]
        for (name, value) in columns {
            let words = FrenchWords.fold(name).split { !$0.isLetter }.map(String.init)
            guard let day = words.lazy.compactMap({ FrenchWords.weekday($0) }).first, words.count >= 2 else { continue }
            if words.contains("matin") {
                morning[day] = value
            } else if words.contains("apres") || words.contains("midi") || words.contains("apm") {
                afternoon[day] = value
            }
        }
        return fromHalfDays(morning: morning, afternoon: afternoon, weeks: weeks)
    }

    /// The value for hours given as single times, one column each, taken in pairs opening
    /// then closing (`lundi_ouverture_1` = `09:00`, `lundi_fermeture_1` = `12:00`, …).
    public static func fromRanges(_ times: [Weekday: [String]], weeks: WeekParity? = nil) -> FrenchHoursConversion {
        var readings: [Weekday: DayReading] = [:]
        for (day, cells) in times {
            var values: [Int] = []
            var closed = false
            var unreadable = false
            for cell in cells {
                let reading = DayReading(cell, day: day)
                switch reading.kind {
                case .empty: continue
                case .closed: closed = true
                case .open where reading.times.count == 1 && reading.notes.isEmpty: values += reading.times
                default: unreadable = true
                }
            }
            if unreadable || (closed && !values.isEmpty) {
                readings[day] = DayReading(kind: .unreadable)
            } else if values.isEmpty {
                readings[day] = DayReading(kind: closed ? .closed : .empty)
            } else {
                readings[day] = DayReading(kind: spans(values) == nil ? .unreadable : .open, times: values)
            }
        }
        return combine(readings, weeks: weeks, original: originalText(times))
    }

    // MARK: Writing

    static func conversion(text: String, notes: [String], original: String) -> FrenchHoursConversion {
        guard let hours = try? OpeningHours(parsing: text) else { return .impossible(original, notes) }
        return FrenchHoursConversion(
            openingHours: hours.normalized, quality: notes.isEmpty ? .exacte : .partielle,
            original: original, notes: notes
        )
    }

    /// Days with the same hours grouped into one rule, in the order of the week.
    static func combine(_ readings: [Weekday: DayReading], weeks: WeekParity?, original: String) -> FrenchHoursConversion {
        var groups: [(mask: UInt8, text: String, weeks: String)] = []
        var notes: [String] = []
        var anyValue = false
        for day in Weekday.allCases {
            guard let reading = readings[day] else { continue }
            let text: String
            switch reading.kind {
            case .empty:
                continue
            case .closed:
                anyValue = true
                notes += reading.notes
                continue
            case .unreadable, .marked:
                return .impossible(original)
            case .noteOnly:
                text = "unknown " + commentText(reading.notes)
            case .open:
                guard let spans = spans(reading.times) else { return .impossible(original) }
                text = spans + (reading.notes.isEmpty ? "" : " " + commentText(reading.notes))
                if reading.weeks != nil, weeks != nil, reading.weeks != weeks { return .impossible(original) }
            }
            let weekPrefix = (reading.weeks ?? weeks).map { $0.selector + " " } ?? ""
            anyValue = true
            for note in reading.notes where !notes.contains(note) { notes.append(note) }
            if let group = groups.firstIndex(where: { $0.text == text && $0.weeks == weekPrefix }) {
                groups[group].mask |= 1 << UInt8(day.rawValue)
            } else {
                groups.append((1 << UInt8(day.rawValue), text, weekPrefix))
            }
        }
        guard anyValue else { return .impossible(original) }
        let rules = groups.isEmpty
            ? ["off"]
            : groups.map { $0.weeks + FrenchHoursReader.daysText($0.mask) + " " + $0.text }
        return conversion(text: rules.joined(separator: "; "), notes: notes, original: original)
    }

    /// `lundi : 9h-12h ; mardi : Fermé` for cells given by day.
    static func originalText(_ cells: [Weekday: [String]]) -> String {
        Weekday.allCases.compactMap { day in
            let values = (cells[day] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard values.contains(where: { !$0.isEmpty }) else { return nil }
            return day.frenchName + " : " + values.filter { !$0.isEmpty }.joined(separator: " / ")
        }.joined(separator: " ; ")
    }
}
