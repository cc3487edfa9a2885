import Foundation
import GRDB
import LieuxModel
import Testing

@testable import LieuxStore

/// The coverage (``Store/couverture(_:options:)``) against a brute-force computation: every
/// population point against every venue the search keeps, the shares, quantiles, communes
/// beyond and the greedy suggestions worked out again here from their definitions.
@Suite("Coverage against brute force", .serialized)
struct CouvertureTests {
    /// 600 generated venues spread over metropolitan France, 400 communes with a point and a
    /// population (integers: sums are exact whatever their order), in a fresh store.
    static let fixture: (store: Store, communes: [PopulationPoint], all: [FoundLieu]) = {
        let store = try! Store.open(path: SharedData.temporaryFolder("lieux-couverture").appendingPathComponent("lieux.sqlite").path)
        let csv = GeneratedVenues(0..<600, detailLength: 20).csv { n, cells in
            var rng = SplitMix64(seed: UInt64(n) &* 7919)
            guard !cells[8].isEmpty else { return }
            cells[8] = String(format: "%.6f", 42.5 + 8.3 * rng.unit())
            cells[9] = String(format: "%.6f", -4.5 + 12.0 * rng.unit())
        }
        let file = SharedData.temporaryFolder("lieux-couverture").appendingPathComponent("lieux.csv")
        try! Data(csv).write(to: file)
        _ = try! store.importFile(at: file, source: "generes")
        var rng = SplitMix64(seed: 15)
        let departements = ["01", "16", "2A", "29", "33", "51", "59", "67", "75", "13", "31", "63"]
        var communes: [PopulationPoint] = []
        for i in 0..<400 {
            let departement = departements[i % departements.count]
            let code = departement + String(format: "%03d", i)
            let point = Coordinates(latitude: 42.3 + 8.7 * rng.unit(), longitude: -4.8 + 12.6 * rng.unit())!
            communes.append(PopulationPoint(commune: code, nom: "Commune \(i)", coordinates: point, population: Double(Int(rng.unit() * 5000))))
        }
        let features = communes.map { c in
            """
            {"type":"Feature","properties":{"code":"\(c.commune!)","nom":"\(c.nom!)","population":\(Int(c.population)),"type":"COM"},\
            "geometry":{"type":"Point","coordinates":[\(c.coordinates.longitude),\(c.coordinates.latitude)]}}
            """
        }
        // An arrondissement that `only` leaves out.
        let arrondissement = #"{"type":"Feature","properties":{"code":"75101","population":16000,"type":"ARM"},"geometry":{"type":"Point","coordinates":[2.34,48.86]}}"#
        let areas = SharedData.temporaryFolder("lieux-couverture").appendingPathComponent("communes.geojson")
        let collection: String = #"{"type":"FeatureCollection","features":["# + (features + [arrondissement]).joined(separator: ",") + "]}"
        try! Data(collection.utf8).write(to: areas)
        let result = try! store.importAreas(at: areas, kind: .commune, populationProperty: "population", only: ("type", "COM"))
        precondition(result.stored == 400 && result.excluded == 1)
        var all: [FoundLieu] = []
        try! store.forEachLieu { lieu, source in all.append(FoundLieu(lieu: lieu, source: source)) }
        return (store, communes.sorted { $0.commune! < $1.commune! }, all)
    }()

    // MARK: Brute force

    /// The venues `query` keeps, read by the store's SQL search (not its point index).
    static func venues(_ query: LieuQuery) throws -> [Coordinates] {
        var found: [Coordinates] = []
        try fixture.store.forEachSynchronously(query) { if let c = $0.lieu.coordinates { found.append(c) } }
        return found
    }

    static func bruteDistances(_ points: [PopulationPoint], _ venues: [Coordinates]) -> [Double] {
        points.map { p in venues.map { p.coordinates.distance(to: $0) }.min() ?? .infinity }
    }

    static func bruteQuantile(_ q: Double, _ points: [PopulationPoint], _ distances: [Double]) -> Double? {
        let total = points.reduce(0) { $0 + $1.population }
        guard total > 0 else { return nil }
        var counted = 0.0
        for i in points.indices.sorted(by: { (distances[$0], $0) < (distances[$1], $1) }) {
            counted += points[i].population
            if counted >= q * total { return distances[i].isFinite ? distances[i] / 1000 : nil }
        }
        return nil
    }

