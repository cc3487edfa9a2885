/// A report from someone who uses the data: a venue's hours, address, contact or services
/// are wrong, or it no longer exists. Its source reads it and fixes the venue.
public struct Signalement: Sendable, Codable, Equatable {
    /// What is wrong.
    public enum Categorie: String, Sendable, Codable, CaseIterable {
        case horaires, adresse, contact, services
        case nExistePlus = "n-existe-plus"
        case autre
    }

    /// The longest message accepted, in characters.
    public static let maximumMessageLength = 2000

    public var id: Int64
    public var source: String
    /// The venue's id in its source.
    public var lieu: String
    public var categorie: Categorie
    public var message: String
    /// When it was sent (RFC 3339, UTC).
    public var createdAt: String
    /// When it was marked done, and by what (an operation that changed the venue, or a person).
    public var doneAt: String?
    public var doneBy: String?

    public init(
        id: Int64, source: String, lieu: String, categorie: Categorie, message: String, createdAt: String,
        doneAt: String? = nil, doneBy: String? = nil
    ) {
        self.id = id
        self.source = source
        self.lieu = lieu
        self.categorie = categorie
        self.message = message
        self.createdAt = createdAt
        self.doneAt = doneAt
        self.doneBy = doneBy
    }

    public var isDone: Bool { doneAt != nil }
}
