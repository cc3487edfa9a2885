import GRDB
import LieuxModel

extension Store {
    /// Calls `body` with every stored venue and its source's name, in (source, id) order,
    /// one at a time: the venues are never all in memory.
    ///
    /// - Parameter source: only this source's venues; `nil` for all.
    /// - Throws: ``StoreError`` when the store cannot be read; what `body` throws, as is.
    public func forEachLieu(source: String? = nil, _ body: (Lieu, String) throws -> Void) throws {
        var bodyError: (any Error)?
        var sql = "SELECT source.name AS source_name, \(SearchPlan.columns) FROM lieu JOIN source ON source.id = lieu.source_id"
        var arguments: StatementArguments = []
        if let source {
            sql += " WHERE source.name = ?"
            arguments = [source]
        }
        sql += " ORDER BY source.name, lieu.id"
        do {
            try pool.read { db in
                if let source, try !Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM source WHERE name = ?", arguments: [source])! {
                    throw StoreError(code: .unknownSource, message: "La source « \(source) » n'existe pas : `lieux stats` liste les sources.")
                }
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() {
                    do {
                        try body(try Self.lieu(from: row, firstField: 1), row[0])
                    } catch {
                        bodyError = error
                        return
                    }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .sql, message: "La lecture des lieux a échoué.", cause: error)
        }
        if let bodyError { throw bodyError }
    }

    /// A venue from a row of the `lieu` table (its 32 field columns).
    static func lieu(from row: Row, firstField: Int) throws -> Lieu {
        // By position: GRDB's lookup by name compares lowercased names, which was the largest
        // cost of a page of results.
        try Lieu { field in
            let index = firstField + field.number - 1
            switch field {
            case .latitude, .longitude:
                return (row[index] as Double?).map(Lieu.format)
            default:
                return row[index]
            }
        }
    }
}
