/// A public the venue specifically addresses (field `publics_specifiquement_adresses`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum PublicSpecifiquementAdresse: String, Sendable, Hashable, CaseIterable, Codable {
    case jeunes = "Jeunes"
    case etudiants = "Étudiants"
    case famillesEtOuEnfants = "Familles et/ou enfants"
    case seniors = "Seniors"
    case femmes = "Femmes"
}
