import Foundation
import GRDB
import LieuxModel
import OpeningHours

extension Store: LieuRepository {
    public func search(_ query: LieuQuery) async throws -> LieuPage {
        guard PointIndex.answers(query) else {
            return try await pool.read { db in try SearchPlan(query, db: db).page(db) }
        }
        if let index = pointIndex.latest {
            // Never a blocking read here: a task blocked on the pool while every reader is
            // held by reads waiting for a thread of Swift's pool stops the service for good
            // (seen at 12 connections on 2 cores).
            let venueCache = self.venueCache
            let page = try await pool.read { db -> LieuPage? in
                guard try Self.dataVersion(db) == index.version else { return nil }
                let (candidates, matched) = index.page(query)
                let lieux = try SearchPlan.fetch(db, candidates[...], cache: venueCache, version: index.version)
                return LieuPage(lieux: lieux, numberMatched: matched)
            }
            if let page { return page }
        }
        refreshPointIndex()
        return try await pool.read { db in try SearchPlan(query, db: db).page(db) }
    }

    /// Builds the in-memory point index of the current data in the background, unless a build
    /// is under way; searches use SQL until it is ready.
    public func refreshPointIndex() {
        guard pointIndex.beginBuilding() else { return }
        Task.detached(priority: .utility) { [self] in
            pointIndex.finish(try? pool.read { db in try PointIndex(db) })
        }
    }

    /// Builds the in-memory point index of the current data now (benchmarks, tests).
    public func buildPointIndex() throws {
        pointIndex.finish(try pool.read { db in try PointIndex(db) })
    }

    static func dataVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM store_meta WHERE key = 'version'")) ?? 0
    }

    public func forEach(_ query: LieuQuery, _ body: (FoundLieu) throws -> Void) async throws {
        // GRDB's async read takes an escaping, Sendable closure: stream from a blocking read instead.
        try forEachSynchronously(query, body)
    }

    /// Every venue matching `query` (its page ignored), one at a time, from a blocking read.
    public func forEachSynchronously(_ query: LieuQuery, _ body: (FoundLieu) throws -> Void) throws {
        try pool.read { db in try SearchPlan(query, db: db).forEach(db, body) }
    }

    public func lieu(source: String, id: Lieu.ID) async throws -> FoundLieu? {
        try await pool.read { db in
            let sql = SearchPlan.selectFull + " WHERE source.name = ? AND lieu.id = ?"
            return try SearchPlan.first(db, sql: sql, arguments: [source, id.rawValue])
        }
    }

    public func lieu(id: Lieu.ID) async throws -> FoundLieu? {
        try await pool.read { db in
            let sql = SearchPlan.selectFull + " WHERE lieu.id = ? ORDER BY source.name"
            return try SearchPlan.first(db, sql: sql, arguments: [id.rawValue])
        }
    }

    public func version() async throws -> String {
        // Asked by every GET (its ETag): an asynchronous read, as every read of a task.
        try await pool.read { db in String(try Self.dataVersion(db)) }
    }

    public func hasArea(_ area: AreaReference) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT count(*) > 0 FROM area WHERE kind = ? AND code = ?",
                arguments: [area.kind.rawValue, area.code]) ?? false
        }
    }

    /// Marks the stored data as changed, for caches and ETags.
    static func bumpVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE store_meta SET value = value + 1 WHERE key = 'version'")
    }
}

/// How a query runs: SQL for what SQL does well (the R*Tree, the indexes, full text), Swift
/// for the exact distance, polygons and opening hours.
struct SearchPlan {
    let query: LieuQuery
    /// Conditions and their arguments, joined with AND.
    private var conditions: [String] = []
    private var arguments: [any DatabaseValueConvertible] = []
    /// Whether the R*Tree must be joined, with the box to look in.
    private(set) var box: GeoBounds?
    /// The exact test run in Swift after the R*Tree, with the distance when there is one.
    private(set) var exact: ((Double, Double) -> (keep: Bool, distance: Double?))?
    private(set) var hours: OpeningHoursFilter?

