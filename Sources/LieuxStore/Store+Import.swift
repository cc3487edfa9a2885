import Crypto
import Foundation
import GRDB
import LieuxModel
import LieuxSchema

/// How to import a file.
public struct ImportOptions: Sendable {
    /// Reject the whole file when it has any error (default: store the valid rows).
    public var strict = false
    /// The version of the standard the file follows; `nil` detects it.
    public var version: SchemaVersion?
    public var validation = ValidationOptions()

    public init(strict: Bool = false, version: SchemaVersion? = nil, validation: ValidationOptions = .init()) {
        self.strict = strict
        self.version = version
        self.validation = validation
    }
}

extension Store {
    /// Imports a file of venues for `source`: afterwards the source holds exactly the file's
    /// valid rows. All of it happens in one transaction: an interrupted import leaves the
    /// store as it was.
    ///
    /// Files of version 0.1, and 1.0 files that still carry 0.1 columns, are migrated to the
    /// current version first, with a warning for every value without a mapping.
    public func importFile(
        at url: URL, place: String? = nil, source: String, options: ImportOptions = .init()
    ) throws(StoreError) -> ImportResult {
        let place = place ?? url.path
        let sha256 = try Self.sha256(of: url)
        let format = SourceFormat(fileName: url.lastPathComponent)
        let base: any RowReader
        do {
            base = try Validator.reader(for: url, format: format)
        } catch {
            // Unreadable: report it like the validator does, change nothing.
            let report = try Self.failedReport(error, place: place, format: format)
            return ImportResult(source: source, place: place, sha256: sha256, report: report, fileVersion: "?")
        }
        return try importRows(from: base, place: place, sha256: sha256, source: source, options: options)
    }

    /// Imports the rows of `reader` (see ``importFile(at:place:source:options:)``).
    public func importRows<R: RowReader>(
        from reader: R, place: String, sha256: String, source: String, options: ImportOptions = .init()
    ) throws(StoreError) -> ImportResult {
        var peeking = PeekingRowReader(reader)
        let firstRows = peeking.peek(Validator.detectionRows)  // before reading labels: JSON keys appear with rows
        let fileVersion = options.version ?? SchemaVersion.detect(labels: peeking.labels, rows: firstRows)
        if fileVersion != .current || MigratingRowReader<PeekingRowReader<R>>.needsMigration(labels: peeking.labels, version: fileVersion) {
            var migrating = MigratingRowReader(base: peeking)
            return try importValidated(&migrating, place: place, sha256: sha256, source: source, fileVersion: fileVersion, options: options)
        }
        return try importValidated(&peeking, place: place, sha256: sha256, source: source, fileVersion: fileVersion, options: options)
    }

    private func importValidated(
        _ reader: inout some RowReader, place: String, sha256: String, source: String,
        fileVersion: SchemaVersion, options: ImportOptions
    ) throws(StoreError) -> ImportResult {
        let validator = Validator(version: .current, options: options.validation)
        let started = Date()
        var result: ImportResult?
        do {
            try pool.writeWithoutTransaction { db in
                // A large page cache while the import runs: the indexes of a big file no
                // longer spill to the WAL again and again (the default is 2 MB).
                // The temporary table of the venues seen stays in memory too.
                try db.execute(sql: "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                try db.inTransaction(.immediate) {
                    var writer = try LieuWriter(db, source: source)
                    var failure: (any Error)?
                    var rejected = 0
                    // The rows are read, validated and prepared on a second thread.
                    let pipeline = ImportPipeline(validator: validator, reader: reader, place: place)
                    while failure == nil, let batch = pipeline.next() {
                        do {
                            for item in batch {
                                switch item {
                                case .venue(let venue): try writer.write(venue)
                                case .rejected: rejected += 1
                                case .undecodable: writer.countUndecodable()
                                }
                            }
                        } catch {
                            failure = error
                            pipeline.cancel()
                        }
                    }
                    let report = try pipeline.report()
                    if let failure { throw failure }
                    try writer.restoreTriggers()
                    var outcome = ImportResult(
                        source: source, place: place, sha256: sha256, report: report, fileVersion: fileVersion.rawValue)
                    outcome.rejected = rejected + writer.undecodable
                    outcome.added = writer.added
                    outcome.updated = writer.updated
                    outcome.unchanged = writer.unchanged
                    let unreadable = report.errors.contains { ["encoding-error", "format-error", "scheme-error"].contains($0.type) }
                    if (options.strict && !report.valid) || unreadable {
                        // Nothing changes: a strict import of an invalid file, or a file
                        // that could not be read to its end (it may be cut short).
                        outcome.added = 0
                        outcome.updated = 0
                        outcome.unchanged = 0
                        outcome.stored = try writer.storedCount(before: true)
                        result = outcome
                        return .rollback
                    }
                    outcome.removed = try writer.removeUnseen()
                    outcome.stored = try writer.storedCount(before: false)
                    outcome.committed = true
                    if !outcome.changedNothing { try Store.bumpVersion(db) }
                    try Self.log(outcome, db: db, sourceID: writer.sourceID, started: started, strict: options.strict)
                    result = outcome
                    return .commit
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SchemaError {
            throw StoreError(code: .sql, message: "Le schéma du standard est inutilisable : \(error.message)")
        } catch {
            throw StoreError(code: .sql, message: "L'import a échoué et n'a rien modifié.", cause: error)
        }
        return result!
    }

    private static func log(_ outcome: ImportResult, db: Database, sourceID: Int64, started: Date, strict: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let report = String(decoding: try encoder.encode(outcome.report), as: UTF8.self)
        let formatter = ISO8601DateFormatter()
        try db.execute(
            sql: """
                INSERT INTO import (source_id, started_at, finished_at, place, sha256, schema_version, strict,
                                    rows, added, updated, unchanged, removed, rejected, report)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sourceID, formatter.string(from: started), formatter.string(from: Date()), outcome.place, outcome.sha256,
                outcome.fileVersion, strict, outcome.report.stats.rows, outcome.added, outcome.updated, outcome.unchanged,
                outcome.removed, outcome.rejected, report,
            ])
    }

    private static func failedReport(_ error: SourceError, place: String, format: SourceFormat) throws(StoreError) -> TaskReport {
        do {
            var session = try ValidationSession(schema: SchemaVersion.current.schema, place: place, format: format)
            session.fail(error)
            return session.finish()
        } catch {
            throw StoreError(code: .sql, message: "Le schéma du standard est inutilisable : \(error.message)")
        }
    }

    /// SHA-256 of a file, read in chunks.
    static func sha256(of url: URL) throws(StoreError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
