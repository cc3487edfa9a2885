/// One operation on a source, as the journal keeps it: an import, an undo, or the write of
/// one venue through the API.
public struct SourceOperation: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Files imported for the source (command line or `PUT /sources/{source}/lieux`).
        case `import`
        /// `lieux annuler`: the source put back as before the operation it reverts.
        case annulation
        /// One venue created, replaced, patched or deleted through the API.
        case lieu
    }

    /// Its number, increasing across all sources.
    public var id: Int64
    public var source: String
    public var kind: Kind
    /// When it started and finished (RFC 3339, UTC).
    public var startedAt: String
    public var finishedAt: String
    /// The files or the request it came from.
    public var place: String
    /// `cli` or `http`.
    public var channel: String
    /// The token used, by id and name.
    public var tokenID: Int64?
    public var tokenName: String?
    /// The client's address.
    public var address: String?
    public var rows: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var removed: Int
    public var rejected: Int
    public var kept: Int
    /// For an undo, the operation it reverts.
    public var reverts: Int64?
    /// Whether its versions are still kept (so that it can be undone when it is the last).
    public var versionsKept: Bool

    public init(
        id: Int64, source: String, kind: Kind, startedAt: String, finishedAt: String, place: String, channel: String,
        tokenID: Int64? = nil, tokenName: String? = nil, address: String? = nil, rows: Int = 0, added: Int = 0,
        updated: Int = 0, unchanged: Int = 0, removed: Int = 0, rejected: Int = 0, kept: Int = 0, reverts: Int64? = nil,
        versionsKept: Bool = false
    ) {
        self.id = id
        self.source = source
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.place = place
        self.channel = channel
        self.tokenID = tokenID
        self.tokenName = tokenName
        self.address = address
        self.rows = rows
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
        self.rejected = rejected
        self.kept = kept
        self.reverts = reverts
        self.versionsKept = versionsKept
    }

    /// Whether it changed any venue.
    public var changedSomething: Bool { added + updated + removed > 0 }
}

/// What an operation did to one venue, with the version it replaced.
public struct VenueChange: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable { case ajout, modification, retrait }

    /// The operation that made the change.
    public var operation: Int64
    public var kind: SourceOperation.Kind
    /// When the operation finished (RFC 3339, UTC).
    public var date: String
    public var action: Action
    /// The venue's fields before the change, by the standard's field names, as stored
    /// (`nil` for an addition; empty fields left out).
    public var before: [String: String]?

    public init(operation: Int64, kind: SourceOperation.Kind, date: String, action: Action, before: [String: String]?) {
        self.operation = operation
        self.kind = kind
        self.date = date
        self.action = action
        self.before = before
    }
}
