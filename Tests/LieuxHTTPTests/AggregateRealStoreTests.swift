import Foundation
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import LieuxStore
import LieuxTestSupport
import Testing

/// Counts by territory and clusters over the real store of ``RealStoreTests`` (the ANCT v1
/// exports), against brute force over the venues read back from the store
/// (`Store.forEachLieu`), and against ``InMemoryLieuRepository`` over the same venues for the
/// filters brute force here does not rewrite (opening hours, areas, text).
@Suite("Aggregates and clusters over a real store, against brute force", .enabled(if: SharedData.isAvailable, SharedData.absent), .serialized)
struct AggregateRealStoreTests {
    var fixture: RealStoreTests.Fixture { RealStoreTests.fixture! }

    /// The territory of a venue, written here from the definitions (INSEE code, else postal code).
    static func territory(_ lieu: Lieu, _ level: AreaReference.Kind) -> String? {
        let departement = lieu.codeINSEE.flatMap { Departement(codeINSEE: $0.rawValue) }?.code
            ?? Departement.candidates(forCodePostal: lieu.codePostal.rawValue).first?.code
        switch level {
        case .commune: return lieu.codeINSEE?.rawValue
        case .departement: return departement
        case .region: return departement.flatMap { Departement(code: $0)?.region }
        }
    }

    /// Counts, placed counts and coordinate sums per territory, by brute force.
    static func bruteCounts(_ lieux: [Lieu], _ level: AreaReference.Kind) -> [String: (count: Int, lon: Double, lat: Double, placed: Int)] {
        var result: [String: (count: Int, lon: Double, lat: Double, placed: Int)] = [:]
        for lieu in lieux {
            guard let code = territory(lieu, level) else { continue }
            var entry = result[code, default: (0, 0, 0, 0)]
            entry.count += 1
            if let point = lieu.coordinates {
                entry.placed += 1
                entry.lon += point.longitude
                entry.lat += point.latitude
            }
            result[code] = entry
        }
        return result
    }

