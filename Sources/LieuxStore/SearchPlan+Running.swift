import GRDB
import LieuxExport
import LieuxModel

/// What a search reads of each venue: the whole venue (``FoundLieu``), or its feature's
/// bytes (``EncodedFeature``) for the pages and exports written from them.
struct VenueReading<Value: Sendable>: Sendable {
    /// The select of one venue (a ``LieuTable`` select, without its `FROM`).
    let select: String
    /// The value of a row of `select`; `nil` when the row lacks it.
    let read: @Sendable (ColumnReader) throws -> Value?
    /// The value made from the whole venue, when `read` gives none.
    let make: @Sendable (FoundLieu) -> Value
    let setDistance: @Sendable (inout Value, Double?) -> Void

    static var venues: VenueReading<FoundLieu> {
        VenueReading<FoundLieu>(
            select: LieuTable.selectFull, read: { try $0.found() }, make: { $0 }, setDistance: { $0.distance = $1 })
    }

    static var features: VenueReading<EncodedFeature> {
        VenueReading<EncodedFeature>(
            select: LieuTable.selectFeature, read: { $0.feature() },
            make: { EncodedFeature(opening: $0.lieu.geoJSONFeatureOpening(), source: $0.source) },
            setDistance: { $0.distance = $1 })
    }

    /// The value of the current row of a statement of `select`.
    func value(_ row: ColumnReader, _ db: Database) throws -> Value {
        if let value = try read(row) { return value }
        let pk = row.int64(0)
        guard let found = try SearchPlan.first(db, sql: LieuTable.selectFull + LieuTable.from + " WHERE lieu.pk = ?", arguments: [pk]) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "venue \(pk) vanished during a read")
        }
        return make(found)
    }
}

extension SearchPlan {
    /// The page of the query, read as `reading` says, and the number of matches.
    func page<Value>(_ db: Database, reading: VenueReading<Value>, cache: VersionedCache<Int64, Value>? = nil, version: Int = 0)
        throws -> (values: [Value], matched: Int)
    {
        if sqlOnly {
            let from = fromClause(box: box) + whereClause()
            let count = try Int.fetchOne(db, sql: "SELECT count(*)" + from, arguments: allArguments(box: box)) ?? 0
            var args = allArguments(box: box)
            args += [query.limit, query.offset]
            var values: [Value] = []
            try ColumnReader.forEach(db, sql: reading.select + from + orderClause + " LIMIT ? OFFSET ?", arguments: args) { row in
                values.append(try reading.value(row, db))
            }
            return (values, count)
        }
        let candidates = try matches(db)
        let page = candidates.dropFirst(query.offset).prefix(query.limit)
        return (try Self.fetch(db, page, reading: reading, cache: cache, version: version), candidates.count)
    }

    func page(_ db: Database) throws -> LieuPage {
        let (lieux, matched) = try page(db, reading: .venues)
        return LieuPage(lieux: lieux, numberMatched: matched)
    }

    /// Every match (the page ignored), read as `reading` says, in the query's order.
    func forEach<Value>(_ db: Database, reading: VenueReading<Value>, _ body: (Value) throws -> Void) throws {
        if sqlOnly {
            let sql = reading.select + fromClause(box: box) + whereClause() + orderClause
            try ColumnReader.forEach(db, sql: sql, arguments: allArguments(box: box)) { row in try body(try reading.value(row, db)) }
            return
        }
        let candidates = try matches(db)
        var start = 0
        while start < candidates.count {
            let batch = candidates[start..<min(candidates.count, start + 500)]
            for value in try Self.fetch(db, batch, reading: reading) { try body(value) }
            start += 500
        }
    }

    /// A candidate: its key, distance, and what sorting needs.
    struct Candidate {
        var pk: Int64
        var distance: Double?
    }