    /// Greedy, recounting every candidate's gain over every uncovered point at each step.
    static func bruteSuggestions(_ count: Int, _ points: [PopulationPoint], _ distances: [Double], threshold: Double) -> [(String, Double)] {
        var covered = points.indices.map { distances[$0] <= threshold || points[$0].population == 0 }
        var chosen: [(String, Double)] = []
        for _ in 0..<count {
            var best: (candidate: Int, gain: Double)?
            for c in points.indices {
                var gain = 0.0
                for p in points.indices where !covered[p] && points[c].coordinates.distance(to: points[p].coordinates) <= threshold {
                    gain += points[p].population
                }
                if gain > 0 && gain > (best?.gain ?? 0) { best = (c, gain) }
            }
            guard let best else { break }
            for p in points.indices where points[best.candidate].coordinates.distance(to: points[p].coordinates) <= threshold { covered[p] = true }
            chosen.append((points[best.candidate].commune!, best.gain))
        }
        return chosen
    }

    func check(_ query: LieuQuery, _ label: String, options: CouvertureOptions = CouvertureOptions(par: .region, auDelaKm: 30, limiteCommunes: 1000, suggestions: 5)) throws {
        let communes = Self.fixture.communes
        let venues = try Self.venues(query)
        let distances = Self.bruteDistances(communes, venues)
        let c = try Self.fixture.store.couvertureSynchronously(query, options: options)
        #expect(c.points == .communes, "\(label)")
        #expect(c.lieux == venues.count, "\(label)")
        let total = communes.reduce(0) { $0 + $1.population }
        #expect(c.population == total, "\(label)")
        #expect(c.seuils.map(\.km) == options.seuilsKm, "\(label)")
        for s in c.seuils {
            let within = zip(communes, distances).filter { $0.1 <= s.km * 1000 }.reduce(0) { $0 + $1.0.population }
            #expect(s.population == within, "\(label) \(s.km) km")
            #expect(abs(s.part - within / total) < 1e-12, "\(label) \(s.km) km")
        }
        #expect(c.medianeKm == Self.bruteQuantile(0.5, communes, distances), "\(label)")
        #expect(c.p90Km == Self.bruteQuantile(0.9, communes, distances), "\(label)")
        // Per région: the région of each commune's département.
        var byRegion: [String: Double] = [:]
        for p in communes { if let r = Departement(codeINSEE: p.commune!)?.region { byRegion[r, default: 0] += p.population } }
        #expect(Dictionary(uniqueKeysWithValues: (c.par ?? []).map { ($0.code, $0.population) }) == byRegion, "\(label)")
        // Beyond the threshold: most populated first, then by code.
        let threshold = options.auDelaKm * 1000
        let beyond = communes.indices.filter { distances[$0] > threshold && communes[$0].population > 0 }
            .sorted { (communes[$1].population, communes[$0].commune!) < (communes[$0].population, communes[$1].commune!) }
        #expect(c.nombreCommunesAuDela == beyond.count, "\(label)")
        #expect(c.communesAuDela.map(\.code) == beyond.map { communes[$0].commune! }, "\(label)")
        for (entry, i) in zip(c.communesAuDela, beyond) {
            #expect(abs((entry.distanceKm ?? .infinity) - distances[i] / 1000) < 1e-9 || (entry.distanceKm == nil && venues.isEmpty), "\(label)")
        }
        let suggestions = Self.bruteSuggestions(options.suggestions, communes, distances, threshold: threshold)
        #expect(c.suggestions.map(\.code) == suggestions.map { Optional($0.0) }, "\(label)")
        #expect(c.suggestions.map(\.population) == suggestions.map(\.1), "\(label)")
    }

    @Test("the fixture: 400 communes with their population, the arrondissement left out, venues spread out")
    func fixtureLoaded() throws {
        #expect(Self.fixture.communes.count == 400)
        #expect(try Self.venues(LieuQuery()).count == 600 - GeneratedVenues(0..<600).withoutCoordinates)
        let points = try Self.fixture.store.pool.read { try Store.communePoints($0) }
        #expect(points.map(\.commune) == Self.fixture.communes.map(\.commune))
        #expect(points.first { $0.commune == "75101" } == nil)
    }

