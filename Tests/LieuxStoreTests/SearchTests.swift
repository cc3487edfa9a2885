import Foundation
import LieuxModel
import LieuxSchema
import Testing

@testable import LieuxStore

/// The store's searches against a brute-force computation over the same venues: the real
/// files of `../shared/data` when it is there, otherwise 3,000 generated venues and the
/// demonstration data, with square départements around the generated communes, so that a
/// clone alone checks the searches too.
@Suite("Search against brute force", .serialized)
struct SearchTests {
    /// The store, every venue in it, and the polygon of each département imported.
    static let fixture: (store: Store, all: [FoundLieu], departements: [String: GeoPolygon])? = {
        guard let store = try? makeStore() else { return nil }
        let geo: URL
        if SharedData.isAvailable {
            _ = try? store.importFile(at: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), source: "anct")
            _ = try? store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "charente")
            geo = SharedData.url("geo/france-geojson-departements-avec-outre-mer-2018.geojson")
        } else {
            let folder = SharedData.temporaryFolder("lieux-search-generated")
            let venues = folder.appendingPathComponent("generes.csv")
            try? Data(GeneratedVenues(0..<3000).csv()).write(to: venues)
            _ = try? store.importFile(at: venues, source: "anct")
            _ = try? store.importFile(at: SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), source: "charente")
            geo = folder.appendingPathComponent("departements.geojson")
            try? Data(GeneratedVenues.squareDepartements.utf8).write(to: geo)
        }
        _ = try? store.importAreas(at: geo, kind: .departement)
        var all: [FoundLieu] = []
        try? store.forEachLieu { lieu, source in all.append(FoundLieu(lieu: lieu, source: source)) }
        var departements: [String: GeoPolygon] = [:]
        if let data = try? Data(contentsOf: geo), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = object["features"] as? [[String: Any]]
        {
            for feature in features {
                if let code = (feature["properties"] as? [String: Any])?["code"] as? String,
                    let geometry = feature["geometry"], let polygon = AreaGeometry.polygon(fromGeoJSONObject: geometry)
                {
                    departements[code] = polygon
                }
            }
        }
        return (store, all, departements)
    }()

    var store: Store { Self.fixture!.store }
    var all: [FoundLieu] { Self.fixture!.all }

    func key(_ f: FoundLieu) -> String { "\(f.source)/\(f.lieu.id.rawValue)" }

    /// A random point near the venues (mostly in PACA and Charente, sometimes in New Caledonia).
    func randomPoint(_ rng: inout SplitMix64) -> Coordinates {
        let located = all.compactMap(\.lieu.coordinates)
        let base = located[Int.random(in: 0..<located.count, using: &rng)]
        return Coordinates(
            latitude: base.latitude + Double.random(in: -0.3...0.3, using: &rng),
            longitude: base.longitude + Double.random(in: -0.3...0.3, using: &rng))!
    }

    @Test("the fixture has the venues")
    func fixtureLoaded() throws {
        if SharedData.isAvailable {
            #expect(all.count == 912 + 188)
            #expect(Self.fixture!.departements.count == 101)
        } else {
            let demo = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), encoding: .utf8)
            #expect(all.count == 3000 + demo.split(separator: "\n").count - 1)
            #expect(Self.fixture!.departements.count == 10)
        }
    }

    @Test("bbox: the same venues as a brute-force box test, numberMatched exact", arguments: 0..<40)
    func bbox(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let p = randomPoint(&rng)
        let half = Double.random(in: 0.01...0.5, using: &rng)
        let box = GeoBounds(minLongitude: p.longitude - half, minLatitude: p.latitude - half, maxLongitude: p.longitude + half, maxLatitude: p.latitude + half)
        let expected = Set(all.filter { $0.lieu.coordinates.map { box.contains(latitude: $0.latitude, longitude: $0.longitude) } ?? false }.map(key))
        let page = try await store.search(LieuQuery(spatial: .bbox(box), limit: 10_000))
        #expect(Set(page.lieux.map(key)) == expected)
        #expect(page.numberMatched == expected.count)
    }

    @Test("radius: same venues, same order, distances within 0.5 %", arguments: 0..<40)
    func radius(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(1000 + seed))
        let p = randomPoint(&rng)
        let radius = Double.random(in: 200...60_000, using: &rng)
        let expected = all.compactMap { f -> (String, Double)? in
            guard let c = f.lieu.coordinates else { return nil }
            let d = p.distance(to: c)
            return d <= radius ? (key(f), d) : nil
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        let page = try await store.search(LieuQuery(spatial: .near(p, radius: radius), sort: .distance, limit: 10_000))
        #expect(page.numberMatched == expected.count)
        #expect(page.lieux.map(key) == expected.map(\.0) || page.lieux.map { $0.distance! } == expected.map(\.1))
        for (found, (_, d)) in zip(page.lieux, expected) {
            #expect(abs(found.distance! - d) <= d * 0.005 + 0.01)
        }
        #expect(zip(page.lieux, page.lieux.dropFirst()).allSatisfy { $0.distance! <= $1.distance! })
    }

    @Test("nearest: the K nearest venues, by distance", arguments: 0..<40)
    func nearest(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(2000 + seed))
        let p = randomPoint(&rng)
        let k = Int.random(in: 1...100, using: &rng)
        let expected = all.compactMap { f -> (String, Double)? in
            f.lieu.coordinates.map { (key(f), p.distance(to: $0)) }
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(k)
        let page = try await store.search(LieuQuery(spatial: .nearest(p, count: k), sort: .distance, limit: 10_000))
        #expect(page.lieux.count == k)
        #expect(page.numberMatched == k)
        let distances = page.lieux.map { $0.distance! }
        for (d, e) in zip(distances, expected.map(\.1)) { #expect(abs(d - e) <= e * 0.005 + 0.01) }
        // Same set, up to ties at the last distance.
        let last = expected.last!.1
        #expect(Set(page.lieux.filter { $0.distance! < last }.map(key)) == Set(expected.filter { $0.1 < last }.map(\.0)))
    }

    @Test("within a département: the venues whose point is in its polygon", arguments: ["04", "05", "06", "13", "16", "83", "84", "51", "2A"])
    func within(code: String) async throws {
        let polygon = try #require(Self.fixture!.departements[code])
        let expected = Set(all.filter { f in f.lieu.coordinates.map { polygon.contains(latitude: $0.latitude, longitude: $0.longitude) } ?? false }.map(key))
        let page = try await store.search(LieuQuery(spatial: .within(AreaReference(kind: .departement, code: code)), limit: 10_000))
        if !SharedData.isAvailable {
            #expect(!expected.isEmpty || ["04", "05", "83", "84"].contains(code), "the square cuts through venues")
        }
        #expect(Set(page.lieux.map(key)) == expected)
        #expect(page.numberMatched == expected.count)
        #expect(try await store.hasArea(AreaReference(kind: .departement, code: code)))
    }

    @Test("an unknown area is known as unknown")
    func unknownArea() async throws {
        #expect(try await !store.hasArea(AreaReference(kind: .departement, code: "99")))
    }

    @Test("filters combine: OR inside a field, AND between fields, and paging keeps the order")
    func filters() async throws {
        var query = LieuQuery(limit: 10_000)
        query.filters.services = [.aideAuxDemarchesAdministratives, .accesInternetEtMaterielInformatique]
        query.filters.fraisACharge = [.gratuit]
        let expected = all.filter { f in
            !f.lieu.services.filter { query.filters.services.contains($0) }.isEmpty && f.lieu.fraisACharge.contains(.gratuit)
        }.map(key)
        let page = try await store.search(query)
        #expect(page.lieux.map(key) == expected.sorted())
        #expect(page.numberMatched == expected.count)
        var second = query
        second.limit = 7
        second.offset = 7
        #expect(try await store.search(second).lieux.map(key) == Array(expected.sorted()[7..<14]))
    }

    @Test("full text ignores accents and case, on name, address and commune")
    func text() async throws {
        var query = LieuQuery(limit: 10_000)
        query.filters.text = "mediatheque"
        let expected = all.filter { f in
            [f.lieu.nom, f.lieu.adresse, f.lieu.commune].contains { $0.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).contains("mediatheque") }
        }
        let page = try await store.search(query)
        #expect(page.numberMatched >= (SharedData.isAvailable ? 10 : 1))
        #expect(Set(page.lieux.map(key)).isSuperset(of: Set(expected.filter { f in
            f.lieu.nom.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).split(separator: " ").contains("mediatheque")
        }.map(key))))
    }

    @Test("a polygon search finds the venues inside the polygon")
    func polygon() async throws {
        let ring: [GeoPolygon.Position] = [
            .init(longitude: 5.2, latitude: 43.2), .init(longitude: 5.6, latitude: 43.2), .init(longitude: 5.6, latitude: 43.6),
            .init(longitude: 5.2, latitude: 43.2),
        ]
        let polygon = GeoPolygon(polygons: [[ring]])
        let expected = Set(all.filter { f in f.lieu.coordinates.map { polygon.contains(latitude: $0.latitude, longitude: $0.longitude) } ?? false }.map(key))
        let page = try await store.search(LieuQuery(spatial: .polygon(polygon), limit: 10_000))
        #expect(!expected.isEmpty)
        #expect(Set(page.lieux.map(key)) == expected)
    }

    @Test("open now: only venues whose hours say open at that instant")
    func openAt() async throws {
        // A Tuesday at 10:00 in Paris.
        let instant = ISO8601DateFormatter().date(from: "2026-11-24T09:00:00Z")!
        var query = LieuQuery(openAt: instant, limit: 10_000)
        query.filters.sources = ["anct"]
        let page = try await store.search(query)
        #expect(page.numberMatched > 0)
        #expect(page.numberMatched < all.count { $0.source == "anct" })
        #expect(page.lieux.allSatisfy { $0.lieu.horaires != nil })
    }
}
