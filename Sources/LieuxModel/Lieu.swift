/// A venue of digital inclusion, with the 32 fields of the standard (v1.0.2), typed.
///
/// Required fields of the standard are non-optional; multi-valued fields are
/// ``MultiValue``s (empty when the cell is empty).
public struct Lieu: Hashable, Sendable, Codable, Identifiable {
    public var id: ID
    public var pivot: Pivot
    public var nom: String
    public var commune: String
    public var codePostal: CodePostal
    public var codeINSEE: CodeINSEE?
    public var adresse: String
    public var complementAdresse: String?
    /// Both `latitude` and `longitude`, or neither.
    public var coordinates: Coordinates?
    public var typologies: MultiValue<Typologie>
    public var telephone: Telephone?
    public var courriels: MultiValue<Courriel>
    public var sitesWeb: MultiValue<WebAddress>
    /// Opening hours in the OpenStreetMap `opening_hours` syntax, as written by the producer.
    public var horaires: String?
    public var presentationResume: String?
    public var presentationDetail: String?
    /// The organisation that collected the data (field `source` of the standard).
    public var source: String?
    public var itinerance: MultiValue<Itinerance>
    public var structureParente: String?
    public var dateMaj: CalendarDate
    public var services: MultiValue<Service>
    public var publicsSpecifiquementAdresses: MultiValue<PublicSpecifiquementAdresse>
    public var priseEnChargeSpecifique: MultiValue<PriseEnChargeSpecifique>
    public var fraisACharge: MultiValue<FraisACharge>
    public var dispositifProgrammesNationaux: MultiValue<DispositifProgrammeNational>
    public var formationsLabels: MultiValue<FormationLabel>
    public var autresFormationsLabels: String?
    public var modalitesAcces: MultiValue<ModaliteAcces>
    public var modalitesAccompagnement: MultiValue<ModaliteAccompagnement>
    public var ficheAccesLibre: WebAddress?
    public var priseRdv: WebAddress?

    /// A venue with its required fields; every other field empty.
    public init(
        id: ID, pivot: Pivot, nom: String, commune: String, codePostal: CodePostal,
        adresse: String, dateMaj: CalendarDate
    ) {
        self.id = id
        self.pivot = pivot
        self.nom = nom
        self.commune = commune
        self.codePostal = codePostal
        self.adresse = adresse
        self.dateMaj = dateMaj
        typologies = []
        courriels = []
        sitesWeb = []
        itinerance = []
        services = []
        publicsSpecifiquementAdresses = []
        priseEnChargeSpecifique = []
        fraisACharge = []
        dispositifProgrammesNationaux = []
        formationsLabels = []
        modalitesAcces = []
        modalitesAccompagnement = []
    }
}
