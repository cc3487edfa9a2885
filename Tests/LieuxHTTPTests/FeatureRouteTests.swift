import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

@Suite("GET /collections/lieux/items/{id} and POST /collections/lieux/search")
struct FeatureRouteTests {
    @Test("a venue by id is a GeoJSON Feature with its links")
    func byId() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items/orgeval")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/geo+json")
            let object = try response.object
            #expect(object["type"] as? String == "Feature")
            #expect(object["id"] as? String == "orgeval")
            #expect((object["properties"] as? [String: Any])?["source_import"] as? String == "reims")
            let links = try #require(object["links"] as? [[String: Any]])
            #expect(links.contains { $0["rel"] as? String == "self" && $0["type"] as? String == "application/geo+json" })
            #expect(links.contains { $0["rel"] as? String == "alternate" && $0["type"] as? String == "text/html" })
            #expect(links.contains { $0["rel"] as? String == "collection" })
            let html = try await client.get("/collections/lieux/items/orgeval?f=html")
            #expect(html.text.contains("Espace numérique d&#39;Orgeval"))
        }
    }

    @Test("an id shared by several sources gives the first source by name; source:id picks one")
    func sharedId() async throws {
        try await Fixtures.app().test(.router) { client in
            let first = try await client.get("/collections/lieux/items/falala")
            #expect((try first.object["properties"] as? [String: Any])?["source_import"] as? String == "reims")
            let other = try await client.get("/collections/lieux/items/zz-doublons:falala")
            #expect((try other.object["properties"] as? [String: Any])?["nom"] as? String == "Médiathèque Falala (copie)")
            let encoded = try await client.get("/collections/lieux/items/zz-doublons%3Afalala")
            #expect(encoded.status == .ok)
        }
    }

    static let reimsPolygon = #"{"type":"Polygon","coordinates":[[[3.95,49.2],[4.1,49.2],[4.1,49.3],[3.95,49.3],[3.95,49.2]]]}"#

    @Test("POST search: the venues inside a Polygon, with the filters and page of the query")
    func polygon() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.post("/collections/lieux/search", body: Self.reimsPolygon, [.contentType: "application/geo+json"])
            #expect(response.status == .ok, "\(response.text)")
            #expect(Set(try response.ids) == ["falala", "orgeval"])
            #expect(try response.object["numberMatched"] as? Int == 3)
            let filtered = try await client.post(
                "/collections/lieux/search?typologie=EPN", body: Self.reimsPolygon, [.contentType: "application/json"])
            #expect(try filtered.ids == ["orgeval"])
            let paged = try await client.post("/collections/lieux/search?limit=1", body: Self.reimsPolygon)
            #expect(try paged.ids.count == 1)
            let next = try #require(try paged.link("next"))
            #expect(next["method"] as? String == "POST")
            #expect((next["href"] as? String)?.hasSuffix("/collections/lieux/search?limit=1&offset=1") == true)
        }
    }

    @Test("POST search: a MultiPolygon, or a Feature that holds one")
    func multiPolygon() async throws {
        let body = #"{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[3.95,49.2],[4.1,49.2],[4.1,49.3],[3.95,49.3],[3.95,49.2]]],[[[4.8,45.7],[4.9,45.7],[4.9,45.8],[4.8,45.8],[4.8,45.7]]]]}}"#
        try await Fixtures.app().test(.router) { client in
            let response = try await client.post("/collections/lieux/search", body: body)
            #expect(Set(try response.ids) == ["falala", "orgeval", "lyon-tl"])
        }
    }

    @Test("POST search: a body that is not a polygon is a 400; too large a 413; not JSON a 415", arguments: [
        "pas du json", #"{"type":"Point","coordinates":[4,49]}"#, #"{"type":"Polygon","coordinates":[[[4,49],[5,49],[4,49]]]}"#,
        #"{"type":"Polygon","coordinates":[[[4,49],[5,49],[5,50],[4,51]]]}"#, #"[1,2]"#, #"{"type":"Polygon","coordinates":[[[400,49],[5,49],[5,50],[400,49]]]}"#,
    ])
    func badBody(_ body: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.post("/collections/lieux/search", body: body)
            #expect(response.status == .badRequest)
            #expect(try response.object["type"] as? String == "urn:lieux:probleme:corps-invalide")
        }
    }

    @Test("POST search: limits and types of the body")
    func bodyLimits() async throws {
        try await Fixtures.app(configure: { $0.maximumBodySize = 100 }).test(.router) { client in
            let large = try await client.post("/collections/lieux/search", body: String(repeating: " ", count: 200) + Self.reimsPolygon)
            #expect(large.status == .contentTooLarge)
            #expect(try large.object["type"] as? String == "urn:lieux:probleme:corps-trop-grand")
            let xml = try await client.post("/collections/lieux/search", body: "<Polygon/>", [.contentType: "application/xml"])
            #expect(xml.status == .unsupportedMediaType)
            let spatial = try await client.post("/collections/lieux/search?bbox=1,2,3,4", body: Self.reimsPolygon)
            #expect(spatial.status == .badRequest)
        }
    }
}
