/// Conditions on the fields of the standard: values of one field are alternatives (OR),
/// fields combine (AND). An empty set means no condition.
public struct LieuFilters: Sendable, Hashable {
    public var services: Set<Service> = []
    public var publicsSpecifiquementAdresses: Set<PublicSpecifiquementAdresse> = []
    public var priseEnChargeSpecifique: Set<PriseEnChargeSpecifique> = []
    public var fraisACharge: Set<FraisACharge> = []
    public var itinerance: Set<Itinerance> = []
    public var modalitesAcces: Set<ModaliteAcces> = []
    public var modalitesAccompagnement: Set<ModaliteAccompagnement> = []
    public var dispositifProgrammesNationaux: Set<DispositifProgrammeNational> = []
    public var formationsLabels: Set<FormationLabel> = []
    public var typologies: Set<Typologie> = []
    public var codesPostaux: Set<CodePostal> = []
    public var codesINSEE: Set<CodeINSEE> = []
    /// Département codes (`51`, `2A`, `974`).
    public var departements: Set<String> = []
    /// Names of import sources.
    public var sources: Set<String> = []
    /// Venues updated on or after this day.
    public var dateMajMin: CalendarDate?
    /// Words to find in the name, address or commune, accents ignored.
    public var text: String?

    public init() {}

    /// The labels required for each multi-valued vocabulary field, by column name.
    public var vocabularyConditions: [(field: Lieu.Field, labels: [String])] {
        func entry<V: Vocabulary>(_ values: Set<V>) -> (Lieu.Field, [String])? {
            values.isEmpty ? nil : (V.field, values.map(\.rawValue).sorted())
        }
        return [
            entry(services), entry(publicsSpecifiquementAdresses), entry(priseEnChargeSpecifique), entry(fraisACharge),
            entry(itinerance), entry(modalitesAcces), entry(modalitesAccompagnement), entry(dispositifProgrammesNationaux),
            entry(formationsLabels),
            typologies.isEmpty ? nil : (Lieu.Field.typologie, typologies.map(\.rawValue).sorted()),
        ].compactMap { $0 }
    }
}
