/// A venue's name as the duplicate search compares it: folded (accents, case, punctuation),
/// without the words every name has (« de », « la »…) nor the commune's own name, with
/// synonyms made one (« ville de X » is « mairie de X », « st » is « saint »), and the kinds of
/// service its words name (a médiathèque, a France Services, a mairie…): two venues whose
/// names name different services are two venues, even in one building.
public struct NomAnalyse: Sendable, Hashable {
    /// The words compared, in the name's order.
    public let mots: [String]
    /// The words sorted and joined, as bytes (compared by edit distance, once per pair).
    let sortedBytes: [UInt8]
    /// The words joined without spaces, as bytes.
    let joinedBytes: [UInt8]
    /// The kinds of service the name names.
    public let services: Set<ServiceNomme>

    /// A kind of service that a venue's name can name.
    public enum ServiceNomme: String, Sendable, Hashable, CaseIterable, Comparable {
        case mairie, franceServices = "france services", bibliotheque = "bibliothèque", ccas = "CCAS",
            centreSocial = "centre social", espaceNumerique = "espace numérique", emploi = "emploi",
            caf = "CAF", tiersLieu = "tiers-lieu", enseignement = "enseignement"

        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// Analyses `nom`, dropping the words of `commune` (the venue's commune).
    public init(_ nom: String, commune: String) {
        let communeWords = Set(Self.words(commune))
        var words = Self.words(nom)
        // « hôtel de ville » and « ville de X » are the mairie.
        words = words.enumerated().compactMap { index, word in
            let next = words.dropFirst(index + 1).first { $0 != "de" }
            if word == "hotel", next == "ville" { return nil }
            return word == "ville" ? "mairie" : word
        }
        words = Self.franceServicesNamed(words)
        var services = Set<ServiceNomme>()
        // Phrases as runs of words (Foundation's `contains` on text costs most of a search).
        for (phrase, kind) in Self.servicePhraseWords where !services.contains(kind) {
            guard words.count >= phrase.count else { continue }
            for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
                if phrase.indices.allSatisfy({ words[start + $0] == phrase[$0] }) {
                    services.insert(kind)
                    break
                }
            }
        }
        self.services = services
        let kept = words.filter { !Self.stopWords.contains($0) && !communeWords.contains($0) }
        // A name that is only its commune (« Saint-Andiol ») keeps its words.
        let mots = kept.isEmpty ? words.filter { !Self.stopWords.contains($0) } : kept
        self.mots = mots
        sortedBytes = Array(mots.sorted().joined(separator: " ").utf8)
        joinedBytes = Array(mots.joined().utf8)
    }

    /// The similarity of two names, 0 to 1: the larger of the share of words in common (a
    /// word matches another with one typo in five letters) and the similarity of their sorted
    /// words as text (edit distance); 0.9 when one is the acronym of the other (« CSCS FLEP »,
    /// « Foyer laïque d'éducation permanente ») or when every word of one is in the other
    /// and one of them is not a generic word (« Anonymal », « Anonymal, la maison numérique »).
    public func similarite(_ other: NomAnalyse) -> Double {
        guard !mots.isEmpty, !other.mots.isEmpty else { return 0 }
        // The same letters, spaced otherwise (« Médiance 13 », « Médiance13 »).
        if mots.count != other.mots.count, joinedBytes.count == other.joinedBytes.count, Self.wildcardEqual(joinedBytes, other.joinedBytes) {
            return 1
        }
        if acronymOf(other) || other.acronymOf(self) { return max(0.9, wordSimilarity(other)) }
        let (short, long) = mots.count <= other.mots.count ? (self, other) : (other, self)
        if short.mots.count < long.mots.count, short.mots.contains(where: { !Self.genericWords.contains($0) }),
            short.mots.allSatisfy({ word in long.mots.contains { Self.sameWord(word, $0) } })
        {
            return max(0.9, wordSimilarity(other))
        }
        return wordSimilarity(other)
    }

