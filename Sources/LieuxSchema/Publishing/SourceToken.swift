/// A token that lets its holder publish one source over HTTP. The store keeps only a hash
/// of its secret; the token itself is shown once, when it is made.
public struct SourceToken: Sendable, Codable, Equatable {
    public var id: Int64
    /// The one source it may write.
    public var source: String
    /// Who holds it (« Mairie de X »).
    public var name: String
    /// When it was made and revoked (RFC 3339, UTC).
    public var createdAt: String
    public var revokedAt: String?

    public init(id: Int64, source: String, name: String, createdAt: String, revokedAt: String? = nil) {
        self.id = id
        self.source = source
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
