/// What a field of the standard expects, in French, for error messages.
enum FieldHints {
    /// A short description of the expected form of `field`, when it has a pattern.
    static func expectedForm(of field: String) -> String? {
        switch field {
        case "code_postal": return "5 chiffres (ex. 51100)"
        case "code_insee": return "le code INSEE de la commune, 5 caractères (ex. 51454, 2A004 ; ce n'est pas le code postal)"
        case "telephone": return "le format international sans espace ni point : +33 puis 9 chiffres sans le 0 (ex. +33180059880), ou un indicatif d'outre-mer (+590, +594, +262, +596, +269, +687, +689, +508, +681)"
        case "pivot": return "le SIRET (14 chiffres), le SIREN (9 chiffres), le numéro RNA (W + 9 caractères) ou le RIDET, sans espace"
        default: return nil
        }
    }

    /// The closest label of `vocabulary` to `value`, ignoring case, accents and spaces.
    static func closestLabel(to value: String, in vocabulary: [String]) -> String? {
        let key = fold(value)
        guard !key.isEmpty else { return nil }
        if let exact = vocabulary.first(where: { fold($0) == key }) { return exact }
        if let prefix = vocabulary.first(where: { fold($0).hasPrefix(key) || key.hasPrefix(fold($0)) }) {
            return prefix
        }
        return nil
    }

    static func fold(_ text: String) -> String {
        String(
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }
                .map(Character.init))
    }

    /// A cell shortened for a one-line message.
    static func excerpt(_ text: String, limit: Int = 60) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}

import Foundation
