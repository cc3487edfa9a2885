import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import LieuxStore
import Testing

/// The HTTP API over a real store: the ANCT v1 exports and the départements, communes and
/// régions of `../shared/data/geo` (without it: 3,000 generated venues, the demonstration
/// data and square départements; the tests that name real places then say they skip). Every spatial answer is checked against a brute-force
/// computation written here, independently of the store (haversine; even-odd ray casting),
/// and every filter against the venues read back from the store.
@Suite("HTTP over a real store, against brute force", .serialized)
struct RealStoreTests {
    struct Venue: Sendable {
        var key: String
        var lieu: Lieu
        var source: String
    }

    struct Fixture {
        var store: Store
        var venues: [Venue]
        /// Area polygons by kind and code, as GeoJSON coordinates: polygons, rings, [lon, lat].
        var areas: [String: [[[[Double]]]]]
    }

    static let fixture: Fixture? = {
        do {
            let folder = SharedData.temporaryFolder("lieux-http-real")
            let store = try Store.open(path: folder.appendingPathComponent("lieux.sqlite").path)
            guard SharedData.isAvailable else {
                let generated = folder.appendingPathComponent("generes.csv")
                try Data(GeneratedVenues(0..<3000).csv()).write(to: generated)
                _ = try store.importFile(at: generated, source: "anct")
                _ = try store.importFile(at: SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), source: "charente")
                let squares = folder.appendingPathComponent("departements.geojson")
                try Data(GeneratedVenues.squareDepartements.utf8).write(to: squares)
                _ = try store.importAreas(at: squares, kind: .departement)
                var areas: [String: [[[[Double]]]]] = [:]
                for (code, polygons) in try readAreas(squares) { areas["departement:\(code)"] = polygons }
                var venues: [Venue] = []
                try store.forEachLieu { lieu, source in venues.append(Venue(key: "\(source)/\(lieu.id.rawValue)", lieu: lieu, source: source)) }
                return Fixture(store: store, venues: venues, areas: areas)
            }
            _ = try store.importFile(at: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), source: "anct")
            _ = try store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "charente")
            var areas: [String: [[[[Double]]]]] = [:]
            for (file, kind) in [
                ("geo/france-geojson-departements-avec-outre-mer-2018.geojson", AreaReference.Kind.departement),
                ("geo/france-geojson-regions-avec-outre-mer-2018.geojson", .region),
                ("geo/france-geojson-communes-16-charente-2018.geojson", .commune),
                ("geo/france-geojson-communes-paca-2018.geojson", .commune),
            ] {
                let url = SharedData.url(file)
                _ = try store.importAreas(at: url, kind: kind)
                for (code, polygons) in try readAreas(url) { areas["\(kind.rawValue):\(code)"] = polygons }
            }
            var venues: [Venue] = []
            try store.forEachLieu { lieu, source in venues.append(Venue(key: "\(source)/\(lieu.id.rawValue)", lieu: lieu, source: source)) }
            return Fixture(store: store, venues: venues, areas: areas)
        } catch {
            Issue.record("magasin de test impossible à construire : \(error)")
            return nil
        }
    }()

    /// The polygons of each feature of a GeoJSON file, by its `code` property.
    static func readAreas(_ url: URL) throws -> [(String, [[[[Double]]]])] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let features = object?["features"] as? [[String: Any]] ?? []
        return features.compactMap { feature in
            guard let code = (feature["properties"] as? [String: Any])?["code"] as? String,
                let geometry = feature["geometry"] as? [String: Any]
            else { return nil }
            func numbers(_ any: Any) -> [[[Double]]] {
                (any as? [[[Any]]] ?? []).map { ring in ring.map { position in position.compactMap { ($0 as? NSNumber)?.doubleValue } } }
            }
            switch geometry["type"] as? String {
            case "Polygon": return (code, [numbers(geometry["coordinates"] as Any)])
            case "MultiPolygon": return (code, (geometry["coordinates"] as? [Any] ?? []).map(numbers))
            default: return nil
            }
        }
    }

    var venues: [Venue] { Self.fixture!.venues }
    var located: [(Venue, Double, Double)] {
        venues.compactMap { v in v.lieu.coordinates.map { (v, $0.latitude, $0.longitude) } }
    }

    // MARK: Brute force, written independently of the store

    /// Great-circle distance in metres (haversine, mean Earth radius).
    static func haversine(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371_008.8, rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    /// Even-odd ray casting over every ring of every polygon.
    static func inside(_ polygons: [[[[Double]]]], lat: Double, lon: Double) -> Bool {
        polygons.contains { rings in
            var crossings = 0
            for ring in rings where ring.count >= 3 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let (xi, yi, xj, yj) = (ring[i][0], ring[i][1], ring[j][0], ring[j][1])
                    if (yi > lat) != (yj > lat), lon < (xj - xi) * (lat - yi) / (yj - yi) + xi { crossings += 1 }
                    j = i
                }
            }
            return crossings % 2 == 1
        }
    }

    /// A point near a random located venue.
    func randomPoint(_ rng: inout SplitMix64, spread: Double = 0.3) -> (lat: Double, lon: Double) {
        let (_, lat, lon) = located[Int.random(in: 0..<located.count, using: &rng)]
        return (lat + Double.random(in: -spread...spread, using: &rng), lon + Double.random(in: -spread...spread, using: &rng))
    }

    // MARK: HTTP

    func withClient(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let fixture = try #require(Self.fixture)
        let configuration = ServerConfiguration(maximumBodySize: 64 * 1024, logLevel: .error)
        try await buildApplication(configuration: configuration, repository: fixture.store).test(.router, body)
    }

    /// Every feature of `path`, as (key, distance); the page must hold them all.
    static func features(_ client: any TestClientProtocol, _ path: String) async throws -> (keys: [String], distances: [Double?], matched: Int?) {
        let separator = path.contains("?") ? "&" : "?"
        let response = try await client.get(path + separator + "limit=10000")
        #expect(response.status == .ok, "\(path) : \(response.text.prefix(300))")
        let distances = try response.features.map { ($0["properties"] as? [String: Any])?["distance"] as? Double }
        return (try response.venueKeys, distances, try response.object["numberMatched"] as? Int)
    }

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~,"))) ?? value
    }

    // MARK: Spatial queries

    @Test("the store holds the venues and the areas")
    func fixtureLoaded() throws {
        let fixture = try #require(Self.fixture)
        guard SharedData.isAvailable else {
            #expect(fixture.venues.count > 3000)
            #expect(located.count > 2500)
            #expect(fixture.areas.count == 10)
            return
        }
        #expect(fixture.venues.count == 912 + 188)
        #expect(located.count > 1000)
        #expect(fixture.areas.keys.filter { $0.hasPrefix("departement:") }.count == 101)
        #expect(fixture.areas.keys.filter { $0.hasPrefix("region:") }.count >= 13)
        #expect(fixture.areas.keys.filter { $0.hasPrefix("commune:") }.count > 1000)
    }

    @Test("bbox: the venues inside the box, numberMatched exact", arguments: 0..<25)
    func bbox(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(10_000 + seed))
        let p = randomPoint(&rng)
        let halfLat = Double.random(in: 0.005...0.6, using: &rng), halfLon = Double.random(in: 0.005...0.6, using: &rng)
        let (minLon, minLat, maxLon, maxLat) = (p.lon - halfLon, p.lat - halfLat, p.lon + halfLon, p.lat + halfLat)
        let expected = Set(located.filter { _, lat, lon in lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon }.map(\.0.key))
        try await withClient { client in
            let found = try await Self.features(client, "/collections/lieux/items?bbox=\(minLon),\(minLat),\(maxLon),\(maxLat)")
            #expect(Set(found.keys) == expected)
            #expect(found.keys.count == expected.count)
            #expect(found.matched == expected.count)
        }
    }

    @Test("radius: the venues within the distance, sorted by distance, distances within 0.5 %", arguments: 0..<25)
    func radius(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(20_000 + seed))
        let p = randomPoint(&rng)
        let radius = Double.random(in: 300...80_000, using: &rng).rounded()
        let expected = located.map { v, lat, lon in (v.key, Self.haversine(p.lat, p.lon, lat, lon)) }
            .filter { $0.1 <= radius }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        try await withClient { client in
            let found = try await Self.features(client, "/collections/lieux/items?lat=\(p.lat)&lon=\(p.lon)&radius=\(Int(radius))")
            // Venues within 0.5 % of the edge may fall on either side: compare the others.
            let sure = expected.filter { abs($0.1 - radius) > radius * 0.005 }
            #expect(Set(sure.map(\.0)).isSubset(of: Set(found.keys)))
            #expect(found.keys.count <= expected.count + expected.filter { abs($0.1 - radius) <= radius * 0.005 }.count + 2)
            #expect(found.matched == found.keys.count)
            let distances = found.distances.compactMap { $0 }
            #expect(distances.count == found.keys.count)
            #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 <= $1 })
            let truth = Dictionary(uniqueKeysWithValues: expected.map { ($0.0, $0.1) })
            for (key, distance) in zip(found.keys, distances) {
                let d = try #require(truth[key] ?? located.first { $0.0.key == key }.map { Self.haversine(p.lat, p.lon, $0.1, $0.2) })
                #expect(abs(distance - d) <= d * 0.005 + 0.5, "\(key) : \(distance) m au lieu de \(d) m")
            }
            // Same order as brute force, up to ties.
            let order = expected.filter { found.keys.contains($0.0) }.map(\.1)
            for (a, b) in zip(order, distances) { #expect(abs(a - b) <= a * 0.005 + 0.5) }
        }
    }

    @Test("nearest: the K nearest venues, by distance", arguments: 0..<25)
    func nearest(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(30_000 + seed))
        let p = randomPoint(&rng, spread: 2)
        let k = Int.random(in: 1...100, using: &rng)
        let expected = located.map { v, lat, lon in (v.key, Self.haversine(p.lat, p.lon, lat, lon)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        try await withClient { client in
            let found = try await Self.features(client, "/collections/lieux/items?lat=\(p.lat)&lon=\(p.lon)&nearest=\(k)")
            #expect(found.keys.count == k)
            #expect(found.matched == k)
            let distances = found.distances.compactMap { $0 }
            for (d, e) in zip(distances, expected.prefix(k).map(\.1)) { #expect(abs(d - e) <= e * 0.005 + 0.5) }
            let last = expected[k - 1].1
            let clear = Set(expected.prefix(k).filter { $0.1 < last * 0.995 }.map(\.0))
            #expect(clear.isSubset(of: Set(found.keys)))
        }
    }

    @Test("within: a département, a région or a commune holds the venues its polygon holds", .enabled(if: SharedData.isAvailable, SharedData.absent), arguments: [
        "departement:13", "departement:06", "departement:16", "departement:83", "departement:2A", "departement:51",
        "region:93", "region:75", "commune:16015", "commune:13055", "commune:06088", "commune:83137",
    ])
    func within(area: String) async throws {
        let polygons = try #require(Self.fixture?.areas[area])
        let expected = Set(located.filter { Self.inside(polygons, lat: $0.1, lon: $0.2) }.map(\.0.key))
        try await withClient { client in
            let found = try await Self.features(client, "/collections/lieux/items?within=\(area)")
            #expect(Set(found.keys) == expected)
            #expect(found.matched == expected.count)
        }
    }

    @Test("within: the big areas are not empty, an unknown code is a 404 problem", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func withinCounts() async throws {
        try await withClient { client in
            let paca = try await Self.features(client, "/collections/lieux/items?within=region:93")
            #expect(paca.keys.count > 300)
            let unknown = try await client.get("/collections/lieux/items?within=departement:00")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(try unknown.object["detail"] as? String != nil)
        }
    }

    @Test("POST /search: the venues inside a random polygon", arguments: 0..<10)
    func polygonSearch(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(40_000 + seed))
        let c = randomPoint(&rng)
        // A star-shaped ring of 7 vertices around the point, closed.
        var ring: [[Double]] = (0..<7).map { i in
            let angle = Double(i) / 7 * 2 * Double.pi
            let r = Double.random(in: 0.05...0.5, using: &rng)
            return [c.lon + r * cos(angle), c.lat + r * sin(angle)]
        }
        ring.append(ring[0])
        let expected = Set(located.filter { Self.inside([[ring]], lat: $0.1, lon: $0.2) }.map(\.0.key))
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["type": "Polygon", "coordinates": [ring]]), as: UTF8.self)
        try await withClient { client in
            let response = try await client.post("/collections/lieux/search?limit=10000", body: body, [.contentType: "application/geo+json"])
            #expect(response.status == .ok, "\(response.text.prefix(300))")
            let keys = try response.venueKeys
            #expect(Set(keys) == expected)
            #expect(try response.object["numberMatched"] as? Int == expected.count)
        }
    }

    // MARK: Filters

    /// The values of a multi-valued field of a venue, as the standard writes them.
    static func values(_ lieu: Lieu, _ field: Lieu.Field) -> [String] {
        (lieu.text(field) ?? "").split(separator: "|").map(String.init)
    }

    @Test("each vocabulary parameter: commas are alternatives, against the venues read back", arguments: [
        Lieu.Field.services, .publicsSpecifiquementAdresses, .priseEnChargeSpecifique, .fraisACharge, .itinerance,
        .modalitesAcces, .modalitesAccompagnement, .dispositifProgrammesNationaux, .formationsLabels, .typologie,
    ])
    func vocabulary(field: Lieu.Field) async throws {
        var tally: [String: Int] = [:]
        for v in venues { for value in Self.values(v.lieu, field) { tally[value, default: 0] += 1 } }
        let counts = tally
        let frequent = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        try await withClient { client in
            // The values the service allows for the field, from the queryables.
            let queryables = try await client.get("/collections/lieux/queryables")
            let property = try #require((try queryables.object["properties"] as? [String: Any])?[field.rawValue] as? [String: Any])
            let allowed = (property["items"] as? [String: Any])?["enum"] as? [String] ?? property["enum"] as? [String] ?? []
            if field != .typologie { #expect(allowed.count >= 2, "\(field.rawValue) : \(property)") }
            #expect(Set(frequent).isSubset(of: Set(allowed)) || field == .typologie)
            // One value, the two most frequent (OR), the rarest; a value the data never uses.
            var choices = [[String]]()
            if !frequent.isEmpty { choices += [[frequent[0]], Array(frequent.prefix(2)), [frequent.last!]] }
            if let unused = allowed.first(where: { counts[$0] == nil }) { choices.append([unused]) }
            #expect(!choices.isEmpty)
            for chosen in choices {
                let expected = Set(venues.filter { !Set(Self.values($0.lieu, field)).isDisjoint(with: chosen) }.map(\.key))
                let path = "/collections/lieux/items?\(field.rawValue)=\(Self.encoded(chosen.joined(separator: ",")))"
                let found = try await Self.features(client, path)
                #expect(Set(found.keys) == expected, "\(path)")
                #expect(found.matched == expected.count)
            }
        }
    }

    @Test("fields combine with AND, and with a radius")
    func combined() async throws {
        let services = "Aide aux démarches administratives", frais = "Gratuit"
        let p = (lat: 43.2965, lon: 5.3698)  // Marseille
        let expected = located.filter { v, lat, lon in
            Self.values(v.lieu, .services).contains(services) && Self.values(v.lieu, .fraisACharge).contains(frais)
                && Self.haversine(p.lat, p.lon, lat, lon) <= 20_000 * 0.995
        }.map(\.0.key)
        try await withClient { client in
            let found = try await Self.features(
                client, "/collections/lieux/items?services=\(Self.encoded(services))&frais_a_charge=\(frais)&lat=\(p.lat)&lon=\(p.lon)&radius=20000")
            #expect(!expected.isEmpty)
            #expect(Set(expected).isSubset(of: Set(found.keys)))
            for key in found.keys {
                let v = try #require(venues.first { $0.key == key })
                #expect(Self.values(v.lieu, .services).contains(services) && Self.values(v.lieu, .fraisACharge).contains(frais))
            }
        }
    }

    @Test("code_postal, code_insee, departement, source and date_maj_min select what the data says", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func otherFilters() async throws {
        let sample = try #require(venues.first { $0.lieu.codeINSEE != nil && $0.source == "anct" })
        let postal = sample.lieu.codePostal.rawValue, insee = sample.lieu.codeINSEE!.rawValue
        let cases: [(String, @Sendable (Venue) -> Bool)] = [
            ("code_postal=\(postal)", { $0.lieu.codePostal.rawValue == postal }),
            ("code_insee=\(insee)", { $0.lieu.codeINSEE?.rawValue == insee }),
            ("source=charente", { $0.source == "charente" }),
            ("source=anct,charente", { _ in true }),
            ("date_maj_min=2023-06-01", { $0.lieu.dateMaj.description >= "2023-06-01" }),
        ]
        try await withClient { client in
            for (query, predicate) in cases {
                let expected = Set(venues.filter(predicate).map(\.key))
                let found = try await Self.features(client, "/collections/lieux/items?\(query)")
                #expect(!expected.isEmpty, "\(query)")
                #expect(Set(found.keys) == expected, "\(query)")
                #expect(found.matched == expected.count, "\(query)")
            }
            // A département: every venue found has a postal code or INSEE code of it, and
            // the Charente file's venues are all found.
            let charente = try await Self.features(client, "/collections/lieux/items?departement=16")
            #expect(Set(venues.filter { $0.source == "charente" && $0.lieu.codePostal.rawValue.hasPrefix("16") }.map(\.key)).isSubset(of: Set(charente.keys)))
            for key in charente.keys {
                let v = try #require(venues.first { $0.key == key })
                #expect(v.lieu.codePostal.rawValue.hasPrefix("16") || v.lieu.codeINSEE?.rawValue.hasPrefix("16") == true, "\(key)")
            }
        }
    }

    /// The words of a text, folded (no accents, no case).
    static func words(_ s: String) -> Set<String> {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        return Set(folded.split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    @Test("q: full text, accent- and case-insensitive, on name, address and commune", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func fullText() async throws {
        try await withClient { client in
            for (q, word) in [("médiathèque", "mediatheque"), ("MEDIATHEQUE", "mediatheque"), ("angoulême", "angouleme"), ("mairie", "mairie")] {
                let found = try await Self.features(client, "/collections/lieux/items?q=\(Self.encoded(q))")
                let expected = Set(venues.filter { v in
                    Self.words(v.lieu.nom).contains(word) || Self.words(v.lieu.adresse).contains(word) || Self.words(v.lieu.commune).contains(word)
                }.map(\.key))
                #expect(!expected.isEmpty, "\(q)")
                #expect(expected.isSubset(of: Set(found.keys)), "\(q) : \(expected.subtracting(found.keys).prefix(5))")
            }
            let a = try await Self.features(client, "/collections/lieux/items?q=mediatheque")
            let b = try await Self.features(client, "/collections/lieux/items?q=M%C3%A9diath%C3%A8que")
            #expect(a.keys == b.keys)
        }
    }

    // MARK: Order and paging

    @Test("sortby orders every venue by name or date, ascending or descending", arguments: ["nom", "-nom", "date_maj", "-date_maj"])
    func sortBy(order: String) async throws {
        try await withClient { client in
            let response = try await client.get("/collections/lieux/items?sortby=\(order)&limit=10000")
            #expect(response.status == .ok)
            let properties = try response.features.map { $0["properties"] as? [String: Any] ?? [:] }
            #expect(properties.count == venues.count)
            let field = order.hasSuffix("nom") ? "nom" : "date_maj"
            let values = properties.map { $0[field] as? String ?? "" }
            let descending = order.hasPrefix("-")
            if field == "date_maj" {
                #expect(values == values.sorted(by: descending ? (>) : (<)))
            } else {
                // As a French reader expects: case and accents do not count.
                let keys = values.map {
                    $0.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).replacingOccurrences(of: "’", with: "'")
                        .split(separator: " ").joined(separator: " ")
                }
                let misplaced = zip(keys, keys.dropFirst()).filter { descending ? $0 < $1 : $0 > $1 }
                #expect(misplaced.isEmpty, "\(order): \(misplaced.prefix(3))")
                #expect(values.first?.first.map { "ÉéÈè".contains($0) } != true)
            }
        }
    }

    @Test("next links walk every venue once, keeping the other parameters; prev walks back")
    func paging() async throws {
        try await withClient { client in
            let whole = try await Self.features(client, "/collections/lieux/items?source=anct")
            var path: String? = "/collections/lieux/items?source=anct&limit=250"
            var seen: [String] = []
            var pages = 0
            var lastResponse: TestResponse?
            while let current = path, pages < 20 {
                let response = try await client.get(current)
                #expect(response.status == .ok)
                seen += try response.venueKeys
                let next = try response.link("next")?["href"] as? String
                if let next { #expect(next.contains("source=anct") && next.contains("limit=250")) }
                path = next.map { String($0.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) }
                pages += 1
                lastResponse = response
            }
            #expect(seen == whole.keys)
            #expect(pages == (whole.keys.count + 249) / 250)
            let prev = try #require(try lastResponse?.link("prev")?["href"] as? String)
            #expect(prev.contains("offset=\((pages - 2) * 250)"))
            #expect(try lastResponse?.object["numberMatched"] as? Int == whole.keys.count)
        }
    }

    // MARK: Exports

    @Test("exports hold what the items hold, in the three formats, gzipped on request")
    func exports() async throws {
        try await withClient { client in
            let query = "within=departement:16&services=\(Self.encoded("Aide aux démarches administratives"))&sortby=nom"
            let items = try await Self.features(client, "/collections/lieux/items?\(query)")
            #expect(items.keys.count > 5)
            let geojson = try await client.get("/export/lieux.geojson?\(query)")
            #expect(geojson.status == .ok)
            let exported = try geojson.venueKeys
            #expect(exported == items.keys)
            let seq = try await client.get("/export/lieux.geojsonseq?\(query)")
            #expect(seq.text.split(separator: "\u{1E}").count == items.keys.count)
            let csv = try await client.get("/export/lieux.csv?\(query)", [.acceptEncoding: "gzip"])
            #expect(csv.headers[.contentEncoding] == "gzip")
            let lines = try csv.gunzipped.split(whereSeparator: \.isNewline)
            #expect(lines.first?.hasPrefix("id,pivot,nom") == true || lines.first?.contains("nom") == true)
            // Fields may hold line breaks inside quotes: at least one line per venue, plus the header.
            #expect(lines.count >= items.keys.count + 1)
            let all = try await client.get("/export/lieux.geojson")
            #expect(try all.features.count == venues.count)
        }
    }

    // MARK: Errors

    @Test("every wrong parameter is a 400 problem in French", arguments: [
        "bbox=1,2,3", "bbox=a,b,c,d", "bbox=5,45,4,46", "lat=45&lon=5&radius=200001", "lat=45&lon=5&nearest=101",
        "lat=45&radius=1000", "lat=95&lon=5&radius=10", "within=canton:12", "services=Jardinage", "typologie=XYZ",
        "frais_a_charge=Onéreux", "limit=0", "limit=abc", "offset=-1", "sortby=taille", "sortby=distance", "date_maj_min=2023-13-45",
        "code_postal=7500", "inconnu=1", "f=xml",
    ])
    func badParameter(query: String) async throws {
        try await withClient { client in
            let response = try await client.get("/collections/lieux/items?\(query)")
            #expect(response.status == .badRequest || (query == "f=xml" && response.status == .notAcceptable), "\(query) : \(response.status)")
            #expect(response.headers[.contentType] == "application/problem+json")
            let object = try response.object
            let detail = try #require(object["detail"] as? String)
            #expect(!detail.isEmpty)
            #expect(!detail.contains("SQL") && !detail.contains("sqlite"))
            #expect(object["status"] as? Int == Int(response.status.code))
        }
    }

    @Test("a value outside a vocabulary lists the allowed values")
    func allowedValues() async throws {
        try await withClient { client in
            let response = try await client.get("/collections/lieux/items?services=Jardinage")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Aide aux démarches administratives"))
        }
    }

    @Test("an unknown venue, an unknown route, a wrong method, a body too large")
    func otherStatuses() async throws {
        try await withClient { client in
            #expect(try await client.get("/collections/lieux/items/pas-un-lieu").status == .notFound)
            #expect(try await client.get("/collections/autre").status == .notFound)
            #expect(try await client.execute(uri: "/collections/lieux/items", method: .delete).status == .methodNotAllowed)
            let big = String(repeating: "x", count: 70 * 1024)
            let tooLarge = try await client.post("/validate", body: big, [.contentType: "text/csv"])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.headers[.contentType] == "application/problem+json")
        }
    }

    // MARK: Hygiene over the real store

    @Test("ETag and 304; the ETag changes when the store's data changes", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func etag() async throws {
        let fixture = try #require(Self.fixture)
        // A store of its own, so that the import below does not disturb the other tests.
        let path = SharedData.temporaryFolder("lieux-http-etag").appendingPathComponent("lieux.sqlite").path
        let store = try Store.open(path: path)
        _ = try store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "charente")
        #expect(fixture.venues.count > 0)
        let app = buildApplication(configuration: ServerConfiguration(logLevel: .error), repository: store)
        try await app.test(.router) { client in
            let first = try await client.get("/collections/lieux/items?limit=5")
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] != nil)
            let again = try await client.get("/collections/lieux/items?limit=5", [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            _ = try store.importFile(at: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), source: "anct")
            let changed = try await client.get("/collections/lieux/items?limit=5", [.ifNoneMatch: etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
        }
    }

    @Test("CORS headers and gzip on a real page")
    func corsAndGzip() async throws {
        try await withClient { client in
            let response = try await client.get(
                "/collections/lieux/items?\(SharedData.isAvailable ? "within=departement:13" : "bbox=-6,41,10,51")&limit=200",
                [.origin: "https://carte.example.fr", .acceptEncoding: "gzip"])
            #expect(response.status == .ok)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
            #expect(response.headers[.contentEncoding] == "gzip")
            let text = try response.gunzipped
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((object?["features"] as? [Any])?.count == 200)
            let preflight = try await client.execute(
                uri: "/collections/lieux/items", method: .options,
                headers: [.origin: "https://carte.example.fr", .accessControlRequestMethod: "GET"])
            #expect(preflight.status == .noContent || preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
        }
    }
}

extension TestResponse {
    /// The `source_import/id` of each feature, in order: ids repeat across sources.
    var venueKeys: [String] {
        get throws {
            try features.map { feature in
                "\((feature["properties"] as? [String: Any])?["source_import"] as? String ?? "?")/\(feature["id"] as? String ?? "?")"
            }
        }
    }
}
