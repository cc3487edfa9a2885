import Foundation
import GRDB
import LieuxModel
import LieuxSchema

extension Store {
    /// The journal: operations on `source` (every source when `nil`), latest first.
    public func journal(source: String? = nil, limit: Int = 1000) throws(StoreError) -> [SourceOperation] {
        try read { db in
            var sql = """
                SELECT import.*, source.name AS source_name, jeton.nom AS token_name,
                       EXISTS (SELECT 1 FROM lieu_version WHERE lieu_version.import_id = import.id) AS versions_kept
                FROM import JOIN source ON source.id = import.source_id
                LEFT JOIN jeton ON jeton.id = import.token_id
                """
            var arguments: StatementArguments = []
            if let source {
                sql += " WHERE source.name = ?"
                arguments += [source]
            }
            sql += " ORDER BY import.id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.operation(from:))
        }
    }

    static func operation(from row: Row) -> SourceOperation {
        SourceOperation(
            id: row["id"], source: row["source_name"], kind: SourceOperation.Kind(rawValue: row["kind"]) ?? .import,
            startedAt: row["started_at"], finishedAt: row["finished_at"], place: row["place"], channel: row["origin"],
            tokenID: row["token_id"], tokenName: row["token_name"], address: row["address"], rows: row["rows"],
            added: row["added"], updated: row["updated"], unchanged: row["unchanged"], removed: row["removed"],
            rejected: row["rejected"], kept: row["kept"], reverts: row["reverts"], versionsKept: row["versions_kept"])
    }

    /// The changes made to one venue of a source, latest first, each with the version it
    /// replaced (as far as the history keeps them).
    public func changes(source: String, id: String) throws(StoreError) -> [VenueChange] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT lieu_version.*, import.kind AS operation_kind, import.finished_at AS operation_date
                    FROM lieu_version JOIN import ON import.id = lieu_version.import_id
                    JOIN source ON source.id = lieu_version.source_id
                    WHERE source.name = ? AND lieu_version.id = ?
                    ORDER BY lieu_version.import_id DESC
                    """,
                arguments: [source, id])
            return rows.map { row in
                let action = VenueChange.Action(rawValue: row["action"]) ?? .modification
                let before = action == .ajout ? nil : History.fields(of: row)
                return VenueChange(
                    operation: row["import_id"], kind: SourceOperation.Kind(rawValue: row["operation_kind"]) ?? .import,
                    date: row["operation_date"], action: action, before: before)
            }
        }
    }

    /// Puts `source` back as it was before its last operation that changed something,
    /// exactly (every column of every venue, their row keys too), and records that as a new
    /// operation, itself undoable: undoing an undo redoes.
    ///
    /// Returns the new operation; `nil` when the source has no operation left to undo (none
    /// changed anything, or its versions were purged).
    public func undo(source: String, origin: OperationOrigin = .commandLine) throws(StoreError) -> SourceOperation? {
        var done: Int64?
        do {
            try pool.write { db in
                guard let sourceID = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE name = ?", arguments: [source]) else {
                    throw StoreError(code: .unknownSource, message: "La source « \(source) » n'existe pas : vérifiez son nom (lieux stats les liste).")
                }
                guard let last = try Row.fetchOne(
                    db,
                    sql: "SELECT id, place FROM import WHERE source_id = ? AND added + updated + removed > 0 ORDER BY id DESC LIMIT 1",
                    arguments: [sourceID])
                else { return }
                let lastID: Int64 = last["id"]
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM lieu_version WHERE import_id = ?)", arguments: [lastID]) == true
                else { return }
                let operationID = try History.begin(
                    db, sourceID: sourceID, kind: SourceOperation.Kind.annulation.rawValue,
                    place: "annulation de l'opération n° \(lastID)", origin: origin, reverts: lastID)
                try Self.revert(db, operation: lastID, sourceID: sourceID, into: operationID)
                var result = ImportResult(source: source, files: [], status: .applied)
                let counts = try Row.fetchAll(
                    db, sql: "SELECT action, count(*) AS n FROM lieu_version WHERE import_id = ? GROUP BY action", arguments: [operationID])
                for row in counts {
                    switch row["action"] as String {
                    case "ajout": result.added = row["n"]
                    case "retrait": result.removed = row["n"]
                    default: result.updated = row["n"]
                    }
                }
                try History.finish(db, operationID, result: result)
                try Store.bumpVersion(db)
                try History.afterChange(db, sourceID: sourceID, operationID: operationID)
                done = operationID
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("L'annulation a échoué et n'a rien modifié.", cause: error)
        }
        guard let done else { return nil }
        return try journal(source: source, limit: 1).first { $0.id == done }
    }

    /// Reverts the venues an operation changed, recording their current versions under
    /// `operationID`: an addition is removed, a change or a removal puts back the version
    /// kept, with its row key (a new one if another venue has taken it since).
    static func revert(_ db: Database, operation: Int64, sourceID: Int64, into operationID: Int64) throws {
        let columns = LieuTable.writtenColumns.joined(separator: ", ")
        // The venue as it is now; its id from the history (the venue may be gone).
        let current = LieuTable.writtenColumns.map { $0 == "id" ? "v.id" : "lieu.\($0)" }.joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO lieu_version (import_id, source_id, action, pk, \(columns))
                SELECT ?, v.source_id,
                       CASE v.action WHEN 'ajout' THEN 'retrait' WHEN 'retrait' THEN 'ajout' ELSE 'modification' END,
                       lieu.pk, \(current)
                FROM lieu_version v LEFT JOIN lieu ON lieu.source_id = v.source_id AND lieu.id = v.id
                WHERE v.import_id = ?
                """,
            arguments: [operationID, operation])
        try db.execute(
            sql: "DELETE FROM lieu WHERE source_id = ? AND id IN (SELECT id FROM lieu_version WHERE import_id = ?)",
            arguments: [sourceID, operation])
        try db.execute(
            sql: """
                INSERT INTO lieu (pk, source_id, \(columns), geom)
                SELECT CASE WHEN EXISTS (SELECT 1 FROM lieu AS taken WHERE taken.pk = lieu_version.pk) THEN NULL ELSE pk END,
                       source_id, \(columns),
                       CASE WHEN longitude IS NULL OR latitude IS NULL THEN NULL ELSE MakePoint(longitude, latitude, 4326) END
                FROM lieu_version WHERE import_id = ? AND action != 'ajout'
                """,
            arguments: [operation])
        // The versions kept have no feature: it is made again from their fields.
        try Store.fillFeatures(db)
    }

    /// Deletes the journal's operations that finished before `date`, with their versions;
    /// returns how many. The last operation of each source that changed something keeps
    /// its versions, so that it can still be undone.
    public func purgeHistory(before date: Date) throws(StoreError) -> Int {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let limit = formatter.string(from: date)
        do {
            return try pool.write { db in
                try db.execute(
                    sql: """
                        DELETE FROM import WHERE finished_at < ? AND id NOT IN (
                            SELECT max(id) FROM import WHERE added + updated + removed > 0 GROUP BY source_id)
                        """,
                    arguments: [limit])
                return db.changesCount
            }
        } catch {
            throw StoreError.failed("La purge de l'historique a échoué et n'a rien modifié.", cause: error)
        }
    }
}
