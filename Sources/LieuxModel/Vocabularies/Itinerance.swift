/// Whether the venue is fixed or travels (field `itinerance`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum Itinerance: String, Sendable, Hashable, CaseIterable, Codable {
    case itinerant = "Itinérant"
    case fixe = "Fixe"
}
