import Foundation

/// What the HTTP service needs to let producers publish their sources: tokens, imports,
/// writes of one venue, history and reports. The SQLite store implements it; handlers
/// depend on this protocol only.
public protocol SourcePublisher: Sendable {
    /// Whether any token exists (the write routes are served only then).
    func hasTokens() async throws -> Bool
    /// The token that `text` is, when it is valid and not revoked; compared in constant time.
    func authenticate(_ text: String) async throws -> SourceToken?
    /// Imports files for a source, as `lieux import` does.
    func importFiles(_ files: [ImportFile], source: String, options: ImportOptions) async throws -> ImportResult
    /// Creates, replaces, patches or deletes one venue of a source.
    func write(_ write: VenueWrite, source: String, origin: OperationOrigin) async throws -> VenueWriteResult
    /// The changes made to one venue, latest first, with the versions they replaced.
    func changes(source: String, id: String) async throws -> [VenueChange]
    /// Stores a report from a user about a venue.
    func addSignalement(
        source: String, lieu: String, categorie: Signalement.Categorie, message: String, address: String?
    ) async throws -> Signalement
    /// The reports about a source's venues, latest first.
    func signalements(source: String, includingDone: Bool) async throws -> [Signalement]
    /// Marks a report done (or open again); `nil` when the source has no such report.
    func markSignalement(id: Int64, source: String, done: Bool, by: String) async throws -> Signalement?
}