    static let columns = StoreSchema.fieldColumns.map { "lieu.\($0)" }.joined(separator: ", ")
    static let selectFull = "SELECT lieu.pk, source.name AS source_name, \(columns) FROM lieu JOIN source ON source.id = lieu.source_id"

    init(_ query: LieuQuery, db: Database) throws {
        self.query = query
        addFilters(query.filters)
        switch query.spatial {
        case .everywhere:
            break
        case .bbox(let b):
            box = b
            conditions.append("lieu.longitude BETWEEN ? AND ? AND lieu.latitude BETWEEN ? AND ?")
            arguments += [b.minLongitude, b.maxLongitude, b.minLatitude, b.maxLatitude]
        case .near(let origin, let radius):
            box = Self.box(around: origin, radius: radius)
            exact = { lon, lat in
                let d = origin.distance(to: Coordinates(latitude: lat, longitude: lon) ?? origin)
                return (d <= radius, d)
            }
        case .nearest(let origin, _):
            // The radius grows in `page` until enough venues are found.
            exact = { lon, lat in (true, origin.distance(to: Coordinates(latitude: lat, longitude: lon) ?? origin)) }
        case .polygon(let polygon):
            box = polygon.bounds
            exact = { lon, lat in (polygon.contains(latitude: lat, longitude: lon), nil) }
        case .within(let area):
            guard let row = try Row.fetchOne(
                db, sql: "SELECT geometry, min_longitude, min_latitude, max_longitude, max_latitude FROM area WHERE kind = ? AND code = ?",
                arguments: [area.kind.rawValue, area.code])
            else {
                conditions.append("0")
                break
            }
            let polygon = AreaGeometry.polygon(fromGeoJSON: row["geometry"]) ?? GeoPolygon(polygons: [])
            box = GeoBounds(minLongitude: row["min_longitude"], minLatitude: row["min_latitude"], maxLongitude: row["max_longitude"], maxLatitude: row["max_latitude"])
            exact = { lon, lat in (polygon.contains(latitude: lat, longitude: lon), nil) }
        }
        if let instant = query.openAt { hours = OpeningHoursFilter(instant: instant) }
    }

    private mutating func addFilters(_ f: LieuFilters) {
        for (field, labels) in f.vocabularyConditions {
            conditions.append("(" + labels.map { _ in "instr('|' || coalesce(lieu.\(field.rawValue), '') || '|', ?) > 0" }.joined(separator: " OR ") + ")")
            arguments += labels.map { "|\($0)|" }
        }
        func list(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            conditions.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
            arguments += values
        }
        list("lieu.code_postal", f.codesPostaux.map(\.rawValue).sorted())
        list("lieu.code_insee", f.codesINSEE.map(\.rawValue).sorted())
        list("lieu.departement", f.departements.sorted())
        list("source.name", f.sources.sorted())
        if let day = f.dateMajMin {
            conditions.append("lieu.date_maj >= ?")
            arguments.append(day.description)
        }
        if let text = f.text, let match = Self.ftsQuery(text) {
            conditions.append("lieu.pk IN (SELECT rowid FROM lieu_fts WHERE lieu_fts MATCH ?)")
            arguments.append(match)
        }
    }

