/// A venue's address as the duplicate search compares it: the number (with « bis », « ter »)
/// and the street's words, folded, with the usual abbreviations spelled out (« av » is
/// « avenue », « pl » is « place », « st » is « saint »).
public struct AdresseAnalyse: Sendable, Hashable {
    /// `12`, `12 bis`, or nil when the address has no number.
    public let numero: String?
    /// The street's words.
    public let voie: [String]

    public init(_ adresse: String) {
        var words = NomAnalyse.words(adresse).map { Self.streetAbbreviations[$0] ?? $0 }
        var numero: String?
        if let first = words.first, let digit = first.unicodeScalars.first, digit >= "0" && digit <= "9" {
            // « 12b » and « 12 bis » are one number.
            let digits = String(first.unicodeScalars.prefix { $0 >= "0" && $0 <= "9" })
            var suffix = String(first.unicodeScalars.drop { $0 >= "0" && $0 <= "9" })
            words.removeFirst()
            if suffix.isEmpty, let next = words.first, Self.repetitions.keys.contains(next) {
                suffix = next
                words.removeFirst()
            }
            numero = digits + (suffix.isEmpty ? "" : " " + (Self.repetitions[suffix] ?? suffix))
            // « 17-21 avenue Chiris », « 22/26 avenue des Arcades »: the first number.
            while let next = words.first, next.unicodeScalars.allSatisfy({ $0 >= "0" && $0 <= "9" }) { words.removeFirst() }
        }
        self.numero = numero
        self.voie = words.filter { !NomAnalyse.stopWords.contains($0) }
    }

    /// The same number and a street similar to 85 % or more (its name alone when the kinds
    /// of street differ: « 5 chemin du Halage », « 5 rue du Halage »); without numbers, streets
    /// similar to 90 % or more.
    public func memeAdresse(_ other: AdresseAnalyse) -> Bool {
        guard !voie.isEmpty, !other.voie.isEmpty else { return false }
        let similarity = max(voieSimilarite(other), nomDeVoie.isEmpty || other.nomDeVoie.isEmpty ? 0 : nameSimilarity(other))
        switch (numero, other.numero) {
        case (let a?, let b?): return a == b && similarity >= 0.85
        case (nil, nil): return similarity >= 0.9
        default: return false
        }
    }

    /// Two addresses that cannot be one: both numbered, on streets that differ.
    public func autreAdresse(_ other: AdresseAnalyse) -> Bool {
        guard numero != nil, other.numero != nil, !voie.isEmpty, !other.voie.isEmpty else { return false }
        return max(voieSimilarite(other), nameSimilarity(other)) < 0.6 || (numero != other.numero && voieSimilarite(other) < 0.85)
    }

    /// The street's words without its kind (rue, avenue…).
    var nomDeVoie: [String] { Self.streetKinds.contains(voie.first ?? "") ? Array(voie.dropFirst()) : voie }

    private func nameSimilarity(_ other: AdresseAnalyse) -> Double {
        let a = Array(nomDeVoie.joined(separator: " ").utf8), b = Array(other.nomDeVoie.joined(separator: " ").utf8)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return 1 - Double(NomAnalyse.editDistance(a, b)) / Double(max(a.count, b.count))
    }

    static let streetKinds: Set<String> = [
        "rue", "avenue", "boulevard", "place", "route", "chemin", "impasse", "allee", "square", "cours", "quai", "faubourg",
        "promenade", "esplanade", "passage", "voie", "sentier", "traverse", "montee", "rond", "parvis", "residence", "lotissement",
    ]

    /// The similarity of the streets, 0 to 1 (edit distance of their words).
    public func voieSimilarite(_ other: AdresseAnalyse) -> Double {
        let a = Array(voie.joined(separator: " ").utf8), b = Array(other.voie.joined(separator: " ").utf8)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return 1 - Double(NomAnalyse.editDistance(a, b)) / Double(max(a.count, b.count))
    }

    static let repetitions = ["b": "bis", "bis": "bis", "t": "ter", "ter": "ter", "q": "quater", "quater": "quater"]

    static let streetAbbreviations = [
        "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "boul": "boulevard", "pl": "place",
        "r": "rue", "rte": "route", "chem": "chemin", "ch": "chemin", "imp": "impasse", "all": "allee", "sq": "square",
        "crs": "cours", "fg": "faubourg", "fbg": "faubourg", "qu": "quai", "pte": "porte", "res": "residence",
        "gal": "general", "gl": "general", "mal": "marechal", "pdt": "president", "prom": "promenade", "za": "zone",
        "zi": "zone", "zac": "zone", "lot": "lotissement", "hameau": "hameau", "lieudit": "lieu", "ld": "lieu",
    ]
}
