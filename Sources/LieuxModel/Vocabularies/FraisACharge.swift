/// What a visit costs (field `frais_a_charge`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum FraisACharge: String, Sendable, Hashable, CaseIterable, Codable {
    case gratuit = "Gratuit"
    case gratuitSousCondition = "Gratuit sous condition"
    case payant = "Payant"
}