    /// Every word of `text` as a prefix, all required: `"media"* AND "reims"*`.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split { !$0.isLetter && !$0.isNumber }.map { String($0).replacingOccurrences(of: "\"", with: "") }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " AND ")
    }

    /// A box holding the circle of `radius` metres around `origin`.
    static func box(around origin: Coordinates, radius: Double) -> GeoBounds {
        let dLat = radius / 111_195 * 1.001 + 1e-6
        let cosLat = max(cos(origin.latitude * .pi / 180), 1e-6)
        let dLon = radius / (111_195 * cosLat) * 1.001 + 1e-6
        var minLongitude = origin.longitude - dLon, maxLongitude = origin.longitude + dLon
        if minLongitude < -180 || maxLongitude > 180 || origin.latitude + dLat >= 90 || origin.latitude - dLat <= -90 {
            // Across the antimeridian or a pole: every longitude (the exact distance sorts it out).
            minLongitude = -180
            maxLongitude = 180
        }
        return GeoBounds(
            minLongitude: minLongitude, minLatitude: max(-90, origin.latitude - dLat),
            maxLongitude: maxLongitude, maxLatitude: min(90, origin.latitude + dLat))
    }

    // MARK: - SQL

    func fromClause(box: GeoBounds?) -> String {
        var sql = " FROM lieu JOIN source ON source.id = lieu.source_id"
        if box != nil {
            // The R*Tree keeps float32 boxes rounded outwards: it may return a few points just
            // outside, which the exact test removes.
            sql += " JOIN idx_lieu_geom AS r ON r.pkid = lieu.pk AND r.xmin <= ? AND r.xmax >= ? AND r.ymin <= ? AND r.ymax >= ?"
        }
        return sql
    }

    func whereClause() -> String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    func allArguments(box: GeoBounds?) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = []
        if let box { values += [box.maxLongitude, box.minLongitude, box.maxLatitude, box.minLatitude] }
        values += arguments.map { $0 }
        return StatementArguments(values)
    }

    private var orderClause: String {
        switch query.sort {
        case .nom: return " ORDER BY lieu.nom_tri, lieu.nom, source.name, lieu.id"
        case .nomDescendant: return " ORDER BY lieu.nom_tri DESC, lieu.nom DESC, source.name, lieu.id"
        case .dateMaj: return " ORDER BY lieu.date_maj, source.name, lieu.id"
        case .dateMajDescendant: return " ORDER BY lieu.date_maj DESC, source.name, lieu.id"
        case .identifiant, .distance: return " ORDER BY source.name, lieu.id"
        }
    }

    /// Whether SQL alone decides the set and its order (so LIMIT, OFFSET and count(*) apply).
    var sqlOnly: Bool { exact == nil && hours == nil }

    // MARK: - Running

    func page(_ db: Database) throws -> LieuPage {
        if sqlOnly {
            let from = fromClause(box: box) + whereClause()
            let count = try Int.fetchOne(db, sql: "SELECT count(*)" + from, arguments: allArguments(box: box)) ?? 0
            var args = allArguments(box: box)
            args += [query.limit, query.offset]
            var lieux: [FoundLieu] = []
            try ColumnReader.forEach(
                db, sql: "SELECT lieu.pk, source.name AS source_name, \(Self.columns)" + from + orderClause + " LIMIT ? OFFSET ?",
                arguments: args
            ) { row in lieux.append(try row.found()) }
            return LieuPage(lieux: lieux, numberMatched: count)
        }
        let candidates = try matches(db)
        let page = candidates.dropFirst(query.offset).prefix(query.limit)
        return LieuPage(lieux: try Self.fetch(db, page), numberMatched: candidates.count)
    }

    func forEach(_ db: Database, _ body: (FoundLieu) throws -> Void) throws {
        if sqlOnly {
            let sql = "SELECT lieu.pk, source.name AS source_name, \(Self.columns)" + fromClause(box: box) + whereClause() + orderClause
            try ColumnReader.forEach(db, sql: sql, arguments: allArguments(box: box)) { row in try body(try row.found()) }
            return
        }
        let candidates = try matches(db)
        var start = 0
        while start < candidates.count {
            let batch = candidates[start..<min(candidates.count, start + 500)]
            for found in try Self.fetch(db, batch) { try body(found) }
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

    /// The `count` venues nearest to `origin` that pass the filters: an R*Tree search in a
    /// box that doubles until it holds `count` venues within its inscribed circle.
    private func nearest(_ db: Database, origin: Coordinates, count: Int) throws -> [Candidate] {
        guard count > 0 else { return [] }
        var radius = 2_000.0
        var hoursFilter = hours
        while true {
            let box = Self.box(around: origin, radius: radius)
            let hoursColumn = hours != nil ? ", lieu.horaires" : ""
            let sql = "SELECT lieu.pk, lieu.longitude, lieu.latitude\(hoursColumn)" + fromClause(box: box) + whereClause()
            var found: [Candidate] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: allArguments(box: box))
            while let row = try cursor.next() {
                guard let lon = row[1] as Double?, let lat = row[2] as Double?,
                    let point = Coordinates(latitude: lat, longitude: lon)
                else { continue }
                if hoursFilter != nil {
                    guard hoursFilter!.isOpen(row[3] as String?) else { continue }
                }
                found.append(Candidate(pk: row[0], distance: origin.distance(to: point)))
            }
            found.sort { ($0.distance!, $0.pk) < ($1.distance!, $1.pk) }
            // Every venue closer than `radius` lies in the box: the first `count` are final
            // once the count-th is within the radius.
            let whole = radius >= 20_037_509
            if found.count >= count && found[count - 1].distance! <= radius || whole {
                let result = Array(found.prefix(count))
                if query.sort == .distance || query.sort == .identifiant { return result }
                return try reorder(db, result)
            }
            radius = min(radius * 2, 20_037_509)
        }
    }

    /// Candidates re-sorted by the query's non-distance order.
    private func reorder(_ db: Database, _ candidates: [Candidate]) throws -> [Candidate] {
        let found = try Self.fetch(db, candidates[...])
        let sorted = found.sorted(by: query.sort)
        let pkOf = Dictionary(uniqueKeysWithValues: zip(found.map { "\($0.source)\u{1F}\($0.lieu.id.rawValue)" }, candidates.map(\.pk)))
        return sorted.map { Candidate(pk: pkOf["\($0.source)\u{1F}\($0.lieu.id.rawValue)"]!, distance: $0.distance) }
    }

    /// The full venues of `candidates`, in their order.
    /// With a `cache` and the data `version` read in the same transaction, venues read
    /// before are taken from it, and those read now are kept in it.
    static func fetch(
        _ db: Database, _ candidates: ArraySlice<Candidate>, cache: VenueCache? = nil, version: Int = 0
    ) throws -> [FoundLieu] {
        guard !candidates.isEmpty else { return [] }
        var byKey = cache?.venues(candidates.map(\.pk), version: version) ?? [:]
        let keys = candidates.map(\.pk).filter { byKey[$0] == nil }
        if !keys.isEmpty {
            // One prepared statement, run once per venue: preparing a statement of 35 columns
            // costs more than reading 50 venues (GRDB's authorizer notes every column read).
            let statement = try db.cachedStatement(sql: Self.selectFull + " WHERE lieu.pk = ?")
            var read: [Int64: FoundLieu] = [:]
            for key in keys {
                try ColumnReader.forEach(statement, arguments: [key]) { row in read[key] = try row.found() }
            }
            cache?.keep(read, version: version)
            byKey.merge(read) { _, new in new }
        }
        return candidates.compactMap { candidate in
            guard var found = byKey[candidate.pk] else { return nil }
            found.distance = candidate.distance
            return found
        }
    }

    /// The first venue of `sql` (a ``selectFull``), if any.
    static func first(_ db: Database, sql: String, arguments: StatementArguments) throws -> FoundLieu? {
        var found: FoundLieu?
        try ColumnReader.forEach(db, sql: sql + " LIMIT 1", arguments: arguments) { row in found = try row.found() }
        return found
    }
}

/// "Open at this instant", with parsed hours kept for values seen before.
struct OpeningHoursFilter {
    let instant: Date
    private var parsed: [String: OpeningHours?] = [:]

    init(instant: Date) { self.instant = instant }

    /// Whether hours written `text` say open at the instant; unknown or unreadable hours do not.
    mutating func isOpen(_ text: String?) -> Bool {
        guard let text, !text.isEmpty else { return false }
        let hours: OpeningHours?
        if let known = parsed[text] {
            hours = known
        } else {
            hours = try? OpeningHours(parsing: text)
            if parsed.count > 50_000 { parsed.removeAll(keepingCapacity: true) }
            parsed[text] = hours
        }
        return hours?.state(at: instant) == .open
    }
}
