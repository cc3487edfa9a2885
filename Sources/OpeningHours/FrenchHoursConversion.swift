import Foundation

/// What ``FrenchHours`` made of hours written in French: the value in the syntax, how
/// faithful it is, and the text it came from.
public struct FrenchHoursConversion: Sendable, Hashable {
    /// How much of the text the value says.
    public enum Quality: String, Sendable, Hashable, CaseIterable {
        /// The value says everything the text says, nothing more.
        case exacte
        /// The value says what could be written in the syntax; the rest (`1 samedi sur 2`,
        /// `sur rendez-vous`, `pendant les vacances scolaires`) is kept as a comment of the
        /// value or listed in ``FrenchHoursConversion/notes``.
        case partielle
        /// The text could not be read: no value rather than a guess.
        case impossible
    }

    /// The value in the canonical form of the syntax, which always parses; `nil` when
    /// ``quality`` is ``Quality/impossible``.
    public let openingHours: String?
    public let quality: Quality
    /// The text as given (for structured inputs, the cells joined as `lundi: …; mardi: …`).
    public let original: String
    /// What the value does not say as rules: parts of the text kept as comments or left out,
    /// in French, in the order met.
    public let notes: [String]

    public init(openingHours: String?, quality: Quality, original: String, notes: [String] = []) {
        self.openingHours = openingHours
        self.quality = quality
        self.original = original
        self.notes = notes
    }

    static func impossible(_ original: String, _ notes: [String] = []) -> FrenchHoursConversion {
        FrenchHoursConversion(openingHours: nil, quality: .impossible, original: original, notes: notes)
    }
}

/// A week parity, as some producers publish it in a column of its own (« Semaine paire »).
public enum WeekParity: String, Sendable, Hashable, CaseIterable {
    /// `week 02-52/2`.
    case paire
    /// `week 01-53/2`.
    case impaire

    /// The parity named by a French text (`Semaine paire`, `semaines impaires`, `impaire`);
    /// `nil` for anything else.
    public init?(french text: String) {
        let words = FrenchWords.fold(text).split { !$0.isLetter }
        if words.contains(where: { $0.hasPrefix("impair") }) {
            self = .impaire
        } else if words.contains(where: { $0.hasPrefix("pair") }) {
            self = .paire
        } else {
            return nil
        }
    }

    /// The week selector of the syntax.
    var selector: String {
        switch self {
        case .paire: "week 02-52/2"
        case .impaire: "week 01-53/2"
        }
    }
}
