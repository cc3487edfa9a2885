import Foundation
import LieuxModel
import LieuxSchema
import Testing

@testable import LieuxStore

/// The in-memory point index gives the pages SQL gives, and is never used for other data.
@Suite("Point index", .enabled(if: SharedData.isAvailable, SharedData.absent), .serialized)
struct PointIndexTests {
    var store: Store { SearchTests.fixture!.store }
    var all: [FoundLieu] { SearchTests.fixture!.all }

    /// The page of `query` through the index and through SQL, as (source/id, distance) pairs.
    func bothPages(_ query: LieuQuery) throws -> (index: [String], sql: [String], indexMatched: Int, sqlMatched: Int) {
        try store.read { db in
            let index = try PointIndex(db)
            let (candidates, matched) = index.page(query)
            let fromIndex = try SearchPlan.fetch(db, candidates[...], reading: .venues)
            let fromSQL = try SearchPlan(query, db: db).page(db)
            func keys(_ page: [FoundLieu]) -> [String] {
                page.map { "\($0.source)/\($0.lieu.id.rawValue)@\($0.distance.map { String(format: "%.6f", $0) } ?? "-")" }
            }
            return (keys(fromIndex), keys(fromSQL.lieux), matched, fromSQL.numberMatched)
        }
    }

    func randomPoint(_ rng: inout SplitMix64) -> Coordinates { SearchTests().randomPoint(&rng) }

    /// Expects the same page from the index and from SQL.
    func expectSamePages(_ query: LieuQuery, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pages = try bothPages(query)
        #expect(pages.index == pages.sql, "\(query.spatial)", sourceLocation: sourceLocation)
        #expect(pages.indexMatched == pages.sqlMatched, "\(query.spatial)", sourceLocation: sourceLocation)
    }

    func randomPage(_ query: inout LieuQuery, _ rng: inout SplitMix64) {
        query.limit = [0, 1, 10, 50, 1000].randomElement(using: &rng)!
        query.offset = [0, 0, 3, 40, 500].randomElement(using: &rng)!
        query.sort = Bool.random(using: &rng) ? .identifiant : .distance
    }

    @Test("it answers only the searches without filters, opening hours, polygon or other order")
    func answers() {
        #expect(PointIndex.answers(LieuQuery()))
        #expect(PointIndex.answers(LieuQuery(spatial: .nearest(Coordinates(latitude: 45, longitude: 0)!, count: 3))))
        var filtered = LieuQuery()
        filtered.filters.departements = ["16"]
        #expect(!PointIndex.answers(filtered))
        #expect(!PointIndex.answers(LieuQuery(openAt: Date())))
        #expect(!PointIndex.answers(LieuQuery(sort: .nom)))
        #expect(!PointIndex.answers(LieuQuery(spatial: .within(AreaReference(kind: .departement, code: "16")))))
    }