    func check(_ aggregate: Aggregate, against lieux: [Lieu], _ level: AreaReference.Kind, _ label: String) {
        let expected = Self.bruteCounts(lieux, level)
        #expect(aggregate.numberMatched == lieux.count, "\(label)")
        #expect(aggregate.sansCoordonnees == lieux.filter { $0.coordinates == nil }.count, "\(label)")
        #expect(aggregate.sansTerritoire == lieux.filter { Self.territory($0, level) == nil }.count, "\(label)")
        #expect(Dictionary(uniqueKeysWithValues: aggregate.territories.map { ($0.code, $0.lieux) }) == expected.mapValues(\.count), "\(label)")
        #expect(aggregate.territories.map(\.lieux).reduce(0, +) + aggregate.sansTerritoire == lieux.count, "\(label)")
        for territory in aggregate.territories {
            guard let truth = expected[territory.code] else { continue }
            if truth.placed == 0 {
                #expect(territory.centre == nil, "\(label) \(territory.code)")
            } else {
                let centre = territory.centre
                #expect(abs((centre?.longitude ?? .nan) - truth.lon / Double(truth.placed)) < 1e-9, "\(label) \(territory.code)")
                #expect(abs((centre?.latitude ?? .nan) - truth.lat / Double(truth.placed)) < 1e-9, "\(label) \(territory.code)")
            }
            if level != .commune { #expect(territory.nom != nil, "\(label) \(territory.code) sans nom") }
        }
    }

    var lieux: [Lieu] { fixture.venues.map(\.lieu) }

    @Test("counts per région, département and commune equal brute force, without filter", arguments: AreaReference.Kind.allCases)
    func unfiltered(level: AreaReference.Kind) async throws {
        let aggregate = try await fixture.store.aggregate(LieuQuery(), by: level)
        check(aggregate, against: lieux, level, "sans filtre")
        #expect(aggregate.territories.count > (level == .commune ? 20 : 2))
    }

    @Test("counts with a service, a box, or both equal brute force", arguments: AreaReference.Kind.allCases)
    func filtered(level: AreaReference.Kind) async throws {
        let service = Service.aideAuxDemarchesAdministratives
        var query = LieuQuery()
        query.filters.services = [service]
        check(try await fixture.store.aggregate(query, by: level), against: lieux.filter { $0.services.contains(service) }, level, "service")
        let box = GeoBounds(minLongitude: -0.5, minLatitude: 45.2, maxLongitude: 0.9, maxLatitude: 46.2)
        query.spatial = .bbox(box)
        let inBox = lieux.filter { lieu in lieu.coordinates.map { box.contains(latitude: $0.latitude, longitude: $0.longitude) } ?? false }
        check(try await fixture.store.aggregate(query, by: level), against: inBox.filter { $0.services.contains(service) }, level, "service et bbox")
        query.filters = LieuFilters()
        check(try await fixture.store.aggregate(query, by: level), against: inBox, level, "bbox")
    }

    /// The in-memory repository over the store's venues and areas.
    var memory: InMemoryLieuRepository {
        var areas: [AreaReference: GeoPolygon] = [:]
        for (key, polygons) in fixture.areas {
            guard let area = AreaReference(key) else { continue }
            areas[area] = GeoPolygon(polygons: polygons.map { rings in
                rings.map { ring in ring.map { GeoPolygon.Position(longitude: $0[0], latitude: $0[1]) } }
            })
        }
        return InMemoryLieuRepository(fixture.venues.map { FoundLieu(lieu: $0.lieu, source: $0.source) }, areas: areas)
    }

    @Test("counts with opening hours, an area, a radius or words equal the in-memory repository's", arguments: [
        "ouvert", "within", "near", "q",
    ])
    func filteredLikeMemory(filter: String) async throws {
        var query = LieuQuery()
        switch filter {
        case "ouvert": query.openAt = ISO8601DateFormatter().date(from: "2026-06-17T08:00:00Z")
        case "within": query.spatial = .within(AreaReference(kind: .departement, code: "16"))
        case "near": query.spatial = .near(Coordinates(latitude: 43.3, longitude: 5.4)!, radius: 30_000)
        default: query.filters.text = "mediatheque"
        }
        let memory = self.memory
        for level in AreaReference.Kind.allCases {
            let stored = try await fixture.store.aggregate(query, by: level)
            let expected = try await memory.aggregate(query, by: level)
            #expect(stored.numberMatched == expected.numberMatched, "\(filter) \(level)")
            #expect(stored.numberMatched > 0, "\(filter) \(level)")
            #expect(stored.sansCoordonnees == expected.sansCoordonnees, "\(filter) \(level)")
            #expect(stored.territories.map(\.code) == expected.territories.map(\.code), "\(filter) \(level)")
            #expect(stored.territories.map(\.lieux) == expected.territories.map(\.lieux), "\(filter) \(level)")
        }
    }

    // MARK: Clusters

    /// Checks clusters against the located venues of the box by brute force: each venue in
    /// exactly one feature, whose box holds it; counts; the ids of the venues alone.
    func check(_ clusters: LieuClusters, _ located: [(key: String, lon: Double, lat: Double)], zoom: Int, _ label: String) {
        let size = 360 / pow(2, Double(zoom)) / 4
        func cell(_ lon: Double, _ lat: Double) -> [Int] { [Int(((lon + 180) / size).rounded(.down)), Int(((lat + 90) / size).rounded(.down))] }
        #expect(clusters.numberMatched == located.count, "\(label)")
        #expect(clusters.clusters.map(\.count).reduce(0, +) == located.count, "\(label)")
        var byCell: [[Int]: [(key: String, lon: Double, lat: Double)]] = [:]
        for venue in located { byCell[cell(venue.lon, venue.lat), default: []].append(venue) }
        var features: [[Int]: LieuCluster] = [:]
        for cluster in clusters.clusters {
            let key = cell(cluster.centre.longitude, cluster.centre.latitude)
            #expect(features[key] == nil, "\(label) : deux groupes dans une cellule")
            features[key] = cluster
        }
        #expect(Set(features.keys) == Set(byCell.keys), "\(label)")
        for (key, venues) in byCell {
            guard let feature = features[key] else { continue }
            #expect(feature.count == venues.count, "\(label) \(key)")
            for venue in venues {
                #expect(feature.bounds.contains(latitude: venue.lat, longitude: venue.lon), "\(label) \(venue.key) hors de la bbox de son groupe")
            }
            let meanLon = venues.map(\.lon).reduce(0, +) / Double(venues.count)
            #expect(abs(feature.centre.longitude - meanLon) < 1e-9, "\(label) \(key)")
            if venues.count == 1 {
                #expect(feature.lieu.map { "\($0.source)/\($0.id.rawValue)" } == venues[0].key, "\(label) \(key)")
            } else {
                #expect(feature.lieu == nil, "\(label) \(key)")
            }
        }
    }

    func located(in box: GeoBounds, service: Service? = nil) -> [(key: String, lon: Double, lat: Double)] {
        fixture.venues.compactMap { venue in
            guard let point = venue.lieu.coordinates, box.contains(latitude: point.latitude, longitude: point.longitude),
                service.map({ venue.lieu.services.contains($0) }) ?? true
            else { return nil }
            return (venue.key, point.longitude, point.latitude)
        }
    }

    @Test("clusters of random boxes at random zooms equal brute force, from the point index and from SQL", arguments: 0..<20)
    func clusters(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(90_000 + seed))
        let venue = fixture.venues.filter { $0.lieu.coordinates != nil }.randomElement(using: &rng)!
        let point = venue.lieu.coordinates!
        let half = Double.random(in: 0.01...4, using: &rng)
        let box = GeoBounds(
            minLongitude: max(-180, point.longitude - half), minLatitude: max(-90, point.latitude - half * 0.7),
            maxLongitude: min(180, point.longitude + half), maxLatitude: min(90, point.latitude + half * 0.7))
        let zoom = Int.random(in: 3...16, using: &rng)
        let grid = try #require(ClusterGrid(zoom: zoom))
        try fixture.store.buildPointIndex()
        check(try await fixture.store.clusters(LieuQuery(spatial: .bbox(box)), grid: grid), located(in: box), zoom: zoom, "index z\(zoom)")
        let service = Service.aideAuxDemarchesAdministratives
        var query = LieuQuery(spatial: .bbox(box))
        query.filters.services = [service]
        check(try await fixture.store.clusters(query, grid: grid), located(in: box, service: service), zoom: zoom, "SQL z\(zoom)")
    }