    @Test("without filter: shares, quantiles, régions, communes beyond and suggestions equal brute force")
    func unfiltered() throws {
        try check(LieuQuery(), "sans filtre")
        let c = try Self.fixture.store.couvertureSynchronously(LieuQuery(), options: CouvertureOptions(auDelaKm: 30, suggestions: 5))
        #expect(c.suggestions.count == 5)
        #expect(c.nombreCommunesAuDela > 5, "the fixture must leave communes beyond 30 km for the test to mean something")
    }

    @Test("with filters of the items (service, typologie, frais, source, opening hours, a box), the same")
    func filtered() throws {
        var service = LieuQuery()
        service.filters.services = [.aideAuxDemarchesAdministratives]
        try check(service, "service")
        var typologie = LieuQuery()
        typologie.filters.typologies = [Typologie(rawValue: "RFS")]
        try check(typologie, "typologie RFS")
        var frais = LieuQuery()
        frais.filters.fraisACharge = [.payant]
        frais.filters.sources = ["generes"]
        try check(frais, "payant")
        var samedi = LieuQuery()
        samedi.openAt = Date(timeIntervalSince1970: 1_781_942_400)  // a Saturday, 10:00 in Paris
        try check(samedi, "ouvert le samedi")
        var box = LieuQuery()
        box.spatial = .bbox(GeoBounds(minLongitude: -2, minLatitude: 44, maxLongitude: 3, maxLatitude: 48))
        try check(box, "bbox")
        var none = LieuQuery()
        none.filters.sources = ["aucune"]
        try check(none, "aucun lieu")
        let empty = try Self.fixture.store.couvertureSynchronously(none, options: CouvertureOptions())
        #expect(empty.lieux == 0 && empty.medianeKm == nil && empty.seuils.allSatisfy { $0.population == 0 })
    }