    @Test("bbox pages: the same venues, order and numberMatched as SQL", arguments: 0..<40)
    func bbox(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(5000 + seed))
        let p = randomPoint(&rng)
        let half = Double.random(in: 0.005...1.5, using: &rng)
        var query = LieuQuery(spatial: .bbox(GeoBounds(
            minLongitude: p.longitude - half, minLatitude: p.latitude - half / 2,
            maxLongitude: p.longitude + half, maxLatitude: p.latitude + half / 2)))
        randomPage(&query, &rng)
        try expectSamePages(query)
    }

    @Test("radius pages: the same venues, distances, order and numberMatched as SQL", arguments: 0..<40)
    func radius(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(6000 + seed))
        var query = LieuQuery(spatial: .near(randomPoint(&rng), radius: Double.random(in: 100...80_000, using: &rng)))
        randomPage(&query, &rng)
        try expectSamePages(query)
    }

    @Test("radius pages with a venue exactly on the edge: in when its distance is the radius, out just below", arguments: 0..<20)
    func radiusEdge(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(6500 + seed))
        let located = all.compactMap(\.lieu.coordinates)
        let origin = located[Int(rng.next() % UInt64(located.count))]
        let edge = located[Int(rng.next() % UInt64(located.count))]
        let exact = origin.distance(to: edge)
        for radius in [exact, exact.nextDown, exact.nextUp, exact * (1 + 1e-7), exact * (1 - 1e-7)] {
            try expectSamePages(LieuQuery(spatial: .near(origin, radius: radius), sort: .distance, limit: 1000))
            try expectSamePages(LieuQuery(spatial: .near(origin, radius: radius), sort: .distance, limit: 3))
        }
    }

    @Test("nearest: the same venues and distances as SQL, including far from every venue", arguments: 0..<30)
    func nearest(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(7000 + seed))
        let origin = seed < 25
            ? randomPoint(&rng)
            : Coordinates(latitude: Double.random(in: -60...60, using: &rng), longitude: Double.random(in: -180...180, using: &rng))!
        var query = LieuQuery(spatial: .nearest(origin, count: Int.random(in: 1...LieuQuery.maximumNearest, using: &rng)))
        randomPage(&query, &rng)
        try expectSamePages(query)
    }

    @Test("everywhere, edge boxes (inverted, across the world, a single point) agree with SQL")
    func edges() throws {
        var queries = [LieuQuery(limit: 50), LieuQuery(limit: 30, offset: 1090), LieuQuery(limit: 10, offset: 5000)]
        queries.append(LieuQuery(spatial: .bbox(GeoBounds(minLongitude: 10, minLatitude: 40, maxLongitude: -10, maxLatitude: 50))))
        queries.append(LieuQuery(spatial: .bbox(GeoBounds(minLongitude: -500, minLatitude: -100, maxLongitude: 500, maxLatitude: 100)), limit: 20))
        if let c = all.compactMap(\.lieu.coordinates).first {
            queries.append(LieuQuery(spatial: .bbox(GeoBounds(minLongitude: c.longitude, minLatitude: c.latitude, maxLongitude: c.longitude, maxLatitude: c.latitude))))
            queries.append(LieuQuery(spatial: .near(c, radius: 0)))
        }
        for query in queries { try expectSamePages(query) }
        let everything = try bothPages(LieuQuery(limit: 10))
        #expect(everything.indexMatched == all.count)
    }

    @Test("LowestValues keeps the lowest values in order, duplicates included")
    func lowestValues() {
        var rng = SplitMix64(seed: 9)
        for keeping in [0, 1, 5, 50, 300] {
            let values = (0..<200).map { _ in Int.random(in: 0..<60, using: &rng) }
            var lowest = LowestValues<Int>(keeping: keeping)
            for value in values { lowest.insert(value) }
            #expect(lowest.sorted() == Array(values.sorted().prefix(keeping)))
        }
    }
}

/// After an import, searches see the new data at once: neither the point index nor the
/// cached venues of the previous data are used.
@Suite("Point index and imports", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct PointIndexFreshnessTests {
    @Test("an import that renames and removes venues shows in the very next search")
    func freshAfterImport() async throws {
        let store = try makeStore()
        let original = SharedData.url("standard/v1/anct-charente-20230711-v1.json")
        _ = try store.importFile(at: original, source: "charente")
        try store.buildPointIndex()
        let box = LieuQuery(spatial: .bbox(GeoBounds(minLongitude: -2, minLatitude: 44, maxLongitude: 2, maxLatitude: 47)), limit: 1000)
        let before = try await store.search(box)
        #expect(before.numberMatched > 10)
        #expect(try store.read { db in try Store.dataVersion(db) } == store.pointIndex.latest?.version)

        // The same file with its first venue renamed and its last five left out.
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: original)) as! [[String: Any]]
        object[0]["nom"] = "Nom changé pour le test"
        object.removeLast(5)
        let changed = SharedData.temporaryFolder().appendingPathComponent("charente.json")
        try JSONSerialization.data(withJSONObject: object).write(to: changed)
        let result = try store.importFile(at: changed, source: "charente")
        #expect(result.committed && result.removed == 5 && result.updated == 1)

        let after = try await store.search(box)
        let expected = try store.read { db in try SearchPlan(box, db: db).page(db) }
        #expect(after == expected)
        #expect(after.lieux.contains { $0.lieu.nom == "Nom changé pour le test" })

        // Once the index of the new data is built, pages come from it, and from no venue
        // cached for the old data.
        store.refreshPointIndex()
        let version = try store.read { db in try Store.dataVersion(db) }
        for _ in 0..<500 where store.pointIndex.latest?.version != version {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(store.pointIndex.latest?.version == version)
        let rebuilt = try await store.search(box)
        #expect(rebuilt == expected)
        #expect(rebuilt.lieux.contains { $0.lieu.nom == "Nom changé pour le test" })
    }
}
