import Foundation
import GRDB
import LieuxModel

/// How far people live from the venues of a search (see ``Couverture``).
///
/// The venues come from the ``PointIndex`` (every located venue, in memory), kept when SQL
/// says they match the search (``SearchPlan``: every filter of the items); the population
/// from the grid when one is imported (`population_carreau`), otherwise from the communes'
/// points and populations (`area`). Then ``CouvertureCalcul`` does the rest in memory.
extension Store {
    public func couverture(_ query: LieuQuery, options: CouvertureOptions) async throws -> Couverture {
        try Self.couverture(try await pool.read { db in try self.coverageInputs(query, db) }, options: options)
    }

    public func couvertureCommunes(_ query: LieuQuery, territoire: AreaReference?) async throws -> [CommuneDistance] {
        let (venues, communes) = try await pool.read { db in (try self.matchingPositions(query, db), try Self.communePoints(db)) }
        return CouvertureCalcul.communeDistances(communes, venues: venues, territoire: territoire)
    }

    /// ``couvertureCommunes(_:territoire:)`` from a blocking read.
    public func couvertureCommunesSynchronously(_ query: LieuQuery, territoire: AreaReference?) throws -> [CommuneDistance] {
        let (venues, communes) = try pool.read { db in (try matchingPositions(query, db), try Self.communePoints(db)) }
        return CouvertureCalcul.communeDistances(communes, venues: venues, territoire: territoire)
    }

    /// ``couverture(_:options:)`` from a blocking read (the command line, benchmarks).
    public func couvertureSynchronously(_ query: LieuQuery, options: CouvertureOptions) throws -> Couverture {
        try Self.couverture(try pool.read { db in try coverageInputs(query, db) }, options: options)
    }

    /// What a coverage is computed from: the positions of the venues matching `query`, the
    /// communes' points and the grid's squares.
    private func coverageInputs(_ query: LieuQuery, _ db: Database) throws -> CoverageInputs {
        CoverageInputs(venues: try matchingPositions(query, db), communes: try Self.communePoints(db), grid: try Self.gridPoints(db))
    }

    private struct CoverageInputs: Sendable {
        var venues: [Coordinates]
        var communes: [PopulationPoint]
        var grid: [PopulationPoint]
    }

    /// The coverage of the population points (the grid's squares when there is a grid, else
    /// the communes) by the venues.
    private static func couverture(_ inputs: CoverageInputs, options: CouvertureOptions) -> Couverture {
        let (venues, communes, grid) = (inputs.venues, inputs.communes, inputs.grid)
        return CouvertureCalcul.couverture(
            points: grid.isEmpty ? communes : grid, kind: !grid.isEmpty ? .carreaux : communes.isEmpty ? .aucun : .communes, venues: venues, communes: communes,
            options: options)
    }

    /// The positions of the located venues matching `query`, from the point index of the
    /// current data (built now if there is none).
    func matchingPositions(_ query: LieuQuery, _ db: Database) throws -> [Coordinates] {
        var index = pointIndex.latest
        if index?.version != (try Self.dataVersion(db)) {
            index = try PointIndex(db)
            pointIndex.finish(index)
        }
        guard let index else { return [] }
        var keep: ((Int) -> Bool)?
        if query.filters != LieuFilters() || query.openAt != nil || query.spatial != .everywhere {
            var unfiltered = query
            unfiltered.sort = .identifiant
            let matching = Set(try SearchPlan(unfiltered, db: db).allKeys(db))
            keep = { i in matching.contains(index.pkByRank[Int(index.ranks[i])]) }
        }
        var positions: [Coordinates] = []
        for i in index.longitudes.indices where keep?(i) ?? true {
            if let point = Coordinates(latitude: index.latitudes[i], longitude: index.longitudes[i]) { positions.append(point) }
        }
        return positions
    }

    /// The communes with a population and a point, by code.
    static func communePoints(_ db: Database) throws -> [PopulationPoint] {
        let cursor = try Row.fetchCursor(
            db, sql: """
                SELECT code, name, population, point_longitude, point_latitude FROM area
                WHERE kind = 'commune' AND population IS NOT NULL AND point_longitude IS NOT NULL ORDER BY code
                """)
        var points: [PopulationPoint] = []
        while let row = try cursor.next() {
            guard let coordinates = Coordinates(latitude: row[4], longitude: row[3]) else { continue }
            points.append(PopulationPoint(commune: row[0], nom: row[1], coordinates: coordinates, population: row[2]))
        }
        return points
    }

    /// The squares of the population grid, in the order of the file they came from.
    static func gridPoints(_ db: Database) throws -> [PopulationPoint] {
        let cursor = try Row.fetchCursor(db, sql: "SELECT longitude, latitude, population, commune FROM population_carreau ORDER BY rowid")
        var points: [PopulationPoint] = []
        while let row = try cursor.next() {
            guard let coordinates = Coordinates(latitude: row[1], longitude: row[0]) else { continue }
            points.append(PopulationPoint(commune: row[3], coordinates: coordinates, population: row[2]))
        }
        return points
    }
}

extension SearchPlan {
    /// The row keys of every match, in no particular order.
    func allKeys(_ db: Database) throws -> [Int64] {
        if sqlOnly {
            return try Int64.fetchAll(db, sql: "SELECT lieu.pk" + fromClause(box: box) + whereClause(), arguments: allArguments(box: box))
        }
        return try matches(db).map(\.pk)
    }
}
