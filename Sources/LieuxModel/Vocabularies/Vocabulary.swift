/// A closed vocabulary of the standard: an enum whose raw values are the exact labels.
///
/// Every vocabulary knows the field of the standard it fills, so that CLI options, HTTP
/// parameters and error messages can be derived from it.
public protocol Vocabulary: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == String, AllCases: Sendable {
    /// The field of the standard whose values come from this vocabulary.
    static var field: Lieu.Field { get }
}

extension Vocabulary {
    /// The labels of the vocabulary, in the standard's order.
    public static var labels: [String] { allCases.map(\.rawValue) }
}

extension Service: Vocabulary { public static var field: Lieu.Field { .services } }
extension PublicSpecifiquementAdresse: Vocabulary { public static var field: Lieu.Field { .publicsSpecifiquementAdresses } }
extension PriseEnChargeSpecifique: Vocabulary { public static var field: Lieu.Field { .priseEnChargeSpecifique } }
extension FraisACharge: Vocabulary { public static var field: Lieu.Field { .fraisACharge } }
extension Itinerance: Vocabulary { public static var field: Lieu.Field { .itinerance } }
extension ModaliteAcces: Vocabulary { public static var field: Lieu.Field { .modalitesAcces } }
extension ModaliteAccompagnement: Vocabulary { public static var field: Lieu.Field { .modalitesAccompagnement } }
extension DispositifProgrammeNational: Vocabulary { public static var field: Lieu.Field { .dispositifProgrammesNationaux } }
extension FormationLabel: Vocabulary { public static var field: Lieu.Field { .formationsLabels } }
