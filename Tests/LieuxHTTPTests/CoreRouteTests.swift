import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

@Suite("OGC API – Features: landing page, conformance, collections, queryables, OpenAPI, health")
struct CoreRouteTests {
    @Test("the landing page links to the API definition, the conformance and the collections")
    func landingPage() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let links = try #require(try response.object["links"] as? [[String: Any]])
            let rels = Set(links.compactMap { $0["rel"] as? String })
            #expect(rels.isSuperset(of: ["self", "alternate", "service-desc", "service-doc", "conformance", "data"]))
            #expect(links.allSatisfy { $0["type"] is String && ($0["href"] as? String)?.hasPrefix("http://localhost/") == true })
            #expect(try response.link("service-desc")?["type"] as? String == "application/vnd.oai.openapi+json;version=3.0")
            let html = try await client.get("/?f=html")
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("<h1>Lieux de médiation numérique</h1>"))
        }
    }

    @Test("the conformance declaration lists Core, GeoJSON, HTML, OpenAPI 3.0 and Queryables")
    func conformance() async throws {
        try await Fixtures.app().test(.router) { client in
            let classes = try #require(try await client.get("/conformance").object["conformsTo"] as? [String])
            for name in ["core", "geojson", "html", "oas30"] {
                #expect(classes.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/\(name)"))
            }
            #expect(classes.contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables"))
            #expect(try await client.get("/conformance?f=html").text.contains("<li>"))
        }
    }

    @Test("the collections describe the one collection, its extent and its items")
    func collections() async throws {
        try await Fixtures.app().test(.router) { client in
            let list = try await client.get("/collections")
            let collections = try #require(try list.object["collections"] as? [[String: Any]])
            #expect(collections.count == 1)
            #expect(collections[0]["id"] as? String == "lieux")
            #expect(try list.link("self") != nil)
            let one = try await client.get("/collections/lieux")
            let object = try one.object
            #expect(object["id"] as? String == "lieux")
            #expect(object["itemType"] as? String == "feature")
            let extent = try #require(object["extent"] as? [String: Any])
            #expect(((extent["spatial"] as? [String: Any])?["bbox"] as? [[Double]])?.first?.count == 4)
            let links = try #require(object["links"] as? [[String: Any]])
            #expect(links.contains { $0["rel"] as? String == "items" && $0["type"] as? String == "application/geo+json" })
            #expect(links.contains { $0["rel"] as? String == "items" && $0["type"] as? String == "text/html" })
            #expect(links.contains { $0["rel"] as? String == "self" })
            #expect(links.contains { $0["rel"] as? String == "http://www.opengis.net/def/rel/ogc/1.0/queryables" })
            #expect(try await client.get("/collections/lieux?f=html").text.contains("Lieux (GeoJSON)"))
            #expect(try await client.get("/collections?f=html").status == .ok)
        }
    }

    @Test("the queryables are a JSON Schema with one property per vocabulary field, values listed")
    func queryables() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/queryables")
            #expect(response.headers[.contentType] == "application/schema+json")
            let object = try response.object
            #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(object["$id"] as? String == "http://localhost/collections/lieux/queryables")
            let properties = try #require(object["properties"] as? [String: Any])
            for name in ["services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "itinerance",
                "modalites_acces", "modalites_accompagnement", "dispositif_programmes_nationaux", "formations_labels", "typologie",
                "code_postal", "code_insee", "departement", "source"]
            {
                #expect(properties[name] != nil, "\(name)")
            }
            let services = try #require(properties["services"] as? [String: Any])
            #expect((services["items"] as? [String: Any])?["enum"] as? [String] == Service.labels)
            #expect(try await client.get("/collections/lieux/queryables?f=html").text.contains("Aide aux démarches administratives"))
        }
    }

    @Test("/api is a self-contained OpenAPI 3.0 document that declares every parameter")
    func openAPI() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/api")
            #expect(response.headers[.contentType] == "application/vnd.oai.openapi+json;version=3.0")
            let object = try response.object
            #expect((object["openapi"] as? String)?.hasPrefix("3.0") == true)
            // Every $ref points inside the document, and resolves.
            var references: [String] = []
            func collect(_ value: Any) {
                if let object = value as? [String: Any] {
                    if let ref = object["$ref"] as? String { references.append(ref) }
                    object.values.forEach(collect)
                } else if let array = value as? [Any] {
                    array.forEach(collect)
                }
            }
            collect(object)
            #expect(!references.isEmpty)
            for reference in references {
                #expect(reference.hasPrefix("#/"), "\(reference)")
                var node: Any? = object
                for part in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
                #expect(node != nil, "\(reference)")
            }
            let paths = try #require(object["paths"] as? [String: Any])
            for path in ["/", "/conformance", "/api", "/collections", "/collections/lieux", "/collections/lieux/queryables",
                "/collections/lieux/items", "/collections/lieux/items/{featureId}", "/collections/lieux/search",
                "/export/lieux.geojson", "/export/lieux.geojsonseq", "/export/lieux.csv", "/validate", "/health"]
            {
                #expect(paths[path] != nil, "\(path)")
            }
            let items = try #require((paths["/collections/lieux/items"] as? [String: Any])?["get"] as? [String: Any])
            let declared = Set((items["parameters"] as? [[String: String]] ?? []).compactMap { $0["$ref"]?.split(separator: "/").last.map(String.init) })
            for name in ["f", "limit", "offset", "bbox", "datetime", "lat", "lon", "radius", "nearest", "within", "services",
                "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "itinerance", "modalites_acces",
                "modalites_accompagnement", "dispositif_programmes_nationaux", "formations_labels", "typologie", "code_postal",
                "code_insee", "departement", "source", "date_maj_min", "q", "ouvert", "sortby"]
            {
                #expect(declared.contains(name), "\(name)")
            }
            let servers = try #require(object["servers"] as? [[String: Any]])
            #expect(servers.first?["url"] as? String == "http://localhost")
            #expect(try await client.get("/api?f=html").text.contains("/collections/lieux/items"))
        }
    }

    @Test("/health says the service and its data answer")
    func health() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/health")
            #expect(response.status == .ok)
            let object = try response.object
            #expect(object["status"] as? String == "ok")
            #expect(object["donnees"] as? String == "1")
        }
    }
}
