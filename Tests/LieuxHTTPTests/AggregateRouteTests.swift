import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

/// `GET /collections/lieux/aggregates` and `GET /collections/lieux/clusters` over the
/// in-memory repository and the venues of ``Fixtures``.
@Suite("Aggregates and clusters routes")
struct AggregateRouteTests {
    /// The features of a FeatureCollection by their `code` property.
    static func byCode(_ response: TestResponse) throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for feature in try response.features {
            let properties = try #require(feature["properties"] as? [String: Any])
            result[try #require(properties["code"] as? String)] = feature
        }
        return result
    }

    static func properties(_ feature: [String: Any]?) -> [String: Any] { feature?["properties"] as? [String: Any] ?? [:] }

    static func coordinates(_ feature: [String: Any]?) -> [Double]? {
        ((feature?["geometry"] as? [String: Any])?["coordinates"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue }
    }

    // MARK: Aggregates

    @Test("by département: counts, catalogue names, the mean of the venues' coordinates, venues without coordinates counted")
    func byDepartement() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/aggregates?par=departement")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/geo+json")
            #expect(response.headers[.eTag] != nil)
            let object = try response.object
            #expect(object["numberMatched"] as? Int == 6)
            #expect(object["numberReturned"] as? Int == 3)
            #expect(object["sansCoordonnees"] as? Int == 1)
            #expect(object["sansTerritoire"] as? Int == 0)
            let features = try Self.byCode(response)
            #expect(Set(features.keys) == ["51", "69", "75"])
            #expect(Self.properties(features["51"])["nom"] as? String == "Marne")
            #expect(Self.properties(features["51"])["lieux"] as? Int == 4)
            #expect(Self.properties(features["69"])["nom"] as? String == "Rhône")
            let marne = try #require(Self.coordinates(features["51"]))
            #expect(abs(marne[0] - (4.0316 + 4.0200 + 3.9600 + 4.0317) / 4) < 1e-9)
            #expect(abs(marne[1] - (49.2535 + 49.2700 + 49.0400 + 49.2536) / 4) < 1e-9)
            // Paris's only venue has no coordinates: counted, not placed.
            #expect(Self.properties(features["75"])["lieux"] as? Int == 1)
            #expect(features["75"]?["geometry"] is NSNull)
        }
    }

    @Test("by région and by commune, with names from the catalogue and from the venues")
    func byRegionAndCommune() async throws {
        try await Fixtures.app().test(.router) { client in
            let regions = try Self.byCode(try await client.get("/collections/lieux/aggregates?par=region"))
            #expect(regions.mapValues { Self.properties($0)["lieux"] as? Int } == ["44": 4, "84": 1, "11": 1])
            #expect(Self.properties(regions["44"])["nom"] as? String == "Grand Est")
            let communes = try Self.byCode(try await client.get("/collections/lieux/aggregates?par=commune"))
            #expect(communes.mapValues { Self.properties($0)["lieux"] as? Int } == ["51454": 3, "51230": 1, "69384": 1, "75111": 1])
            #expect(Self.properties(communes["51230"])["nom"] as? String == "Épernay")
        }
    }

    @Test("the filters of the items apply")
    func filters() async throws {
        try await Fixtures.app().test(.router) { client in
            let services = "Aide%20aux%20d%C3%A9marches%20administratives"
            let response = try await client.get("/collections/lieux/aggregates?par=departement&services=\(services)")
            let features = try Self.byCode(response)
            #expect(features.mapValues { Self.properties($0)["lieux"] as? Int } == ["51": 2, "75": 1])
            #expect(try response.object["numberMatched"] as? Int == 3)
            let boxed = try Self.byCode(try await client.get("/collections/lieux/aggregates?par=commune&bbox=3.9,49.2,4.1,49.3"))
            #expect(boxed.mapValues { Self.properties($0)["lieux"] as? Int } == ["51454": 3])
        }
    }

    @Test("a missing or unknown par, or an unknown parameter, is a 400 in French", arguments: [
        "", "par=pays", "par=departement&limit=5", "par=region&zoom=3", "par=commune&within=canton:12",
    ])
    func badAggregates(query: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/aggregates?\(query)")
            #expect(response.status == .badRequest, "\(query)")
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try response.object["detail"] is String)
        }
    }

    // MARK: Clusters

    @Test("at zoom 6, Reims's venues make one cluster and Épernay, in the next cell south, stays alone")
    func clustersAtZoom6() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/clusters?bbox=3.9,49.0,4.1,49.3&zoom=6")
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] != nil)
            let object = try response.object
            #expect(object["numberMatched"] as? Int == 4)
            let features = try response.features
            #expect(features.count == 2)
            let cluster = try #require(features.first { Self.properties($0)["lieux"] as? Int == 3 })
            #expect(cluster["id"] == nil)
            let bbox = try #require((Self.properties(cluster)["bbox"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue })
            #expect(bbox == [4.02, 49.2535, 4.0317, 49.27])
            let single = try #require(features.first { Self.properties($0)["lieux"] as? Int == 1 })
            #expect(single["id"] as? String == "marne:epernay-fs")
            #expect(Self.properties(single)["nom"] as? String == "France Services Épernay")
            #expect(Self.coordinates(single) == [3.96, 49.04])
        }
    }

    @Test("at zoom 14, only the two copies of the Falala library share a cell")
    func clustersAtZoom14() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/clusters?bbox=3.9,49.0,4.1,49.3&zoom=14")
            let counts = try response.features.map { Self.properties($0)["lieux"] as? Int ?? 0 }.sorted()
            #expect(counts == [1, 1, 2])
            #expect(Set(try response.ids) == ["reims:orgeval", "marne:epernay-fs"])
        }
    }

    @Test("filters apply to clusters; a box without venues gives no feature")
    func clusterFilters() async throws {
        try await Fixtures.app().test(.router) { client in
            let filtered = try await client.get("/collections/lieux/clusters?bbox=3.9,49.0,4.1,49.3&zoom=6&typologie=BIB")
            #expect(try filtered.object["numberMatched"] as? Int == 2)
            #expect(try filtered.features.map { Self.properties($0)["lieux"] as? Int } == [2])
            let empty = try await client.get("/collections/lieux/clusters?bbox=-1,40,0,41&zoom=6")
            #expect(try empty.object["numberMatched"] as? Int == 0)
            #expect(try empty.features.isEmpty)
        }
    }

    @Test("a missing bbox or zoom, a zoom out of 0…20, a bad bbox, too many cells or another area is a 400 in French", arguments: [
        "zoom=6", "bbox=3.9,49.0,4.1,49.3", "bbox=3.9,49.0,4.1,49.3&zoom=21", "bbox=3.9,49.0,4.1,49.3&zoom=-1",
        "bbox=3.9,49.0,4.1,49.3&zoom=six", "bbox=3.9,49.0,4.1&zoom=6", "bbox=4.1,49.0,3.9,49.3&zoom=6",
        "bbox=-5,41,10,51&zoom=20", "bbox=3.9,49.0,4.1,49.3&zoom=6&lat=49&lon=4&radius=100",
        "bbox=3.9,49.0,4.1,49.3&zoom=6&limit=10", "bbox=3.9,49.0,4.1,49.3&zoom=6&within=departement:51",
    ])
    func badClusters(query: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/clusters?\(query)")
            #expect(response.status == .badRequest, "\(query)")
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("both routes are in the OpenAPI document, with their parameters")
    func openAPI() async throws {
        try await Fixtures.app().test(.router) { client in
            let document = try await client.get("/api?f=json").object
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(paths["/collections/lieux/aggregates"] != nil)
            #expect(paths["/collections/lieux/clusters"] != nil)
            let parameters = try #require((document["components"] as? [String: Any])?["parameters"] as? [String: Any])
            #expect(parameters["par"] != nil)
            #expect(parameters["zoom"] != nil)
        }
    }
}
