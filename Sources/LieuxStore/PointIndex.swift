import Foundation
import GRDB
import LieuxModel
import Synchronization

/// Every venue's position and rank, in memory, for the searches people make most: a box, a
/// radius, the nearest venues, or everything, in the default order, without other filters.
///
/// SQLite answers them too (``SearchPlan``), but it reads every match from the table to count
/// it and sorts every match by source and id to find a page: 7,000 venues in a town's box
/// cost milliseconds. Here the points lie in arrays sorted by cells of 0.01°, and each point
/// carries its rank in the default order (source name, then id), so that a page is a scan of
/// a few cells and a selection of the lowest ranks or distances (measured in BENCHMARKS.md).
/// The answers are those of ``SearchPlan``, to the order of ties; `PointIndexTests` compares
/// them on random queries.
///
/// An index belongs to one data version of the store: ``Store`` uses it only while the
/// version it read in the same transaction is the index's.
struct PointIndex: Sendable {
    /// The store's data version the index was built from.
    let version: Int

    /// Cell size, in degrees.
    static let cellSize = 0.01
    private static let rowsPerColumn = 32_768  // more than 180 / cellSize

    // The located venues, sorted by cell (column-major), then rank.
    private let cellKeys: [Int32]
    let longitudes: [Double]
    let latitudes: [Double]
    /// Each point on the unit sphere, for radius searches (see ``near(_:radius:wanted:)``).
    private let xs: [Double], ys: [Double], zs: [Double]
    let ranks: [Int32]
    /// Each point's row key, in the points' order: a radius search reads it beside the
    /// point's vector instead of at random in ``pkByRank`` (8 bytes a point; a read at
    /// random cost as much as the rest of the search).
    private let pks: [Int64]
    /// Every venue's row key, with or without a position, by rank.
    let pkByRank: [Int64]
    /// The columns that hold points, to skip the empty world around them.
    private let firstColumn: Int
    private let lastColumn: Int

    /// Reads the index of the store's current data (inside one read transaction).
    init(_ db: Database) throws {
        version = try Store.dataVersion(db)
        var pks: [Int64] = []
        var points: [(key: Int32, longitude: Double, latitude: Double, rank: Int32)] = []
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT lieu.pk, lieu.longitude, lieu.latitude FROM lieu JOIN source ON source.id = lieu.source_id ORDER BY source.name, lieu.id")
        while let row = try cursor.next() {
            let rank = Int32(pks.count)
            pks.append(row[0])
            if let longitude = row[1] as Double?, let latitude = row[2] as Double?,
                Coordinates(latitude: latitude, longitude: longitude) != nil
            {
                points.append((Self.key(column: Self.column(longitude), row: Self.row(latitude)), longitude, latitude, rank))
            }
        }
        points.sort { ($0.key, $0.rank) < ($1.key, $1.rank) }
        pkByRank = pks
        cellKeys = points.map(\.key)
        longitudes = points.map(\.longitude)
        latitudes = points.map(\.latitude)
        let vectors = points.map { UnitVector(latitude: $0.latitude, longitude: $0.longitude) }
        xs = vectors.map(\.x)
        ys = vectors.map(\.y)
        zs = vectors.map(\.z)
        ranks = points.map(\.rank)
        self.pks = points.map { pks[Int($0.rank)] }
        firstColumn = points.first.map { Int($0.key) / Self.rowsPerColumn } ?? 0
        lastColumn = points.last.map { Int($0.key) / Self.rowsPerColumn } ?? -1
    }

    /// The number of venues, located or not.
    var count: Int { pkByRank.count }

    private static func column(_ longitude: Double) -> Int { Int(((longitude + 180) / cellSize).rounded(.down)) }
    private static func row(_ latitude: Double) -> Int { Int(((latitude + 90) / cellSize).rounded(.down)) }
    private static func key(column: Int, row: Int) -> Int32 { Int32(column * rowsPerColumn + row) }

    /// Whether the index answers `query` (otherwise SQL does).
    static func answers(_ query: LieuQuery) -> Bool {
        guard query.filters == LieuFilters(), query.openAt == nil,
            query.sort == .identifiant || query.sort == .distance
        else { return false }
        switch query.spatial {
        case .everywhere, .bbox, .near, .nearest: return true
        case .within, .polygon: return false
        }
    }

    /// A page of `query` (which ``answers(_:)``): the row keys and distances in order, and
    /// the number of matches.
    func page(_ query: LieuQuery) -> (candidates: [SearchPlan.Candidate], matched: Int) {
        let wanted = min(query.offset, Int.max - query.limit) + query.limit
        switch query.spatial {
        case .everywhere:
            let range = min(query.offset, count)..<min(wanted, count)
            return (pkByRank[range].map { SearchPlan.Candidate(pk: $0, distance: nil) }, count)
        case .bbox(let b):
            var lowest = LowestValues<Int32>(keeping: wanted)
            var matched = 0
            visit(b) { i in
                let longitude = longitudes[i], latitude = latitudes[i]
                guard longitude >= b.minLongitude, longitude <= b.maxLongitude,
                    latitude >= b.minLatitude, latitude <= b.maxLatitude
                else { return }
                matched += 1
                lowest.insert(ranks[i])
            }
            let page = lowest.sorted().dropFirst(query.offset)
            return (page.map { SearchPlan.Candidate(pk: pkByRank[Int($0)], distance: nil) }, matched)
        case .near(let origin, let radius):
            let (page, matched) = near(origin, radius: radius, wanted: wanted)
            return (page.dropFirst(query.offset).map { SearchPlan.Candidate(pk: $0.pk, distance: $0.distance) }, matched)
        case .nearest(let origin, let count):
            let found = nearest(origin, count: count)
            let page = found.dropFirst(query.offset).prefix(query.limit)
            return (page.map { SearchPlan.Candidate(pk: $0.pk, distance: $0.distance) }, found.count)
        case .within, .polygon:
            preconditionFailure("PointIndex.page called for a query it does not answer")
        }
    }