    /// The former names of a France Services (« MSAP », « maison de services au public »,
    /// « MFS », « maison France Services ») and « espace France Services » written as
    /// « france services ».
    static func franceServicesNamed(_ words: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "msap" || word == "mfs" {
                out += ["france", "services"]
                index += 1
                continue
            }
            // « maison de(s) services (au) public(s) »
            if word == "maison" {
                var next = index + 1
                while next < words.count, ["de", "des", "d"].contains(words[next]) { next += 1 }
                if next < words.count, words[next] == "services" {
                    next += 1
                    while next < words.count, ["au", "aux"].contains(words[next]) { next += 1 }
                    if next < words.count, words[next] == "public" || words[next] == "publics" {
                        out += ["france", "services"]
                        index = next + 1
                        continue
                    }
                }
            }
            // « espace / maison France Services »
            if word == "espace" || word == "maison", index + 2 < words.count, words[index + 1] == "france",
                words[index + 2] == "services"
            {
                index += 1
                continue
            }
            out.append(word)
            index += 1
        }
        return out
    }

    /// The service both names name when it is one a town has only one of (its France
    /// Services, its mairie or one named mairie annexe) and nothing else in the names
    /// disagrees: every word of one that is not generic is in the other. Nil otherwise.
    func memeServiceUnique(_ other: NomAnalyse) -> ServiceNomme? {
        guard services == other.services, services.count == 1, let service = services.first,
            Self.uniqueServices.contains(service)
        else { return nil }
        let own = mots.filter { !Self.genericWords.contains($0) }
        let others = other.mots.filter { !Self.genericWords.contains($0) }
        let (short, long) = own.count <= others.count ? (own, others) : (others, own)
        return short.allSatisfy { word in long.contains { Self.sameWord(word, $0) } } ? service : nil
    }

    /// Whether the name is only La Poste's (« La Poste », « Bureau de poste », « Agence
    /// postale »): a France Services at its address is its counter.
    var laPoste: Bool {
        let own = mots.filter { $0 != "bureau" && $0 != "agence" }
        return own == ["poste"] || own == ["postale"] || own == ["poste", "france"] || own == ["groupe", "poste"]
    }

    /// The services a town has only one of.
    static let uniqueServices: Set<ServiceNomme> = [.franceServices, .mairie]

    /// Whether a word of this name is the initials of the other's words (three letters or
    /// more), or of a run of them (four or more: « UDAF », « Citez des talents, Union
    /// départementale des associations familiales »).
    func acronymOf(_ other: NomAnalyse) -> Bool {
        guard other.mots.count >= 3 else { return false }
        let initials = String(other.mots.compactMap(\.first))
        return mots.contains { word in
            let length = word.utf8.count
            return (length >= 3 && word == initials) || (length >= 4 && initials.contains(word) && !word.contains(where: \.isNumber))
        }
    }

    func wordSimilarity(_ other: NomAnalyse) -> Double {
        var unmatched = other.mots
        var matched = 0
        for word in mots {
            if let index = unmatched.firstIndex(where: { Self.sameWord(word, $0) }) {
                matched += 1
                unmatched.remove(at: index)
            }
        }
        let dice = Double(2 * matched) / Double(mots.count + other.mots.count)
        let (a, b) = (sortedBytes, other.sortedBytes)
        let ratio = 1 - Double(Self.editDistance(a, b)) / Double(max(a.count, b.count))
        return max(dice, ratio)
    }

    /// The text compared, for the evidence.
    public var texte: String { mots.joined(separator: " ") }

    // MARK: Words

    /// Lower case, no accents, letters and digits only, « st » spelled out.
    static func words(_ text: String) -> [String] {
        let folded = LieuSort.nameKey(text)
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                current.unicodeScalars.append(scalar)
            } else if scalar == "\u{FFFD}" {
                // A letter the producer's file lost (an accented letter read in the wrong
                // encoding: « Biblioth�que »): one unknown letter inside the word.
                current.unicodeScalars.append(Self.lostLetter)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.flatMap { word -> [String] in
            if let full = abbreviations[word] { return [full] }
            guard word.unicodeScalars.contains(lostLetter) else { return [word] }
            // A lost apostrophe (« l’arrondissement » read in the wrong encoding): after a word
            // that elides, before a vowel or an h (« m�diance » keeps its lost letter).
            if let star = word.firstIndex(of: "*"), elisions.contains(String(word[..<star])) {
                let rest = String(word[word.index(after: star)...])
                if rest.utf8.count >= 2, let first = rest.first, "aeiouyh".contains(first) {
                    return [String(word[..<star]), rest.contains("*") ? restored(rest) : rest]
                }
            }
            return [restored(word)]
        }
    }

    /// The words written before an apostrophe.
    static let elisions: Set<String> = ["l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu"]

    /// Stands for a letter the producer's file lost.
    static let lostLetter: Unicode.Scalar = "*"

    /// A word with lost letters, as the one word of the names' common vocabulary it can be
    /// (« biblioth*que » is « bibliotheque »), else as it is: it then matches any word that
    /// has a letter where it has lost one (``sameWord``).
    static func restored(_ word: String) -> String {
        let bytes = Array(word.utf8)
        let matches = vocabulary.filter { wildcardEqual(bytes, Array($0.utf8)) }
        return matches.count == 1 ? matches[0] : word
    }

    /// The words the names' rules know, in which a lost letter is restored.
    static let vocabulary: [String] = {
        var words = genericWords.union(stopWords).union(abbreviations.values)
        for (phrase, _) in servicePhraseWords { words.formUnion(phrase) }
        words.formUnion([
            "departementale", "departemental", "pret", "residence", "reseau", "solidarite", "numeriques", "mediation",
            "prefecture", "sociale", "culturel", "jeunesse", "education", "insertion", "multimedia", "ecole", "maison",
        ])
        return words.sorted()
    }()

    /// The same bytes, a lost letter (`*`) matching any one letter.
    static func wildcardEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        let star = UInt8(ascii: "*")
        for index in a.indices where a[index] != b[index] && a[index] != star && b[index] != star { return false }
        return true
    }

    static let abbreviations = [
        "st": "saint", "ste": "sainte", "bibli": "bibliotheque", "biblio": "bibliotheque", "bib": "bibliotheque",
        "mediatheques": "mediatheque", "bibliotheques": "bibliotheque", "cyberbase": "cyber", "fablab": "fab",
        "quartier": "annexe", "ctre": "centre", "com": "communal", "service": "services", "espaces": "espace",
        "municipal": "municipale", "intercommunal": "intercommunale",
    ]

    /// Words that many venues' names have: they do not make a name on their own.
    static let genericWords: Set<String> = [
        "france", "services", "maison", "espace", "centre", "point", "numerique", "tiers", "mairie", "annexe", "mediatheque",
        "bibliotheque", "municipale", "epn", "public", "accueil", "permanence", "association", "communal", "social", "cyber",
        "fab", "lab", "communaute", "communes", "agglomeration", "departement", "conseil", "pole", "emploi", "ccas",
    ]

    static let stopWords: Set<String> = [
        "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "sous", "pour", "par",
        "un", "une", "the", "lieu", "site", "antenne",
    ]

    /// Phrases (folded words) that name a kind of service.
    static let servicePhrases: [(String, ServiceNomme)] = [
        ("mairie", .mairie),
        ("france services", .franceServices), ("france service", .franceServices), ("msap", .franceServices),
        ("maison de services au public", .franceServices), ("maison des services au public", .franceServices),
        ("mediatheque", .bibliotheque), ("bibliotheque", .bibliotheque), ("ludotheque", .bibliotheque),
        ("ccas", .ccas), ("centre communal d action sociale", .ccas), ("cias", .ccas),
        ("centre social", .centreSocial), ("centre socioculturel", .centreSocial), ("centre socio culturel", .centreSocial), ("espace de vie sociale", .centreSocial),
        ("maison de quartier", .centreSocial),
        ("epn", .espaceNumerique), ("espace public numerique", .espaceNumerique), ("cyber", .espaceNumerique),
        ("pole emploi", .emploi), ("france travail", .emploi), ("mission locale", .emploi),
        ("caf", .caf), ("caisse d allocations familiales", .caf),
        ("tiers lieu", .tiersLieu), ("fab lab", .tiersLieu), ("fab", .tiersLieu),
        ("college", .enseignement), ("lycee", .enseignement), ("ecole", .enseignement), ("universite", .enseignement),
    ]

    static let servicePhraseWords: [([String], ServiceNomme)] = servicePhrases.map { ($0.0.split(separator: " ").map(String.init), $0.1) }

    static func sameWord(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.unicodeScalars.contains(lostLetter) || b.unicodeScalars.contains(lostLetter) {
            return wildcardEqual(Array(a.utf8), Array(b.utf8))
        }
        let longest = max(a.utf8.count, b.utf8.count)
        // One typo in five letters at most: lengths cannot differ more.
        guard min(a.utf8.count, b.utf8.count) >= 4, abs(a.utf8.count - b.utf8.count) * 5 <= longest else { return false }
        return editDistance(Array(a.utf8), Array(b.utf8)) * 5 <= longest
    }

    /// Levenshtein's distance between two byte strings.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
