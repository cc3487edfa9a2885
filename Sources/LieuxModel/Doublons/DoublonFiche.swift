/// What the duplicate search knows of one venue, computed once: its name and address as
/// compared, its commune, its identifiers and contacts as keys (a phone's digits, an e-mail in
/// lower case, a website without scheme, `www.` nor final `/`).
public struct DoublonFiche: Sendable {
    public let ref: LieuRef
    public let nom: String
    public let coordinates: Coordinates?
    public let analyseNom: NomAnalyse
    public let analyseAdresse: AdresseAnalyse
    /// The commune, folded, with the département of its postal code (« 13 saint andiol »):
    /// names are compared within it, whether or not the venue has a `code_insee`.
    public let communeCle: String
    public let codePostal: String
    /// Whether the commune's name lost letters in the producer's file (``NomAnalyse/lostLetter``).
    let communePerdue: Bool
    /// A SIRET that identifies an establishment (14 digits, Luhn's key right, not a
    /// placeholder such as 00000000000000).
    public let siret: String?
    public let telephone: String?
    public let courriels: [String]
    public let sites: [String]
    public let typologies: Set<Typologie>
    /// A mobile service (a bus, a permanence that travels), by `itinerance` or by its name;
    /// `false` when `itinerance` says fixed, `nil` when nothing says.
    public let itinerant: Bool?

    public init(ref: LieuRef, lieu: Lieu) {
        self.ref = ref
        nom = lieu.nom
        coordinates = lieu.coordinates
        analyseNom = NomAnalyse(lieu.nom, commune: lieu.commune)
        analyseAdresse = AdresseAnalyse(lieu.adresse)
        codePostal = lieu.codePostal.rawValue
        communeCle = String(lieu.codePostal.rawValue.prefix(2)) + " " + NomAnalyse.words(lieu.commune).joined(separator: " ")
        communePerdue = communeCle.unicodeScalars.contains(NomAnalyse.lostLetter)
        siret = Self.realSIRET(lieu.pivot.rawValue)
        telephone = lieu.telephone.map { Self.phoneKey($0.rawValue) }
        courriels = lieu.courriels.map { $0.rawValue.lowercased().trimmed(newlines: false) }
        sites = lieu.sitesWeb.map { Self.siteKey($0.rawValue) }
        typologies = Set(lieu.typologies)
        let words = Set(NomAnalyse.words(lieu.nom))
        if lieu.itinerance.contains(.itinerant) && !lieu.itinerance.contains(.fixe) || !words.isDisjoint(with: ["bus", "itinerant", "itinerante"]) {
            itinerant = true
        } else if lieu.itinerance.contains(.fixe) && !lieu.itinerance.contains(.itinerant) {
            itinerant = false
        } else {
            itinerant = nil
        }
    }

    /// The national digits of a phone number (`+33 1 23…` and `01 23…` give `123…`).
    static func phoneKey(_ text: String) -> String {
        var digits = String(text.unicodeScalars.filter { $0 >= "0" && $0 <= "9" })
        if digits.hasPrefix("0033") { digits.removeFirst(4) } else if digits.hasPrefix("33"), digits.count == 11 { digits.removeFirst(2) }
        while digits.hasPrefix("0") { digits.removeFirst() }
        return digits
    }

    /// A website as a key: lower case, no scheme, no `www.`, no final `/`.
    static func siteKey(_ text: String) -> String {
        var key = text.lowercased().trimmed(newlines: false)
        for prefix in ["https://", "http://"] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        if key.hasPrefix("www.") { key.removeFirst(4) }
        while key.hasSuffix("/") { key.removeLast() }
        return key
    }

    /// `text` when it is a SIRET that identifies an establishment.
    static func realSIRET(_ text: String) -> String? {
        let digits = Array(text.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        // Placeholders: one digit repeated, or a SIREN of zeros.
        guard Set(digits).count > 1, !text.hasPrefix("000000000") else { return nil }
        var sum = 0
        for (index, byte) in digits.reversed().enumerated() {
            var value = Int(byte - 48)
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        // La Poste's establishments share one SIREN and follow their own rule.
        let laPoste = text.hasPrefix("356000000") && digits.reduce(0, { $0 + Int($1 - 48) }) % 5 == 0
        return sum % 10 == 0 || laPoste ? text : nil
    }
}
