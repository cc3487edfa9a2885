import Foundation
import GRDB
import LieuxModel
import LieuxSchema

/// The journal of operations on sources and the versions of venues they replaced.
///
/// Every operation (an import, an undo, a write of one venue through the API) is a row of
/// `import`; for each venue it added, changed or removed, `lieu_version` keeps the version
/// before it (only its id for an addition), so that the operation can be undone exactly.
/// The versions of the last ``keptOperations`` operations that changed something are kept
/// per source; older ones are purged as new ones come (the journal's rows stay).
enum History {
    /// How many operations per source keep their versions.
    static let keptOperations = 10

    /// Who asked for an operation.
    static func originColumns(_ origin: OperationOrigin) -> [DatabaseValueConvertible?] {
        [origin.channel.rawValue, origin.tokenID, origin.address]
    }

    /// SQL that copies venues into the history as `action` (a quoted SQL literal) for an
    /// operation; its arguments are the operation's id, then those of `from`.
    static func recordSQL(action: String, from: String) -> String {
        let columns = LieuTable.writtenColumns.joined(separator: ", ")
        return "INSERT INTO lieu_version (import_id, source_id, action, pk, \(columns)) SELECT ?, source_id, \(action), pk, \(columns) FROM \(from)"
    }

    /// The id of a source, created when new.
    static func sourceID(_ db: Database, name: String) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO source (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            arguments: [name, now()])
        return try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE name = ?", arguments: [name])!
    }

    /// Starts an operation on a source; ``finish(_:_:result:reports:)`` fills in its figures.
    static func begin(
        _ db: Database, sourceID: Int64, kind: String, place: String, sha256: String = "", schemaVersion: String = "",
        strict: Bool = false, origin: OperationOrigin, reverts: Int64? = nil
    ) throws -> Int64 {
        let started = now()
        try db.execute(
            sql: """
                INSERT INTO import (source_id, started_at, finished_at, place, sha256, schema_version, strict, rows,
                                    added, updated, unchanged, removed, rejected, report, kind, reverts, origin, token_id, address)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, '', ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(
                [sourceID, started, started, place, sha256, schemaVersion, strict, kind, reverts] + originColumns(origin)))
        return db.lastInsertedRowID
    }

    /// Writes the figures of a finished operation.
    static func finish(_ db: Database, _ operationID: Int64, result: ImportResult) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let report = String(decoding: try encoder.encode(ValidationReport(tasks: result.files.map(\.report))), as: UTF8.self)
        try db.execute(
            sql: """
                UPDATE import SET finished_at = ?, rows = ?, added = ?, updated = ?, unchanged = ?, removed = ?,
                                  rejected = ?, kept = ?, report = ?
                WHERE id = ?
                """,
            arguments: [
                now(), result.files.reduce(0) { $0 + $1.report.stats.rows }, result.added, result.updated, result.unchanged,
                result.removed, result.rejected, result.kept, report, operationID,
            ])
    }

    /// Every change an operation made, by action then id.
    static func changes(_ db: Database, operationID: Int64) throws -> [ImportResult.Change] {
        try Row.fetchAll(
            db, sql: "SELECT id, action FROM lieu_version WHERE import_id = ? ORDER BY action, id", arguments: [operationID]
        ).map { row in
            ImportResult.Change(id: row["id"], action: ImportResult.Change.Action(rawValue: row["action"]) ?? .modification)
        }
    }

    /// After a change to a source: its open reports on the venues changed are done, and the
    /// versions of its older operations are purged.
    static func afterChange(_ db: Database, sourceID: Int64, operationID: Int64) throws {
        try db.execute(
            sql: """
                UPDATE signalement SET done_at = ?, done_by = 'operation ' || ?
                WHERE done_at IS NULL AND source_id = ?
                  AND lieu_id IN (SELECT id FROM lieu_version WHERE import_id = ? AND action != 'ajout')
                """,
            arguments: [now(), operationID, sourceID, operationID])
        try db.execute(
            sql: """
                DELETE FROM lieu_version WHERE source_id = ? AND import_id < (
                    SELECT id FROM import WHERE source_id = ? AND added + updated + removed > 0
                    ORDER BY id DESC LIMIT 1 OFFSET ?)
                """,
            arguments: [sourceID, sourceID, keptOperations - 1])
    }

    /// The standard's fields of a row of `lieu` or `lieu_version`, as text by field name
    /// (numbers as the standard writes them; empty fields left out).
    static func fields(of row: Row) -> [String: String] {
        var fields: [String: String] = [:]
        for field in Lieu.Field.allCases {
            switch (row[field.rawValue] as DatabaseValue).storage {
            case .string(let text): fields[field.rawValue] = text
            case .double(let number): fields[field.rawValue] = Lieu.format(number)
            case .int64(let number): fields[field.rawValue] = String(number)
            default: break
            }
        }
        return fields
    }

    /// An instant as stored: RFC 3339 in UTC, to the millisecond.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
