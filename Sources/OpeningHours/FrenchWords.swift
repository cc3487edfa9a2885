import Foundation

/// French words people write in `horaires` instead of the syntax's English abbreviations:
/// day and month names, `fermé`, `ouvert`, `férié`. Used for precise errors and suggestions.
enum FrenchWords {
    /// The day named by a French word or abbreviation (`Lundi`, `lun`, `Lu`, `mardis`),
    /// regardless of case and accents.
    static func weekday(_ word: String) -> Weekday? {
        let key = fold(word)
        if let index = weekdayNames.firstIndex(where: { $0.contains(key) }) {
            return Weekday(rawValue: index)
        }
        return nil
    }

    /// The day named by an English word (`Monday`, `Mon`, `Tues`).
    static func englishWeekday(_ word: String) -> Weekday? {
        let key = fold(word)
        if let index = englishWeekdayNames.firstIndex(where: { $0.contains(key) }) {
            return Weekday(rawValue: index)
        }
        return nil
    }

    static let englishWeekdayNames: [Set<String>] = [
        ["monday", "mon"], ["tuesday", "tue", "tues"], ["wednesday", "wed"], ["thursday", "thu", "thur", "thurs"],
        ["friday", "fri"], ["saturday", "sat"], ["sunday", "sun"],
    ]

    /// The month named by a French word or abbreviation (`janvier`, `févr`).
    static func month(_ word: String) -> Month? {
        let key = fold(word)
        if let index = monthNames.firstIndex(where: { $0.contains(key) }) {
            return Month(rawValue: index + 1)
        }
        return nil
    }

    /// The syntax keyword for a French state word (`fermé` → `off`, `ouvert` → `open`,
    /// `férié` → `PH`).
    static func stateKeyword(_ word: String) -> String? {
        switch fold(word) {
        case "ferme", "fermee", "fermeture", "closed", "close": "off"
        case "ouvert", "ouverte": "open"
        case "inconnu": "unknown"
        case "ferie", "feries", "jf": "PH"
        default: nil
        }
    }

    /// Lower case, without accents.
    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }

    static let weekdayNames: [Set<String>] = [
        ["lundi", "lundis", "lun", "lu", "mundi"],
        ["mardi", "mardis", "mar", "ma"],
        ["mercredi", "mercredis", "mer", "me"],
        ["jeudi", "jeudis", "jeu", "je"],
        ["vendredi", "vendredis", "ven", "ve", "vend", "verdredi"],
        ["samedi", "samedis", "sam"],
        ["dimanche", "dimanches", "dim", "di"],
    ]

    static let monthNames: [Set<String>] = [
        ["janvier", "janv"],
        ["fevrier", "fevr", "fev"],
        ["mars"],
        ["avril", "avr"],
        ["mai"],
        ["juin"],
        ["juillet", "juil"],
        ["aout"],
        ["septembre", "sept"],
        ["octobre"],
        ["novembre"],
        ["decembre"],
    ]
}
