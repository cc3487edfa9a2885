import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LieuxExport
import LieuxHTTP
import LieuxModel
import LieuxStore
import LieuxTestSupport
import Testing

/// Pages and exports copied from the features the store keeps as bytes are byte for byte
/// those encoded from the venues' fields, as they were before the store kept them: the same
/// requests go to the store and to a wrapper that hides its features (so the HTTP layer
/// decodes and encodes every venue). Over 3,000 generated venues and the demonstration
/// data, and the real files of `../shared/data` when they are there.
@Suite("Features kept as bytes: the same bytes as the venues encoded", .serialized)
struct FeatureBytesTests {
    /// The store's ``LieuRepository`` only: the HTTP layer cannot see its features.
    struct PlainRepository: LieuRepository {
        let store: Store
        func search(_ query: LieuQuery) async throws -> LieuPage { try await store.search(query) }
        func venues(_ query: LieuQuery) -> ItemStream<FoundLieu> { store.venues(query) }
        func lieu(source: String, id: Lieu.ID) async throws -> FoundLieu? { try await store.lieu(source: source, id: id) }
        func lieu(id: Lieu.ID) async throws -> FoundLieu? { try await store.lieu(id: id) }
        func version() async throws -> String { try await store.version() }
        func hasArea(_ area: AreaReference) async throws -> Bool { try await store.hasArea(area) }
        func aggregate(_ query: LieuQuery, by level: AreaReference.Kind) async throws -> Aggregate { try await store.aggregate(query, by: level) }
        func clusters(_ query: LieuQuery, grid: ClusterGrid) async throws -> LieuClusters { try await store.clusters(query, grid: grid) }
        func couverture(_ query: LieuQuery, options: CouvertureOptions) async throws -> Couverture { try await store.couverture(query, options: options) }
        func couvertureCommunes(_ query: LieuQuery, territoire: AreaReference?) async throws -> [CommuneDistance] {
            try await store.couvertureCommunes(query, territoire: territoire)
        }
        func doublons() async throws -> DoublonIndex { try await store.doublons() }
    }

    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_781_683_200) }

    /// A store with generated venues, the demonstration data, square départements, and the
    /// real ANCT files when `../shared/data` is there; a first service label and département code.
    static func makeStore(_ name: String) throws -> (store: Store, service: String, departement: String, folder: URL) {
        let folder = SharedData.temporaryFolder(name)
        let store = try Store.open(path: folder.appendingPathComponent("lieux.sqlite").path)
        let generated = folder.appendingPathComponent("generes.csv")
        try Data(GeneratedVenues(0..<3000).csv()).write(to: generated)
        _ = try store.importFile(at: generated, source: "gen")
        _ = try store.importFile(at: SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), source: "demo")
        if SharedData.isAvailable {
            _ = try store.importFile(at: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), source: "anct")
            _ = try store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "charente")
        }
        let squares = folder.appendingPathComponent("departements.geojson")
        try Data(GeneratedVenues.squareDepartements.utf8).write(to: squares)
        _ = try store.importAreas(at: squares, kind: .departement)
        var service = "", departement = ""
        try store.forEachLieu { lieu, _ in if service.isEmpty, let first = lieu.services.first { service = first.rawValue } }
        let object = try JSONSerialization.jsonObject(with: Data(GeneratedVenues.squareDepartements.utf8)) as? [String: Any]
        let features = object?["features"] as? [[String: Any]] ?? []
        departement = (features.first?["properties"] as? [String: Any])?["code"] as? String ?? ""
        return (store, service, departement, folder)
    }

    static func uris(service: String, departement: String) -> [String] {
        let service = service.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? service
        return [
            "/collections/lieux/items",
            "/collections/lieux/items?limit=1000",
            "/collections/lieux/items?limit=7&offset=13",
            "/collections/lieux/items?limit=50&offset=2990",
            "/collections/lieux/items?bbox=-5,41,10,52&limit=300",
            "/collections/lieux/items?bbox=2.2,48.8,2.5,48.95&limit=100",
            "/collections/lieux/items?lat=48.85&lon=2.35&radius=30000&limit=100",
            "/collections/lieux/items?lat=45.65&lon=0.15&radius=80000&sortby=nom&limit=60",
            "/collections/lieux/items?lat=43.7&lon=7.25&nearest=10",
            "/collections/lieux/items?lat=43.7&lon=7.25&nearest=20&sortby=-date_maj",
            "/collections/lieux/items?within=departement:\(departement)&limit=200",
            "/collections/lieux/items?services=\(service)&limit=200",
            "/collections/lieux/items?services=\(service)&lat=46.5&lon=2.5&radius=200000&limit=100",
            "/collections/lieux/items?q=mairie&limit=100",
            "/collections/lieux/items?source=demo&sortby=-nom",
            "/collections/lieux/items?ouvert=2026-06-17T10:00&limit=100",
            "/collections/lieux/items?sortby=date_maj&limit=100&offset=100",
            "/collections/lieux/items/demo-001",
            "/collections/lieux/items/demo:demo-002",
            "/collections/lieux/items/demo-003?f=json",
            "/export/lieux.geojson",
            "/export/lieux.geojsonseq",
            "/export/lieux.csv",
            "/export/lieux.geojson?source=demo",
            "/export/lieux.geojsonseq?lat=48.85&lon=2.35&radius=30000",
            "/export/lieux.geojson?within=departement:\(departement)",
        ]
    }

    /// The body of each request, from the store and from the wrapper.
    static func bodies(_ store: Store, _ uris: [String]) async throws -> [(uri: String, bytes: String, plain: String, status: HTTPResponse.Status)] {
        let configuration = ServerConfiguration(logLevel: .error, now: clock)
        let withFeatures = buildApplication(configuration: configuration, repository: store)
        let plain = buildApplication(configuration: configuration, repository: PlainRepository(store: store))
        let fromFeatures = try await withFeatures.test(.router) { client in
            var bodies: [(String, HTTPResponse.Status)] = []
            for uri in uris {
                let response = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/geo+json"])
                bodies.append((String(buffer: response.body), response.status))
            }
            return bodies
        }
        let fromVenues = try await plain.test(.router) { client in
            var bodies: [String] = []
            for uri in uris {
                let response = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/geo+json"])
                bodies.append(String(buffer: response.body))
            }
            return bodies
        }
        return uris.indices.map { (uris[$0], fromFeatures[$0].0, fromVenues[$0], fromFeatures[$0].1) }
    }

    @Test("pages and exports: the same bytes from the features as from the venues")
    func sameBytes() async throws {
        if !SharedData.isAvailable { print("FeatureBytesTests : ../shared absent, données générées et de démonstration seules") }
        let (store, service, departement, _) = try Self.makeStore("lieux-feature-bytes")
        let uris = Self.uris(service: service, departement: departement)
        for round in 0..<2 {
            // The second round is served from the point index and the caches of pages.
            if round == 1 { try store.buildPointIndex() }
            for (uri, bytes, plain, status) in try await Self.bodies(store, uris) {
                #expect(status == .ok, "\(uri)")
                #expect(bytes.utf8.count > 100, "\(uri)")
                #expect(bytes == plain, "\(uri) (tour \(round)) : \(Self.firstDifference(bytes, plain))")
            }
        }
    }

    @Test("a page kept for a data version is not served once the data changed")
    func pageCacheFollowsTheData() async throws {
        let (store, _, _, folder) = try Self.makeStore("lieux-feature-cache")
        try store.buildPointIndex()
        let uri = "/collections/lieux/items?source=demo&limit=5"
        let before = try await Self.bodies(store, [uri])[0]
        #expect(before.bytes == before.plain)
        // The demonstration file again, with a name changed: the page must show it.
        let demo = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), encoding: .utf8)
        var names: [String] = []
        try store.forEachLieu(source: "demo") { lieu, _ in names.append(lieu.nom) }
        let first = try #require(names.first)
        let changed = folder.appendingPathComponent("demo-modifie.csv")
        try demo.replacingOccurrences(of: first, with: first + " (rénovée)").write(to: changed, atomically: true, encoding: .utf8)
        let result = try store.importFile(at: changed, source: "demo")
        #expect(result.updated >= 1)
        let after = try await Self.bodies(store, [uri])[0]
        #expect(after.bytes == after.plain)
        #expect(after.bytes != before.bytes)
        #expect(after.bytes.contains(first + " (rénovée)"))
        // Undone: the venues put back get their features again, the page is the first one.
        _ = try store.undo(source: "demo")
        let undone = try await Self.bodies(store, [uri, "/export/lieux.geojson?source=demo"])
        #expect(undone[0].bytes == before.bytes)
        for body in undone { #expect(body.bytes == body.plain, "\(body.uri)") }
    }

    @Test("one feature document: the stored opening closed with the extras is the venue encoded whole")
    func documentOfOneFeature() throws {
        let (store, _, _, _) = try Self.makeStore("lieux-feature-document")
        var venues: [String: [UInt8]] = [:]
        try store.forEachLieu { lieu, source in
            venues[source + "/" + lieu.id.rawValue] = lieu.geoJSONFeature(extras: FeatureExtras(sourceImport: source, distance: 12.34))
        }
        var count = 0
        try store.forEachFeature(source: nil) { feature in
            count += 1
            let id = try? JSONSerialization.jsonObject(with: Data(feature.document())) as? [String: Any]
            let key = feature.source + "/" + ((id?["id"] as? String) ?? "")
            #expect(feature.document(extras: FeatureExtras(sourceImport: feature.source, distance: 12.34)) == venues[key], "\(key)")
        }
        #expect(count == venues.count)
        #expect(count >= 3000)
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let a = Array(a.utf8), b = Array(b.utf8)
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let start = max(0, index - 80)
        return "à l'octet \(index) : « \(String(decoding: a[start..<min(a.count, index + 80)], as: UTF8.self)) » contre « \(String(decoding: b[start..<min(b.count, index + 80)], as: UTF8.self)) »"
    }
}