    /// The `wanted` venues nearest to `origin` within `radius`, in ``SearchPlan``'s order
    /// (distance, then row key), and how many venues lie within `radius`.
    ///
    /// A point's great-circle distance grows with the straight chord between it and the
    /// origin on the unit sphere, and the haversine of the distance is a quarter of the
    /// chord's square: a point is within `radius` when its chord squared is at most
    /// 4 sin²(radius / 2R). The chord costs three subtractions and three products against
    /// the vectors kept for every point; the haversine, four trigonometric functions. Points
    /// whose chord is within a millionth of the limit (where the two roundings could
    /// disagree) are decided by the haversine, as ``SearchPlan`` decides them; the page is
    /// chosen among the `wanted` + 16 smallest chords, then ordered by the haversine distance.
    private func near(_ origin: Coordinates, radius: Double, wanted: Int) -> (page: [Nearby], matched: Int) {
        let o = UnitVector(latitude: origin.latitude, longitude: origin.longitude)
        let half = radius / (2 * Coordinates.earthRadius)
        let limit = half >= .pi / 2 ? Double.infinity : 4 * sin(half) * sin(half)
        // Below a metre, the chord's rounding is no longer a millionth of it: the haversine decides.
        let band = radius < 1 ? Double.infinity : limit * 1e-6
        var lowest = LowestValues<Chord>(keeping: wanted == 0 ? 0 : wanted + 16)
        var matched = 0
        visit(SearchPlan.box(around: origin, radius: radius)) { i in
            let dx = xs[i] - o.x, dy = ys[i] - o.y, dz = zs[i] - o.z
            let squared = dx * dx + dy * dy + dz * dz
            if squared > limit + band { return }
            if squared >= limit - band, distance(origin, i) > radius { return }
            matched += 1
            lowest.insert(Chord(squared: squared, pk: pks[i], index: Int32(i)))
        }
        let page = lowest.sorted().map { Nearby(distance: distance(origin, Int($0.index)), pk: $0.pk) }.sorted()
        return (Array(page.prefix(wanted)), matched)
    }

    /// The `count` nearest venues (``NearestSearch``, the boxes searched in the cells).
    private func nearest(_ origin: Coordinates, count: Int) -> [Nearby] {
        NearestSearch.run(around: origin, count: count) { box in
            var found: [Nearby] = []
            visit(box) { i in found.append(Nearby(distance: distance(origin, i), pk: pks[i])) }
            return found
        }
    }

    private func distance(_ origin: Coordinates, _ i: Int) -> Double {
        origin.distance(to: Coordinates(latitude: latitudes[i], longitude: longitudes[i]) ?? origin)
    }

    /// Calls `body` with every point whose cell meets the box `b` (a superset of the points
    /// inside it: the caller tests each).
    func visit(_ b: GeoBounds, _ body: (Int) -> Void) {
        guard b.minLongitude <= b.maxLongitude, b.minLatitude <= b.maxLatitude, !cellKeys.isEmpty else { return }
        let first = max(firstColumn, Self.column(max(-180, b.minLongitude)))
        let last = min(lastColumn, Self.column(min(180, b.maxLongitude)))
        guard first <= last else { return }
        let firstRow = Self.row(max(-90, b.minLatitude)), lastRow = Self.row(min(90, b.maxLatitude))
        for column in first...last {
            var i = lowerBound(Self.key(column: column, row: firstRow))
            let end = lowerBound(Self.key(column: column, row: lastRow + 1))
            while i < end {
                body(i)
                i += 1
            }
        }
    }

    /// The first point whose cell key is not below `key`.
    private func lowerBound(_ key: Int32) -> Int {
        var low = 0, high = cellKeys.count
        while low < high {
            let middle = (low + high) / 2
            if cellKeys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A point on the unit sphere.
private struct UnitVector {
    let x, y, z: Double

    init(latitude: Double, longitude: Double) {
        let φ = latitude * .pi / 180, λ = longitude * .pi / 180
        x = cos(φ) * cos(λ)
        y = cos(φ) * sin(λ)
        z = sin(φ)
    }
}

/// A point of a radius search, ordered by its chord to the origin, then row key.
private struct Chord: Comparable {
    var squared: Double
    var pk: Int64
    var index: Int32

    static func < (a: Chord, b: Chord) -> Bool { (a.squared, a.pk) < (b.squared, b.pk) }
    static func == (a: Chord, b: Chord) -> Bool { a.squared == b.squared && a.pk == b.pk }
}
