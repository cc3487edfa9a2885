import Foundation
import GRDB
import LieuxModel

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
        var sql = LieuTable.from
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

    var orderClause: String {
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
}
