import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import LieuxTestSupport
import Testing

/// `GET /couverture` and `GET /couverture/communes` over the in-memory repository, the venues
/// of ``Fixtures`` and a few communes, against distances worked out here.
@Suite("Coverage routes")
struct CouvertureRouteTests {
    /// Communes around the venues: Reims (on a venue), Épernay, a village 15 km from Reims,
    /// Lyon, and one far from everything (Brest).
    static let communes: [PopulationPoint] = [
        PopulationPoint(commune: "51454", nom: "Reims", coordinates: Fixtures.reims, population: 180_000),
        PopulationPoint(commune: "51230", nom: "Épernay", coordinates: Coordinates(latitude: 49.043, longitude: 3.956)!, population: 22_000),
        PopulationPoint(commune: "51612", nom: "Village", coordinates: Coordinates(latitude: 49.3885, longitude: 4.0316)!, population: 800),
        PopulationPoint(commune: "69384", nom: "Lyon 4e", coordinates: Coordinates(latitude: 45.7780, longitude: 4.8280)!, population: 35_000),
        PopulationPoint(commune: "29019", nom: "Brest", coordinates: Coordinates(latitude: 48.3904, longitude: -4.4861)!, population: 140_000),
    ]

    static func repository() -> InMemoryLieuRepository {
        let repository = Fixtures.repository()
        repository.setCommunes(communes)
        return repository
    }

    /// The distance from each commune to the nearest placed venue among `lieux`, in km.
    static func distances(_ lieux: [FoundLieu]) -> [Double] {
        communes.map { c in lieux.compactMap(\.lieu.coordinates).map { c.coordinates.distance(to: $0) }.min()! / 1000 }
    }

    @Test("the summary: population, shares per threshold, median, 90th percentile, communes beyond, suggestions")
    func summary() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let response = try await client.get("/couverture?seuils=1,20&suggestions=2&par=departement")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let object = try response.object
            #expect(object["points"] as? String == "communes")
            #expect(object["lieux"] as? Int == 5)
            #expect(object["population"] as? Double == 377_800)
            let seuils = try #require(object["seuils"] as? [[String: Any]])
            #expect(seuils.map { $0["km"] as? Double } == [1, 20])
            // Within 1 km: Reims, Épernay and Lyon 4e; within 20 km the village too; Brest never.
            #expect(seuils.map { $0["population"] as? Double } == [237_000, 237_800])
            #expect(abs((seuils[1]["part"] as? Double ?? 0) - 237_800 / 377_800) < 1e-12)
            let d = Self.distances(Fixtures.lieux)
            // Half the inhabitants (188,900) are reached at the second commune, nearest first
            // (Reims at 0 km, then Épernay or Lyon 4e, each under a kilometre); 90 % only at Brest.
            #expect(abs((object["mediane_km"] as? Double ?? 0) - min(d[1], d[3])) < 1e-9)
            #expect(abs((object["p90_km"] as? Double ?? 0) - d[4]) < 1e-9)
            #expect(object["au_dela_km"] as? Double == 10)
            let beyond = try #require(object["communes_au_dela"] as? [[String: Any]])
            #expect(beyond.map { $0["code"] as? String } == ["29019", "51612"])
            #expect(object["nombre_communes_au_dela"] as? Int == 2)
            #expect(abs((beyond[0]["distance_km"] as? Double ?? 0) - d[4]) < 1e-9)
            let suggestions = try #require(object["suggestions"] as? [[String: Any]])
            #expect(suggestions.map { $0["code"] as? String } == ["29019", "51612"])
            #expect(suggestions.map { $0["population"] as? Double } == [140_000, 800])
            let par = try #require(object["par"] as? [[String: Any]])
            #expect(par.map { $0["code"] as? String } == ["29", "51", "69"])
            #expect(par.map { $0["nom"] as? String } == ["Finistère", "Marne", "Rhône"])
        }
    }

    @Test("the filters of the items choose the venues: a service, a typologie, a territory of population")
    func filters() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let service = try await client.get("/couverture?services=Loisirs%20et%20cr%C3%A9ations%20num%C3%A9riques&seuils=5")
            #expect(service.status == .ok)
            // Only the Lyon venue: Lyon 4e alone is within 5 km.
            #expect(try service.object["lieux"] as? Int == 1)
            #expect((try service.object["seuils"] as? [[String: Any]])?.first?["population"] as? Double == 35_000)
            let rfs = try await client.get("/couverture?typologie=RFS&territoire=departement:51&seuils=10")
            #expect(try rfs.object["population"] as? Double == 202_800)
            // Épernay's France Services: Reims is 24 km away.
            #expect((try rfs.object["seuils"] as? [[String: Any]])?.first?["population"] as? Double == 22_000)
        }
    }

    @Test("bad parameters are 400 problems naming the parameter", arguments: [
        ("seuils=abc", "seuils"), ("seuils=0", "seuils"), ("par=commune", "par"), ("suggestions=101", "suggestions"),
        ("au_dela=-3", "au_dela"), ("territoire=ici", "territoire"), ("services=Cuisine", "services"), ("rayon=3", "rayon"),
    ])
    func badParameters(query: String, parameter: String) async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let response = try await client.get("/couverture?" + query)
            #expect(response.status == .badRequest)
            #expect(try response.object["parametre"] as? String == parameter)
        }
    }

    @Test("without population imported, a 404 that says what to import")
    func withoutPopulation() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/couverture")
            #expect(response.status == .notFound)
            #expect(try response.object["type"] as? String == "urn:lieux:probleme:population-absente")
            #expect(try (response.object["detail"] as? String)?.contains("lieux areas import") == true)
        }
    }

    @Test("the communes as GeoJSON points with their population and distance")
    func communes() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let response = try await client.get("/couverture/communes?territoire=departement:51")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/geo+json")
            let features = try response.features
            #expect(features.compactMap { $0["id"] as? String } == ["51454", "51230", "51612"])
            let d = Self.distances(Fixtures.lieux)
            for (feature, expected) in zip(features, d) {
                let properties = try #require(feature["properties"] as? [String: Any])
                #expect(abs((properties["distance_km"] as? Double ?? -1) - expected) < 0.001)
            }
            #expect((features[0]["properties"] as? [String: Any])?["population"] as? Double == 180_000)
        }
    }
}
