extension Lieu {
    /// The fields of the standard (v1.0.2), in its column order; raw values are the column names.
    ///
    /// This is the one place where the standard's names meet Swift's.
    public enum Field: String, Sendable, Hashable, CaseIterable, Codable {
        case id
        case pivot
        case nom
        case commune
        case codePostal = "code_postal"
        case codeINSEE = "code_insee"
        case adresse
        case complementAdresse = "complement_adresse"
        case latitude
        case longitude
        case typologie
        case telephone
        case courriels
        case siteWeb = "site_web"
        case horaires
        case presentationResume = "presentation_resume"
        case presentationDetail = "presentation_detail"
        case source
        case itinerance
        case structureParente = "structure_parente"
        case dateMaj = "date_maj"
        case services
        case publicsSpecifiquementAdresses = "publics_specifiquement_adresses"
        case priseEnChargeSpecifique = "prise_en_charge_specifique"
        case fraisACharge = "frais_a_charge"
        case dispositifProgrammesNationaux = "dispositif_programmes_nationaux"
        case formationsLabels = "formations_labels"
        case autresFormationsLabels = "autres_formations_labels"
        case modalitesAcces = "modalites_acces"
        case modalitesAccompagnement = "modalites_accompagnement"
        case ficheAccesLibre = "fiche_acces_libre"
        case priseRdv = "prise_rdv"

        /// The column's position in the standard, from 1 (looked up: reading and writing
        /// venues ask it for every field of every row).
        public var number: Int { Self.numbers[self]! }

        /// Whether the field holds several values (`a|b` in CSV, a list in JSON and GeoJSON).
        public var isMultiValued: Bool { Self.multiValued.contains(self) }

        /// The fields of the standard that hold several values.
        public static let multiValued: Set<Field> = [
            .typologie, .courriels, .siteWeb, .itinerance, .services, .publicsSpecifiquementAdresses, .priseEnChargeSpecifique,
            .fraisACharge, .dispositifProgrammesNationaux, .formationsLabels, .modalitesAcces, .modalitesAccompagnement,
        ]

        private static let numbers: [Field: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0 + 1) })
    }
}
