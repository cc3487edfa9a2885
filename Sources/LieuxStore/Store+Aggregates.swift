import Foundation
import GRDB
import LieuxModel

/// Counts by territory and clusters, for the map at small zooms.
///
/// Counts are one SQL `GROUP BY` over the search's conditions (those of ``SearchPlan``: the
/// département and INSEE code columns are indexed), or, when the search keeps venues that
/// SQL alone cannot decide (a radius, a polygon, opening hours), a look-up of each match.
/// Clusters come from the ``PointIndex`` when the search has no filter but a box (the map's
/// commonest call), from SQL otherwise.
extension Store {
    public func aggregate(_ query: LieuQuery, by level: AreaReference.Kind) async throws -> Aggregate {
        try await pool.read { db in try Self.aggregate(query, by: level, db: db) }
    }

    public func clusters(_ query: LieuQuery, grid: ClusterGrid) async throws -> LieuClusters {
        if Self.indexAnswersClusters(query) {
            if let index = pointIndex.latest, let clusters = try await clustersFromIndex(index, query, grid: grid) { return clusters }
            refreshPointIndex()
        }
        return try await pool.read { db in try Self.clusters(query, grid: grid, db: db) }
    }

    // MARK: Counts

    static func aggregate(_ query: LieuQuery, by level: AreaReference.Kind, db: Database) throws -> Aggregate {
        let plan = try SearchPlan(query, db: db)
        var tally = AggregateTally(level: level)
        if plan.sqlOnly {
            // Communes by INSEE code; départements, and régions from them, by département.
            let key = level == .commune ? "lieu.code_insee" : "lieu.departement"
            let name = level == .commune ? "min(lieu.commune)" : "NULL"
            let sql = "SELECT \(key), count(*), count(lieu.longitude), total(lieu.longitude), total(lieu.latitude), \(name)"
                + plan.fromClause(box: plan.box) + plan.whereClause() + " GROUP BY \(key)"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: plan.allArguments(box: plan.box))
            while let row = try cursor.next() {
                let code: String? = row[0]
                tally.add(
                    territory: Aggregate.territoryCode(level, departement: code, codeINSEE: code), count: row[1], placed: row[2],
                    sumLongitude: row[3], sumLatitude: row[4], communeName: row[5])
            }
        } else {
            let statement = try db.cachedStatement(
                sql: "SELECT departement, code_insee, commune, longitude, latitude FROM lieu WHERE pk = ?")
            for candidate in try plan.matches(db) {
                guard let row = try Row.fetchOne(statement, arguments: [candidate.pk]) else { continue }
                let longitude: Double? = row[3], latitude: Double? = row[4]
                tally.add(
                    departement: row[0], codeINSEE: row[1], commune: row[2],
                    coordinates: latitude.flatMap { lat in longitude.flatMap { Coordinates(latitude: lat, longitude: $0) } })
            }
        }
        return tally.result()
    }

    // MARK: Clusters

    /// Whether the point index holds every venue `query` asks for: no filter, a box or nothing.
    static func indexAnswersClusters(_ query: LieuQuery) -> Bool {
        guard query.filters == LieuFilters(), query.openAt == nil else { return false }
        switch query.spatial {
        case .everywhere, .bbox: return true
        case .near, .nearest, .within, .polygon: return false
        }
    }

    /// The clusters of `query` from `index`; `nil` when the index is not that of the current data.
    private func clustersFromIndex(_ index: PointIndex, _ query: LieuQuery, grid: ClusterGrid) async throws -> LieuClusters? {
        try await pool.read { db -> LieuClusters? in
            guard try Self.dataVersion(db) == index.version else { return nil }
            var tally = ClusterTally<Int32>(grid: grid)
            switch query.spatial {
            case .bbox(let b):
                index.visit(b) { i in
                    let longitude = index.longitudes[i], latitude = index.latitudes[i]
                    guard b.contains(latitude: latitude, longitude: longitude) else { return }
                    tally.add(longitude: longitude, latitude: latitude, index.ranks[i])
                }
            default:
                for i in index.longitudes.indices {
                    tally.add(longitude: index.longitudes[i], latitude: index.latitudes[i], index.ranks[i])
                }
            }
            let members = try Self.members(db, tally.singles.map { index.pkByRank[Int($0)] })
            return tally.result { members[index.pkByRank[Int($0)]] }
        }
    }

    static func clusters(_ query: LieuQuery, grid: ClusterGrid, db: Database) throws -> LieuClusters {
        let plan = try SearchPlan(query, db: db)
        var tally = ClusterTally<Int64>(grid: grid)
        func add(_ row: Row) {
            guard let longitude = row[1] as Double?, let latitude = row[2] as Double?,
                Coordinates(latitude: latitude, longitude: longitude) != nil
            else { return }
            tally.add(longitude: longitude, latitude: latitude, row[0] as Int64)
        }
        if plan.sqlOnly {
            let sql = "SELECT lieu.pk, lieu.longitude, lieu.latitude" + plan.fromClause(box: plan.box) + plan.whereClause()
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: plan.allArguments(box: plan.box))
            while let row = try cursor.next() { add(row) }
        } else {
            let statement = try db.cachedStatement(sql: "SELECT pk, longitude, latitude FROM lieu WHERE pk = ?")
            for candidate in try plan.matches(db) {
                if let row = try Row.fetchOne(statement, arguments: [candidate.pk]) { add(row) }
            }
        }
        let members = try members(db, tally.singles)
        return tally.result { members[$0] }
    }

    /// Source, id and name of the venues of `keys`, by row key.
    private static func members(_ db: Database, _ keys: [Int64]) throws -> [Int64: LieuCluster.Member] {
        let statement = try db.cachedStatement(
            sql: "SELECT source.name, lieu.id, lieu.nom FROM lieu JOIN source ON source.id = lieu.source_id WHERE lieu.pk = ?")
        var members: [Int64: LieuCluster.Member] = [:]
        for key in keys {
            guard let row = try Row.fetchOne(statement, arguments: [key]), let id = Lieu.ID(rawValue: row[1]) else { continue }
            members[key] = LieuCluster.Member(source: row[0], id: id, nom: row[2])
        }
        return members
    }
}
