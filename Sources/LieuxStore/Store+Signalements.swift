import Foundation
import GRDB
import LieuxSchema

extension Store {
    /// Stores a report about a venue of a source.
    public func addSignalement(
        source: String, lieu: String, categorie: Signalement.Categorie, message: String, address: String?
    ) throws(StoreError) -> Signalement {
        do {
            return try pool.write { db in
                guard let sourceID = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE name = ?", arguments: [source]) else {
                    throw StoreError(code: .unknownSource, message: "La source « \(source) » n'existe pas.")
                }
                let created = History.now()
                try db.execute(
                    sql: "INSERT INTO signalement (source_id, lieu_id, categorie, message, created_at, address) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [sourceID, lieu, categorie.rawValue, message, created, address])
                return Signalement(
                    id: db.lastInsertedRowID, source: source, lieu: lieu, categorie: categorie, message: message, createdAt: created)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("Le signalement n'a pas pu être enregistré.", cause: error)
        }
    }

    /// The reports about a source's venues, latest first; the open ones only unless `includingDone`.
    public func signalements(source: String, includingDone: Bool = true) throws(StoreError) -> [Signalement] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT signalement.*, source.name AS source_name FROM signalement JOIN source ON source.id = signalement.source_id
                    WHERE source.name = ? \(includingDone ? "" : "AND done_at IS NULL") ORDER BY signalement.id DESC
                    """,
                arguments: [source]
            ).map(Self.signalement(from:))
        }
    }

    static func signalement(from row: Row) -> Signalement {
        Signalement(
            id: row["id"], source: row["source_name"], lieu: row["lieu_id"],
            categorie: Signalement.Categorie(rawValue: row["categorie"]) ?? .autre, message: row["message"],
            createdAt: row["created_at"], doneAt: row["done_at"], doneBy: row["done_by"])
    }

    /// Marks a report of `source` done, or open again; `nil` when it has no such report.
    public func markSignalement(id: Int64, source: String, done: Bool, by: String) throws(StoreError) -> Signalement? {
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE signalement SET done_at = ?, done_by = ?
                        WHERE id = ? AND source_id = (SELECT id FROM source WHERE name = ?)
                        """,
                    arguments: [done ? History.now() : nil, done ? by : nil, id, source])
            }
        } catch {
            throw StoreError.failed("Le signalement n'a pas pu être mis à jour.", cause: error)
        }
        return try signalements(source: source).first { $0.id == id }
    }
}
