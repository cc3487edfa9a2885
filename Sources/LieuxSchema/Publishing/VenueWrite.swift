/// A write of one venue of a source, as OGC API – Features Part 4 asks for it: create,
/// replace, update (a JSON merge patch of its fields) or delete. Each is validated as a
/// one-row file, and kept in the history like an import.
public enum VenueWrite: Sendable, Equatable {
    /// A new venue; its fields by the standard's names (the `id` among them).
    case create(fields: [String: String])
    /// The venue `id`, replaced by these fields.
    case replace(id: String, fields: [String: String])
    /// The venue `id`, its fields changed: a value sets a field, `nil` empties it.
    case patch(id: String, changes: [String: String?])
    /// The venue `id`, removed.
    case delete(id: String)
}

/// What became of a ``VenueWrite``.
public struct VenueWriteResult: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        case created, replaced, patched, deleted
        /// Nothing written: the venue's fields break the standard (see ``report``).
        case invalid
        /// Nothing written: no venue has this id in the source.
        case notFound
        /// Nothing written: a venue already has this id (create).
        case conflict
        /// Nothing written: the id of the body is not the id of the address.
        case idMismatch
    }

    public var status: Status
    /// The venue's id in its source.
    public var id: String
    /// The validation of the venue as a one-row file (not for a delete).
    public var report: TaskReport?
    /// The operation's number in the history, when something was written.
    public var operation: Int64?

    public init(status: Status, id: String, report: TaskReport? = nil, operation: Int64? = nil) {
        self.status = status
        self.id = id
        self.report = report
        self.operation = operation
    }

    public var written: Bool { [.created, .replaced, .patched, .deleted].contains(status) }
}
