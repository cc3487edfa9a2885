import Foundation
import GRDB
import LieuxModel
import LieuxStore

/// The store opened a second time, read-only, and asked the benchmark's questions in plain
/// SpatiaLite SQL, the way a user of SpatiaLite writes them: the reference Lieux is measured
/// against, and what its answers are checked against.
///
/// Statements are prepared once and kept (`cachedStatement`), as a careful user would.
final class ReferenceDatabase {
    private let queue: DatabaseQueue

    /// The first page and the number matched, as a search answers them.
    struct Page {
        /// `source␟id` of each venue of the page, in order.
        var keys: [String]
        var count: Int
    }

    /// A venue the reference finds (or considers), with what explains a difference.
    struct Match {
        /// `source␟id`.
        var key: String
        /// Distance on the WGS 84 ellipsoid (`ST_Distance(…, 1)`, or `KNN`'s), in metres.
        var ellipsoid: Double?
        /// Great-circle distance (`ST_Distance(…, 0)`), in metres.
        var sphere: Double?
        /// Name, address and commune, for the text query.
        var text: String?
    }

    /// What the benchmark draws its queries from, from one row.
    struct LabelsAndWords {
        var services: String
        var frais: String
        var nom: String
        var commune: String
    }

    /// The columns a search returns: every field of the standard, and the source's name.
    private static let columns = "lieu.pk, source.name AS source_name, "
        + Lieu.Field.allCases.map { "lieu.\($0.rawValue)" }.joined(separator: ", ")
    private static let from = " FROM lieu JOIN source ON source.id = lieu.source_id"

