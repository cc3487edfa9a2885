import Foundation
import GRDB
import LieuxModel
import LieuxSchema

extension Store {
    /// Creates, replaces, patches or deletes one venue of `source`, validated as a one-row
    /// file of the current version, in one transaction kept in the history (an operation of
    /// kind `lieu`, undoable like an import). Nothing is written when the venue is invalid,
    /// absent (or already there, for a create).
    public func write(_ write: VenueWrite, source: String, origin: OperationOrigin) throws(StoreError) -> VenueWriteResult {
        var outcome: VenueWriteResult?
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let result = try Self.write(write, source: source, origin: origin, db: db)
                    outcome = result
                    return result.written ? .commit : .rollback
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SchemaError {
            throw StoreError(code: .sql, message: "Le schéma du standard est inutilisable : \(error.message)")
        } catch {
            throw StoreError.failed("L'écriture du lieu a échoué et n'a rien modifié.", cause: error)
        }
        return outcome!
    }

    private static func write(_ write: VenueWrite, source: String, origin: OperationOrigin, db: Database) throws -> VenueWriteResult {
        let sourceID = try History.sourceID(db, name: source)
        let id: String
        var fields: [String: String] = [:]
        let status: VenueWriteResult.Status
        switch write {
        case .create(let given):
            guard let given_id = given["id"], let valid = Lieu.ID(rawValue: given_id) else {
                fields = given
                id = given["id"] ?? ""
                status = .created
                break
            }
            id = valid.rawValue
            if try stored(db, sourceID: sourceID, id: id) != nil { return VenueWriteResult(status: .conflict, id: id) }
            fields = given
            status = .created
        case .replace(let target, let given):
            id = target
            if let given_id = given["id"], given_id != target { return VenueWriteResult(status: .idMismatch, id: target) }
            guard try stored(db, sourceID: sourceID, id: target) != nil else { return VenueWriteResult(status: .notFound, id: target) }
            fields = given
            fields["id"] = target
            status = .replaced
        case .patch(let target, let changes):
            id = target
            if case let given_id?? = changes["id"], given_id != target { return VenueWriteResult(status: .idMismatch, id: target) }
            guard let current = try stored(db, sourceID: sourceID, id: target) else { return VenueWriteResult(status: .notFound, id: target) }
            fields = current
            for (name, value) in changes {
                if let value { fields[name] = value } else { fields[name] = nil }
            }
            fields["id"] = target
            status = .patched
        case .delete(let target):
            id = target
            guard try stored(db, sourceID: sourceID, id: target) != nil else { return VenueWriteResult(status: .notFound, id: target) }
            let operationID = try History.begin(
                db, sourceID: sourceID, kind: SourceOperation.Kind.lieu.rawValue, place: "DELETE \(target)", origin: origin)
            let venue = "lieu WHERE source_id = ? AND id = ?"
            try db.execute(sql: History.recordSQL(action: "'retrait'", from: venue), arguments: [operationID, sourceID, target])
            try db.execute(sql: "DELETE FROM \(venue)", arguments: [sourceID, target])
            var result = ImportResult(source: source, files: [], status: .applied)
            result.removed = 1
            try History.finish(db, operationID, result: result)
            try Store.bumpVersion(db)
            try History.afterChange(db, sourceID: sourceID, operationID: operationID)
            return VenueWriteResult(status: .deleted, id: target, operation: operationID)
        }

        // The venue as a one-row JSON file, validated like any file.
        let object = try JSONSerialization.data(withJSONObject: [fields], options: [.sortedKeys])
        var reader = JSONRowReader(data: object, sourceName: "lieu \(id)")
        var checked: CheckedRow?
        let report = try Validator(version: .current).validate(&reader, place: "lieu « \(id) »") { checked = $0 }
        guard report.valid, let row = checked, let prepared = LieuWriter.prepare(row) else {
            return VenueWriteResult(status: .invalid, id: id, report: report)
        }
        let place: String
        switch write {
        case .create: place = "POST \(id)"
        case .replace: place = "PUT \(id)"
        default: place = "PATCH \(id)"
        }
        let operationID = try History.begin(db, sourceID: sourceID, kind: SourceOperation.Kind.lieu.rawValue, place: place, origin: origin)
        var writer = try LieuWriter(db, sourceID: sourceID, operationID: operationID, fileCount: 1, tracksSeen: false)
        _ = try writer.write(prepared)
        try writer.finish()
        var result = ImportResult(source: source, files: [], status: .applied)
        result.added = writer.added
        result.updated = writer.updated
        result.unchanged = writer.unchanged
        if writer.storedBefore == 0 { try writer.recordBulkAdditions() }
        try History.finish(db, operationID, result: result)
        if !result.changedNothing {
            try Store.bumpVersion(db)
            try History.afterChange(db, sourceID: sourceID, operationID: operationID)
        }
        return VenueWriteResult(status: status, id: id, report: report, operation: operationID)
    }

    /// The stored fields of a venue, by the standard's names (empty ones left out).
    private static func stored(_ db: Database, sourceID: Int64, id: String) throws -> [String: String]? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM lieu WHERE source_id = ? AND id = ?", arguments: [sourceID, id]) else {
            return nil
        }
        return History.fields(of: row)
    }
}
