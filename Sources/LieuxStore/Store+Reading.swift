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
        var sql = "SELECT source.name AS source_name, \(LieuTable.qualifiedFields)" + LieuTable.from
        var arguments: StatementArguments = []
        if let source {
            sql += " WHERE source.name = ?"
            arguments = [source]
        }
        sql += " ORDER BY source.name, lieu.id"
        do {
            try pool.read { db in
                try Self.requireSource(source, db)
                // Stops at the first error of `body`, kept apart from the store's own errors.
                struct Stop: Error {}
                do {
                    try ColumnReader.forEach(db, sql: sql, arguments: arguments) { row in
                        do {
                            try body(try row.lieu(firstField: 1), row.text(0) ?? "")
                        } catch {
                            bodyError = error
                            throw Stop()
                        }
                    }
                } catch is Stop {
                    return
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("La lecture des lieux a échoué.", cause: error)
        }
        if let bodyError { throw bodyError }
    }
}
