import GRDB
import LieuxExport
import LieuxModel

extension Store {
    /// Calls `body` with every stored venue and its source's name, in (source, id) order,
    /// one at a time: the venues are never all in memory.
    ///
    /// - Parameter source: only this source's venues; `nil` for all.
    /// - Throws: ``StoreError`` when the store cannot be read; what `body` throws, as is.
    public func forEachLieu(source: String? = nil, _ body: (Lieu, String) throws -> Void) throws {
        try forEachVenue(source: source, reading: .venues) { found in try body(found.lieu, found.source) }
    }

    /// Calls `body` with every stored venue's feature, in (source, id) order, one at a time:
    /// ``forEachLieu(source:_:)`` as bytes, for `lieux export`.
    ///
    /// - Parameter source: only this source's venues; `nil` for all.
    /// - Throws: ``StoreError`` when the store cannot be read; what `body` throws, as is.
    public func forEachFeature(source: String?, _ body: (EncodedFeature) throws -> Void) throws {
        try forEachVenue(source: source, reading: .features, body)
    }

    /// Every venue of `source` (or all), read as `reading` says, in (source, id) order; the
    /// first error of `body` stops the reading and is thrown as it is.
    private func forEachVenue<Value>(source: String?, reading: VenueReading<Value>, _ body: (Value) throws -> Void) throws {
        var query = LieuQuery()
        if let source { query.filters.sources = [source] }
        var bodyError: (any Error)?
        do {
            try pool.read { db in
                try Self.requireSource(source, db)
                do {
                    try SearchPlan(query, db: db).forEach(db, reading: reading) { value in
                        do {
                            try body(value)
                        } catch {
                            bodyError = error
                            throw BodyStop()
                        }
                    }
                } catch is BodyStop {
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

    /// Throws ``StoreError/Code/unknownSource`` when `source` is given and not stored.
    static func requireSource(_ source: String?, _ db: Database) throws {
        guard let source, try !Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM source WHERE name = ?", arguments: [source])! else { return }
        throw StoreError(code: .unknownSource, message: "La source « \(source) » n'existe pas : `lieux stats` liste les sources.")
    }
}

/// Stops a reading at the first error of its caller's closure, kept apart from the store's own errors.
private struct BodyStop: Error {}