    @Test("at zoom 18 over metropolitan France, the venues alone in their cell are named, the others grouped")
    func highZoom() async throws {
        let box = GeoBounds(minLongitude: -5.3, minLatitude: 41.2, maxLongitude: 9.7, maxLatitude: 51.2)
        let grid = try #require(ClusterGrid(zoom: 18))
        try fixture.store.buildPointIndex()
        let clusters = try await fixture.store.clusters(LieuQuery(spatial: .bbox(box)), grid: grid)
        check(clusters, located(in: box), zoom: 18, "z18")
        #expect(clusters.clusters.filter { $0.lieu != nil }.count > clusters.numberMatched / 2)
    }

    @Test("over HTTP, the sums of the features equal numberMatched and brute force")
    func overHTTP() async throws {
        let configuration = ServerConfiguration(logLevel: .error)
        let box = GeoBounds(minLongitude: -5.3, minLatitude: 41.2, maxLongitude: 9.7, maxLatitude: 51.2)
        let expected = located(in: box).count
        try await buildApplication(configuration: configuration, repository: fixture.store).test(.router) { client in
            let clusters = try await client.get("/collections/lieux/clusters?bbox=-5.3,41.2,9.7,51.2&zoom=6")
            #expect(clusters.status == .ok)
            #expect(try clusters.object["numberMatched"] as? Int == expected)
            let sum = try clusters.features.map { ($0["properties"] as? [String: Any])?["lieux"] as? Int ?? 0 }.reduce(0, +)
            #expect(sum == expected)
            let aggregates = try await client.get("/collections/lieux/aggregates?par=departement")
            #expect(aggregates.status == .ok)
            let object = try aggregates.object
            let counted = try aggregates.features.map { ($0["properties"] as? [String: Any])?["lieux"] as? Int ?? 0 }.reduce(0, +)
            #expect(counted + (object["sansTerritoire"] as? Int ?? -1) == lieux.count)
            #expect(object["numberMatched"] as? Int == lieux.count)
        }
    }
}