    @Test("other thresholds, a territory, and the communes' distances")
    func territoire() throws {
        var options = CouvertureOptions(seuilsKm: [3, 7.5, 40], par: .departement, auDelaKm: 12, limiteCommunes: 3, suggestions: 2)
        options.territoire = AreaReference(kind: .departement, code: "16")
        let c = try Self.fixture.store.couvertureSynchronously(LieuQuery(), options: options)
        let charente = Self.fixture.communes.filter { $0.commune!.hasPrefix("16") }
        #expect(c.population == charente.reduce(0) { $0 + $1.population })
        #expect(c.par?.map(\.code) == ["16"])
        #expect(c.communesAuDela.count <= 3)
        #expect(c.seuils.map(\.km) == [3, 7.5, 40])
        let distances = Self.bruteDistances(charente, try Self.venues(LieuQuery()))
        for s in c.seuils {
            #expect(s.population == zip(charente, distances).filter { $0.1 <= s.km * 1000 }.reduce(0) { $0 + $1.0.population })
        }
        let communes = try Self.fixture.store.couvertureCommunesSynchronously(LieuQuery(), territoire: options.territoire)
        #expect(communes.map(\.code) == charente.map(\.commune!))
        for (commune, distance) in zip(communes, distances) { #expect(abs(commune.distance! - distance) < 1e-6) }
    }

    @Test("the nearest of a sphere tree is the brute-force nearest, anywhere on the globe", arguments: 0..<5)
    func sphereTree(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) + 100)
        func random() -> Coordinates { Coordinates(latitude: asin(2 * rng.unit() - 1) * 180 / .pi, longitude: 360 * rng.unit() - 180)! }
        let venues = (0..<(50 + seed * 200)).map { _ in random() }
        let tree = SphereTree(venues)
        for _ in 0..<300 {
            let p = random()
            let truth = venues.map { p.distance(to: $0) }.min()!
            #expect(abs(tree.nearest(to: p)!.distance - truth) < 1e-6)
            let radius = 500_000 * rng.unit()
            #expect(Set(tree.within(radius, of: p)) == Set(venues.indices.filter { p.distance(to: venues[$0]) <= radius }))
        }
    }

    // MARK: Grid

    @Test("a grid of INSEE squares replaces the communes as population, its centres in WGS 84")
    func grid() throws {
        let store = try Store.open(path: SharedData.temporaryFolder("lieux-carreaux").appendingPathComponent("lieux.sqlite").path)
        let file = SharedData.temporaryFolder("lieux-carreaux").appendingPathComponent("carreaux.csv")
        try Data("""
            idcar_200m;idcar_1km;ind;lcog_geo
            CRS3035RES200mN2029800E4252400;CRS3035RES1000mN2029000E4252000;12.5;2A004
            CRS3035RES200mN2890000E3760000;CRS3035RES1000mN2890000E3760000;310;7510175102
            CRS3035RES200mN2880000E3210000;CRS3035RES1000mN2880000E3210000;4;29019

            """.utf8).write(to: file)
        let result = try store.importPopulationGrid(at: file)
        #expect(result.stored == 3 && result.population == 326.5 && result.taille == 200)
        let points = try store.pool.read { try Store.gridPoints($0) }
        // Centres computed with pyproj 3.7.2 (PROJ 9.5.1), EPSG:3035 → EPSG:4326.
        let expected = [(41.366709845, 9.184617765), (48.861472575, 2.342234807), (48.014004270, -5.000645584)]
        #expect(points.count == 3)
        for (point, (lat, lon)) in zip(points, expected) {
            #expect(abs(point.coordinates.latitude - lat) < 1e-8 && abs(point.coordinates.longitude - lon) < 1e-8)
        }
        #expect(points.map(\.commune) == ["2A004", "75101", "29019"])
        _ = try store.importFile(at: try Self.oneVenue(latitude: 48.86, longitude: 2.34), source: "paris")
        let c = try store.couvertureSynchronously(LieuQuery(), options: CouvertureOptions(seuilsKm: [5], par: .departement))
        #expect(c.points == .carreaux && c.population == 326.5)
        #expect(c.seuils.first?.population == 310)
        #expect(c.par?.map(\.code) == ["29", "2A", "75"])
        #expect(c.communesAuDela.map(\.code) == ["2A004", "29019"])

        // A bad square changes nothing.
        try Data("idcar_200m,ind\nCRS3035RES200mN2029800E4252400,3\nN2029800E4252400,4\n".utf8).write(to: file)
        #expect(throws: StoreError.self) { try store.importPopulationGrid(at: file) }
        #expect(try store.pool.read { try Store.gridPoints($0) }.count == 3)
        try Data("carreau,habitants\nCRS3035RES200mN2029800E4252400,3\n".utf8).write(to: file)
        let error = try #require(throws: StoreError.self) { try store.importPopulationGrid(at: file) }
        #expect(error.message.contains("idcar_200m"))
    }

    @Test("a GeoPackage grid is read through its feature table")
    func geoPackage() throws {
        let folder = SharedData.temporaryFolder("lieux-gpkg")
        let path = folder.appendingPathComponent("carreaux.gpkg").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT);
                INSERT INTO gpkg_contents VALUES ('carreaux', 'features');
                CREATE TABLE carreaux (fid INTEGER PRIMARY KEY, geom BLOB, Idcar_1km TEXT, Ind REAL);
                INSERT INTO carreaux (Idcar_1km, Ind) VALUES ('CRS3035RES1000mN2890000E3760000', 1520.5);
                """)
        }
        let store = try Store.open(path: folder.appendingPathComponent("lieux.sqlite").path)
        let result = try store.importPopulationGrid(at: URL(fileURLWithPath: path))
        #expect(result.stored == 1 && result.population == 1520.5 && result.taille == 1000)
        let point = try #require(try store.pool.read { try Store.gridPoints($0) }.first)
        let centre = try #require(CarreauINSEE(identifiant: "CRS3035RES1000mN2890000E3760000")?.centre)
        #expect(point.coordinates == centre)
    }

    /// A file of one venue of the standard at a point.
    static func oneVenue(latitude: Double, longitude: Double) throws -> URL {
        let url = SharedData.temporaryFolder("lieux-carreaux").appendingPathComponent("un.csv")
        try Data(GeneratedVenues([1], detailLength: 20).csv { _, cells in
            cells[8] = String(latitude)
            cells[9] = String(longitude)
        }).write(to: url)
        return url
    }
}