    /// `lieu.pk` among the venues whose index box meets `frame` (a geometry expression).
    private static func indexed(_ frame: String) -> String {
        "lieu.pk IN (SELECT rowid FROM SpatialIndex WHERE f_table_name = 'lieu' AND f_geometry_column = 'geom' AND search_frame = \(frame))"
    }

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in try SpatiaLite.prepare(db) }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.inDatabase { db in
            // Areas as a user of SpatiaLite keeps them: geometries, parsed once.
            if try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'area'") ?? false {
                try db.execute(sql: """
                    CREATE TEMP TABLE reference_area AS
                        SELECT code, SetSRID(GeomFromGeoJSON(geometry), 4326) AS g FROM main.area WHERE kind = 'departement';
                    CREATE UNIQUE INDEX temp.reference_area_code ON reference_area(code);
                    """)
            } else {
                try db.execute(sql: "CREATE TEMP TABLE reference_area (code TEXT PRIMARY KEY, g BLOB)")
            }
        }
    }

    // MARK: - What the store holds

    func venueCount() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu") ?? 0 }
    }

    func positions() throws -> [Coordinates] {
        try queue.read { db in
            var positions: [Coordinates] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT longitude, latitude FROM lieu WHERE longitude IS NOT NULL AND latitude IS NOT NULL")
            while let row = try cursor.next() {
                if let c = Coordinates(latitude: row[1], longitude: row[0]) { positions.append(c) }
            }
            return positions
        }
    }

    func departementsWithAreas() throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT DISTINCT lieu.departement FROM lieu JOIN temp.reference_area AS a ON a.code = lieu.departement WHERE a.g IS NOT NULL ORDER BY 1"
            )
        }
    }

    /// Up to about `sampleSize` rows, evenly spread over the table.
    func labelsAndWords(sampleSize: Int) throws -> [LabelsAndWords] {
        try queue.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu") ?? 0
            let step = max(1, count / sampleSize)
            return try Row.fetchAll(
                db, sql: "SELECT services, frais_a_charge, nom, commune FROM lieu WHERE pk % ? = 0", arguments: [step]
            ).map { row in
                LabelsAndWords(services: row[0] ?? "", frais: row[1] ?? "", nom: row[2] ?? "", commune: row[3] ?? "")
            }
        }
    }

    /// Where the store came from: each import's file and rows; the number of areas.
    func provenance() throws -> (imports: [String], areas: Int) {
        try queue.read { db in
            let imports = try Row.fetchAll(
                db, sql: "SELECT source.name, import.place, import.rows FROM import JOIN source ON source.id = import.source_id ORDER BY import.id"
            ).map { row -> String in
                let place: String = row[1]
                return "`\(URL(fileURLWithPath: place).lastPathComponent)` (\(row[2] as Int) rows, source `\(row[0] as String)`)"
            }
            let areas = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.reference_area") ?? 0
            return (imports, areas)
        }
    }

    // MARK: - The measured questions

    /// The first page and the number matched (for `nearest`, the venues found).
    func page(_ query: BenchmarkQuery) throws -> Page {
        try queue.read { db in
            if case .nearest(let point, let count) = query {
                let statement = try db.cachedStatement(sql: """
                    SELECT \(Self.columns), knn.distance FROM KNN AS knn JOIN lieu ON lieu.pk = knn.fid
                    JOIN source ON source.id = lieu.source_id
                    WHERE knn.f_table_name = 'lieu' AND knn.f_geometry_column = 'geom'
                    AND knn.ref_geometry = MakePoint(?, ?, 4326) AND knn.max_items = ? ORDER BY knn.pos
                    """)
                let rows = try Row.fetchAll(statement, arguments: [point.longitude, point.latitude, count])
                return Page(keys: rows.map(Self.key), count: rows.count)
            }
            let (condition, arguments, distance) = Self.condition(query, margin: 1.001)
            let count = try Int.fetchOne(
                try db.cachedStatement(sql: "SELECT count(*) FROM lieu WHERE " + condition), arguments: arguments) ?? 0
            let order = distance == nil ? " ORDER BY source.name, lieu.id" : " ORDER BY distance, lieu.pk"
            let select = "SELECT \(Self.columns)" + (distance.map { ", \($0.sql) AS distance" } ?? "")
            let statement = try db.cachedStatement(sql: select + Self.from + " WHERE " + condition + order + " LIMIT ?")
            var pageArguments = distance?.arguments ?? []
            pageArguments += arguments
            pageArguments += [query.limit]
            let rows = try Row.fetchAll(statement, arguments: pageArguments)
            return Page(keys: rows.map(Self.key), count: count)
        }
    }

    /// The SQL condition of a query, its arguments, and the expression of its distance with
    /// its own arguments.
    private static func condition(
        _ query: BenchmarkQuery, margin: Double
    ) -> (String, StatementArguments, (sql: String, arguments: StatementArguments)?) {
        switch query {
        case .near(let point, let radius, let filters, _):
            let distance = "ST_Distance(lieu.geom, MakePoint(?, ?, 4326), 1)"
            var sql = indexed("BuildMbr(?, ?, ?, ?, 4326)") + " AND " + distance + " <= ?"
            let b = box(around: point, radius: radius, margin: margin)
            var arguments: StatementArguments = [
                b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude, point.longitude, point.latitude, radius,
            ]
            if let filters {
                sql += " AND instr('|' || coalesce(lieu.services, '') || '|', ?) > 0"
                sql += " AND instr('|' || coalesce(lieu.frais_a_charge, '') || '|', ?) > 0"
                arguments += ["|\(filters.service.rawValue)|", "|\(filters.frais.rawValue)|"]
            }
            // The page selects the distance again, to sort by it.
            return (sql, arguments, (distance, [point.longitude, point.latitude]))
        case .bbox(let b):
            let sql = indexed("BuildMbr(?, ?, ?, ?, 4326)") + " AND MbrIntersects(lieu.geom, BuildMbr(?, ?, ?, ?, 4326))"
            let box: [Double] = [b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude]
            return (sql, StatementArguments(box + box), nil)
        case .within(let code):
            let area = "(SELECT g FROM temp.reference_area WHERE code = ?)"
            return (indexed(area) + " AND ST_Within(lieu.geom, \(area)) = 1", [code, code], nil)
        case .text(let word):
            let pattern = "%\(word)%"
            return ("(lieu.nom LIKE ? OR lieu.adresse LIKE ? OR lieu.commune LIKE ?)", [pattern, pattern, pattern], nil)
        case .nearest:
            preconditionFailure("nearest is asked through KNN")
        }
    }

    /// A box holding the circle of `radius` metres around `point`, `margin` times larger.
    static func box(around point: Coordinates, radius: Double, margin: Double) -> GeoBounds {
        // On the ellipsoid, 1° of latitude is 110.57 to 111.70 km: take the shorter; 1° of
        // longitude is at least 111.32 km × cos(latitude).
        let dLat = radius * margin / 110_574
        let dLon = radius * margin / (111_320 * max(cos(point.latitude * .pi / 180), 1e-6))
        return GeoBounds(
            minLongitude: max(-180, point.longitude - dLon), minLatitude: max(-90, point.latitude - dLat),
            maxLongitude: min(180, point.longitude + dLon), maxLatitude: min(90, point.latitude + dLat))
    }

    // MARK: - Checking answers

    /// Every venue the reference finds, in its order; for a radius, every venue of a box
    /// around the circle, with both distances (the caller decides which are inside).
    func matches(_ query: BenchmarkQuery) throws -> [Match] {
        try queue.read { db in
            switch query {
            case .nearest(let point, let count):
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT source.name AS source_name, lieu.id, knn.distance, ST_Distance(lieu.geom, MakePoint(?, ?, 4326), 0)
                        FROM KNN AS knn JOIN lieu ON lieu.pk = knn.fid JOIN source ON source.id = lieu.source_id
                        WHERE knn.f_table_name = 'lieu' AND knn.f_geometry_column = 'geom'
                        AND knn.ref_geometry = MakePoint(?, ?, 4326) AND knn.max_items = ? ORDER BY knn.pos
                        """,
                    arguments: [point.longitude, point.latitude, point.longitude, point.latitude, count])
                return rows.map { Match(key: Self.key($0), ellipsoid: $0[2], sphere: $0[3]) }
            case .near(let point, let radius, let filters, _):
                let b = Self.box(around: point, radius: radius, margin: 1.05)
                var sql = """
                    SELECT source.name AS source_name, lieu.id, ST_Distance(lieu.geom, MakePoint(?, ?, 4326), 1),
                        ST_Distance(lieu.geom, MakePoint(?, ?, 4326), 0)
                    """ + Self.from + " WHERE " + Self.indexed("BuildMbr(?, ?, ?, ?, 4326)")
                var arguments: StatementArguments = [
                    point.longitude, point.latitude, point.longitude, point.latitude,
                    b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude,
                ]
                if let filters {
                    sql += " AND instr('|' || coalesce(lieu.services, '') || '|', ?) > 0"
                    sql += " AND instr('|' || coalesce(lieu.frais_a_charge, '') || '|', ?) > 0"
                    arguments += ["|\(filters.service.rawValue)|", "|\(filters.frais.rawValue)|"]
                }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                    Match(key: Self.key($0), ellipsoid: $0[2], sphere: $0[3])
                }
            default:
                let (condition, arguments, _) = Self.condition(query, margin: 1.001)
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT source.name AS source_name, lieu.id, lieu.nom || ' / ' || lieu.adresse || ' / ' || lieu.commune"
                        + Self.from + " WHERE " + condition + " ORDER BY source.name, lieu.id",
                    arguments: arguments)
                return rows.map { Match(key: Self.key($0), text: $0[2]) }
            }
        }
    }

    /// The venues SQLite's own full-text index finds for `word` as a prefix (what Lieux asks
    /// FTS5), in (source, id) order.
    func fullTextMatches(_ word: String) throws -> [String] {
        try queue.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT source.name AS source_name, lieu.id" + Self.from
                    + " WHERE lieu.pk IN (SELECT rowid FROM lieu_fts WHERE lieu_fts MATCH ?) ORDER BY source.name, lieu.id",
                arguments: ["\"\(word)\"*"]
            ).map(Self.key)
        }
    }

    /// `source␟id` of a row having `source_name` and `id`.
    private static func key(_ row: Row) -> String {
        (row["source_name"] as String) + "\u{1F}" + (row["id"] as String)
    }
}
