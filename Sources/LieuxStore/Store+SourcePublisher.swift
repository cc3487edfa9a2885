import Foundation
import LieuxSchema

/// The store as the HTTP service's publisher. Its calls block (an import for as long as it
/// lasts, a read while it waits for a free connection): they run on a thread of Dispatch's,
/// never on one of the cooperative pool's, which a blocked wait could starve. SQLite's single
/// writer serialises the writes (readers are never blocked: WAL).
extension Store: SourcePublisher {
    public func hasTokens() async throws -> Bool {
        try await Self.offThread { () throws(StoreError) in try self.hasActiveTokens() }
    }

    public func authenticate(_ text: String) async throws -> SourceToken? {
        try await Self.offThread { () throws(StoreError) in try self.token(authenticating: text) }
    }

    public func importFiles(_ files: [ImportFile], source: String, options: ImportOptions) async throws -> ImportResult {
        try await Self.offThread { () throws(StoreError) in try self.importFiles(files, source: source, options: options) }
    }

    public func write(_ write: VenueWrite, source: String, origin: OperationOrigin) async throws -> VenueWriteResult {
        try await Self.offThread { () throws(StoreError) in try self.write(write, source: source, origin: origin) }
    }

    public func changes(source: String, id: String) async throws -> [VenueChange] {
        try await Self.offThread { () throws(StoreError) in try self.changes(source: source, id: id) }
    }

    public func addSignalement(
        source: String, lieu: String, categorie: Signalement.Categorie, message: String, address: String?
    ) async throws -> Signalement {
        try await Self.offThread { () throws(StoreError) in
            try self.addSignalement(source: source, lieu: lieu, categorie: categorie, message: message, address: address)
        }
    }

    public func signalements(source: String, includingDone: Bool) async throws -> [Signalement] {
        try await Self.offThread { () throws(StoreError) in try self.signalements(source: source, includingDone: includingDone) }
    }

    public func markSignalement(id: Int64, source: String, done: Bool, by: String) async throws -> Signalement? {
        try await Self.offThread { () throws(StoreError) in try self.markSignalement(id: id, source: source, done: done, by: by) }
    }

    /// Runs `body` on a Dispatch thread and waits for it without blocking the caller's thread.
    private static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws(StoreError) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do throws(StoreError) {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