    /// Every matching venue, in the query's order, without its fields.
    func matches(_ db: Database) throws -> [Candidate] {
        if case .nearest(let origin, let count) = query.spatial {
            return try nearest(db, origin: origin, count: count)
        }
        var found: [Candidate] = []
        let hoursColumn = hours != nil ? ", lieu.horaires" : ""
        let byDistance = query.spatial.origin != nil && (query.sort == .distance || query.sort == .identifiant)
        // By distance, the matches are sorted below: SQL need not sort them first.
        let sql = "SELECT lieu.pk, lieu.longitude, lieu.latitude\(hoursColumn)" + fromClause(box: box) + whereClause()
            + (byDistance ? "" : orderClause)
        var hoursFilter = hours
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: allArguments(box: box))
        while let row = try cursor.next() {
            var distance: Double?
            if let exact {
                guard let lon = row[1] as Double?, let lat = row[2] as Double? else { continue }
                let test = exact(lon, lat)
                guard test.keep else { continue }
                distance = test.distance
            }
            if hoursFilter != nil {
                guard hoursFilter!.isOpen(row[3] as String?) else { continue }
            }
            found.append(Candidate(pk: row[0], distance: distance))
        }
        if byDistance {
            found.sort { ($0.distance ?? 0, $0.pk) < ($1.distance ?? 0, $1.pk) }
        }
        return found
    }

    /// The `count` venues nearest to `origin` that pass the filters (``NearestSearch``, the
    /// boxes searched through the R*Tree).
    private func nearest(_ db: Database, origin: Coordinates, count: Int) throws -> [Candidate] {
        var hoursFilter = hours
        let hoursColumn = hours != nil ? ", lieu.horaires" : ""
        let nearest = try NearestSearch.run(around: origin, count: count) { box in
            let sql = "SELECT lieu.pk, lieu.longitude, lieu.latitude\(hoursColumn)" + fromClause(box: box) + whereClause()
            var found: [Nearby] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: allArguments(box: box))
            while let row = try cursor.next() {
                guard let lon = row[1] as Double?, let lat = row[2] as Double?,
                    let point = Coordinates(latitude: lat, longitude: lon)
                else { continue }
                if hoursFilter != nil {
                    guard hoursFilter!.isOpen(row[3] as String?) else { continue }
                }
                found.append(Nearby(distance: origin.distance(to: point), pk: row[0]))
            }
            return found
        }
        let result = nearest.map { Candidate(pk: $0.pk, distance: $0.distance) }
        if query.sort == .distance || query.sort == .identifiant { return result }
        return try reorder(db, result)
    }

    /// Candidates re-sorted by the query's non-distance order.
    private func reorder(_ db: Database, _ candidates: [Candidate]) throws -> [Candidate] {
        let found = try Self.fetch(db, candidates[...], reading: .venues)
        let sorted = found.sorted(by: query.sort)
        let pkOf = Dictionary(uniqueKeysWithValues: zip(found.map { "\($0.source)\u{1F}\($0.lieu.id.rawValue)" }, candidates.map(\.pk)))
        return sorted.map { Candidate(pk: pkOf["\($0.source)\u{1F}\($0.lieu.id.rawValue)"]!, distance: $0.distance) }
    }

    /// The venues of `candidates` read as `reading` says, in their order, with their distances.
    /// With a `cache` and the data `version` read in the same transaction, venues read
    /// before are taken from it, and those read now are kept in it.
    static func fetch<Value>(
        _ db: Database, _ candidates: ArraySlice<Candidate>, reading: VenueReading<Value>,
        cache: VersionedCache<Int64, Value>? = nil, version: Int = 0
    ) throws -> [Value] {
        guard !candidates.isEmpty else { return [] }
        var byKey = cache?.values(candidates.map(\.pk), version: version) ?? [:]
        let keys = candidates.map(\.pk).filter { byKey[$0] == nil }
        if !keys.isEmpty {
            // One prepared statement, run once per venue: preparing a statement of 35 columns
            // costs more than reading 50 venues (GRDB's authorizer notes every column read).
            let statement = try db.cachedStatement(sql: reading.select + LieuTable.from + " WHERE lieu.pk = ?")
            var read: [Int64: Value] = [:]
            for key in keys {
                try ColumnReader.forEach(statement, arguments: [key]) { row in read[key] = try reading.value(row, db) }
            }
            cache?.keep(read, version: version)
            byKey.merge(read) { _, new in new }
        }
        return candidates.compactMap { candidate in
            guard var value = byKey[candidate.pk] else { return nil }
            reading.setDistance(&value, candidate.distance)
            return value
        }
    }

    /// The first venue of `sql` (a ``LieuTable/selectFull``), if any.
    static func first(_ db: Database, sql: String, arguments: StatementArguments) throws -> FoundLieu? {
        var found: FoundLieu?
        try ColumnReader.forEach(db, sql: sql + " LIMIT 1", arguments: arguments) { row in found = try row.found() }
        return found
    }
}
