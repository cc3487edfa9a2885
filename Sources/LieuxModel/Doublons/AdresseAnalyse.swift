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
        }
        self.numero = numero
        self.voie = words.filter { !NomAnalyse.stopWords.contains($0) }
    }

    /// The same number and a street similar to 85 % or more; without numbers, streets
    /// similar to 90 % or more.
    public func memeAdresse(_ other: AdresseAnalyse) -> Bool {
        guard !voie.isEmpty, !other.voie.isEmpty else { return false }
        let similarity = voieSimilarite(other)
        switch (numero, other.numero) {
        case (let a?, let b?): return a == b && similarity >= 0.85
        case (nil, nil): return similarity >= 0.9
        default: return false
        }
    }

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
