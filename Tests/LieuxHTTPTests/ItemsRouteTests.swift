import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

@Suite("GET /collections/lieux/items")
struct ItemsRouteTests {
    @Test("answers a GeoJSON FeatureCollection with numberMatched, numberReturned, timeStamp and links")
    func featureCollection() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/geo+json")
            #expect(response.headers[HTTPField.Name("Content-Crs")!] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>")
            let object = try response.object
            #expect(object["type"] as? String == "FeatureCollection")
            let crs84 = try await client.get("/collections/lieux/items?crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84&bbox-crs=%5BOGC:CRS84%5D")
            #expect(crs84.status == .ok)
            #expect(object["numberMatched"] as? Int == 6)
            #expect(object["numberReturned"] as? Int == 6)
            #expect(object["timeStamp"] as? String == "2026-06-17T08:00:00Z")
            let selfLink = try #require(try response.link("self"))
            #expect(selfLink["type"] as? String == "application/geo+json")
            #expect(selfLink["href"] as? String == "http://localhost/collections/lieux/items")
            let alternate = try #require(try response.link("alternate"))
            #expect(alternate["type"] as? String == "text/html")
            #expect((alternate["href"] as? String)?.hasSuffix("/collections/lieux/items?f=html") == true)
            #expect(try response.link("next") == nil)
            #expect(try response.link("prev") == nil)
            // Default order: source, then id.
            #expect(try response.ids == ["lyon-tl", "epernay-fs", "sans-geo", "falala", "orgeval", "falala"])
        }
    }

    @Test("writes features with the venue id, the standard's fields and source_import")
    func featureContent() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?code_postal=51200")
            let feature = try #require(try response.features.first)
            #expect(feature["id"] as? String == "epernay-fs")
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            #expect(geometry["coordinates"] as? [Double] == [3.96, 49.04])
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["nom"] as? String == "France Services Épernay")
            #expect(properties["services"] as? [String] == ["Aide aux démarches administratives"])
            #expect(properties["source_import"] as? String == "marne")
            #expect(properties["distance"] == nil)
            let missing = try await client.get("/collections/lieux/items?code_postal=75011")
            #expect(try missing.features.first?["geometry"] is NSNull)
        }
    }

    @Test("bbox keeps the venues inside the box")
    func bbox() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?bbox=3.9,49.2,4.1,49.3")
            #expect(response.status == .ok)
            #expect(Set(try response.ids) == ["falala", "orgeval"])
            #expect(try response.object["numberMatched"] as? Int == 3)
            let sixNumbers = try await client.get("/collections/lieux/items?bbox=3.9,49.0,0,4.1,49.3,100")
            #expect(try sixNumbers.object["numberMatched"] as? Int == 4)
        }
    }

    @Test("lat, lon and radius give the venues within the radius, with their distance, nearest first")
    func radius() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?lat=49.2535&lon=4.0316&radius=5000")
            #expect(try response.ids == ["falala", "falala", "orgeval"])
            let distances = try response.features.map { ($0["properties"] as? [String: Any])?["distance"] as? Double }
            #expect(distances[0] == 0)
            #expect(distances[1].map { $0 > 0 && $0 < 20 } == true)
            #expect(distances[2].map { $0 > 1800 && $0 < 2200 } == true)
            let wider = try await client.get("/collections/lieux/items?lat=49.2535&lon=4.0316&radius=30000")
            #expect(try wider.ids.last == "epernay-fs")
        }
    }

    @Test("nearest=K gives the K nearest venues with their distance")
    func nearest() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?lat=45.76&lon=4.83&nearest=2")
            #expect(try response.ids.first == "lyon-tl")
            #expect(try response.object["numberMatched"] as? Int == 2)
            #expect(try response.features.allSatisfy { ($0["properties"] as? [String: Any])?["distance"] is Double })
            let byName = try await client.get("/collections/lieux/items?lat=45.76&lon=4.83&nearest=2&sortby=nom")
            #expect(Set(try byName.ids) == Set(try response.ids))
        }
    }

    @Test("within=KIND:CODE keeps the venues of a known area")
    func within() async throws {
        try await Fixtures.app().test(.router) { client in
            let departement = try await client.get("/collections/lieux/items?within=departement:51")
            #expect(Set(try departement.ids) == ["falala", "orgeval", "epernay-fs"])
            let commune = try await client.get("/collections/lieux/items?within=commune:51454")
            #expect(try commune.object["numberMatched"] as? Int == 3)
            let region = try await client.get("/collections/lieux/items?within=region:84")
            #expect(try region.ids == ["lyon-tl"])
        }
    }

    @Test("filters: values of one field are alternatives, fields combine")
    func filters() async throws {
        try await Fixtures.app().test(.router) { client in
            let aide = "services=Aide%20aux%20d%C3%A9marches%20administratives"
            let cases: [(query: String, ids: Set<String>)] = [
                (aide, ["falala", "epernay-fs", "sans-geo"]),
                (aide + ",Loisirs+et+cr%C3%A9ations+num%C3%A9riques", ["falala", "epernay-fs", "sans-geo", "lyon-tl"]),
                (aide + "&frais_a_charge=Gratuit", ["falala", "epernay-fs"]),
                (aide + "&frais_a_charge=Gratuit&publics_specifiquement_adresses=Seniors", ["falala"]),
                ("modalites_acces=T%C3%A9l%C3%A9phoner", ["orgeval"]),
                ("typologie=BIB,RFS", ["falala", "epernay-fs"]),
                ("typologie=bib", ["falala"]),
                ("services=aide+aux+demarches+administratives", ["falala", "epernay-fs", "sans-geo"]),
                ("code_postal=51100", ["falala", "orgeval"]),
                ("code_insee=51230,69384", ["epernay-fs", "lyon-tl"]),
                ("departement=51", ["falala", "orgeval", "epernay-fs"]),
                ("departement=69,75", ["lyon-tl", "sans-geo"]),
                ("source=marne,paris", ["epernay-fs", "sans-geo"]),
                ("date_maj_min=2024-01-01", ["falala", "epernay-fs", "sans-geo"]),
                ("q=mediatheque", ["falala"]),
                ("q=EPERNAY", ["epernay-fs"]),
                ("q=rue+fusel", ["falala"]),
                ("q=croix+rousse+lyon", ["lyon-tl"]),
                ("itinerance=Fixe", []),
                ("services=", ["falala", "orgeval", "epernay-fs", "lyon-tl", "sans-geo"]),
                ("ouvert=maintenant", ["falala"]),
                ("ouvert=2026-06-20T11:00", ["orgeval"]),
                ("ouvert=2026-06-20T09:00Z", ["orgeval"]),
                ("ouvert=2026-06-20T07:59Z", []),
            ]
            for (query, expected) in cases {
                let response = try await client.get("/collections/lieux/items?" + query)
                #expect(response.status == .ok, "\(query) : \(response.text)")
                #expect(Set(try response.ids) == expected, "\(query)")
            }
            let datetime = try await client.get("/collections/lieux/items?datetime=2024-01-01/..")
            #expect(try datetime.ids.count == 6)
        }
    }

    @Test("limit and offset page through the results; next and prev keep every other parameter")
    func paging() async throws {
        try await Fixtures.app().test(.router) { client in
            let first = try await client.get("/collections/lieux/items?typologie=BIB,EPN,RFS,ASSO,TIERS_LIEUX&limit=2&f=json")
            #expect(try first.ids == ["lyon-tl", "epernay-fs"])
            #expect(try first.object["numberMatched"] as? Int == 6)
            #expect(try first.object["numberReturned"] as? Int == 2)
            #expect(try first.link("prev") == nil)
            let next = try #require(try first.link("next"))
            #expect(next["type"] as? String == "application/geo+json")
            let nextHref = try #require(next["href"] as? String)
            #expect(nextHref == "http://localhost/collections/lieux/items?typologie=BIB,EPN,RFS,ASSO,TIERS_LIEUX&limit=2&f=json&offset=2")

            let second = try await client.get(String(nextHref.dropFirst("http://localhost".count)))
            #expect(try second.ids == ["sans-geo", "falala"])
            let prev = try #require(try second.link("prev")?["href"] as? String)
            #expect(prev == "http://localhost/collections/lieux/items?typologie=BIB,EPN,RFS,ASSO,TIERS_LIEUX&limit=2&f=json")
            let third = try await client.get(String(try #require(try second.link("next")?["href"] as? String).dropFirst("http://localhost".count)))
            #expect(try third.ids == ["orgeval", "falala"])
            #expect(try third.link("next") == nil)
            #expect(try third.link("prev")?["href"] as? String == "http://localhost/collections/lieux/items?typologie=BIB,EPN,RFS,ASSO,TIERS_LIEUX&limit=2&f=json&offset=2")

            let beyond = try await client.get("/collections/lieux/items?offset=100")
            #expect(try beyond.ids.isEmpty)
            #expect(try beyond.object["numberMatched"] as? Int == 6)
            let clamped = try await client.get("/collections/lieux/items?limit=50000")
            #expect(clamped.status == .ok)
            #expect(try clamped.object["numberReturned"] as? Int == 6)
        }
    }

    @Test("links use the configured base URL")
    func baseURL() async throws {
        try await Fixtures.app(configure: { $0.baseURL = "https://lieux.exemple.fr/api/" }).test(.router) { client in
            let response = try await client.get("/collections/lieux/items?limit=1")
            #expect(try response.link("next")?["href"] as? String == "https://lieux.exemple.fr/api/collections/lieux/items?limit=1&offset=1")
        }
    }

    @Test("sortby orders by name, date or distance")
    func sortby() async throws {
        try await Fixtures.app().test(.router) { client in
            let byName = try await client.get("/collections/lieux/items?sortby=nom&code_postal=51100,51200")
            #expect(try byName.ids == ["orgeval", "epernay-fs", "falala", "falala"])
            let byNameDescending = try await client.get("/collections/lieux/items?sortby=-nom&code_postal=51100,51200")
            #expect(try byNameDescending.ids == ["falala", "falala", "epernay-fs", "orgeval"])
            let byDate = try await client.get("/collections/lieux/items?sortby=date_maj")
            #expect(try byDate.ids.first == "falala")
            #expect(try byDate.ids.last == "epernay-fs")
            let recentFirst = try await client.get("/collections/lieux/items?sortby=-date_maj")
            #expect(try recentFirst.ids.first == "epernay-fs")
            let byDistance = try await client.get("/collections/lieux/items?lat=49.04&lon=3.96&radius=50000&sortby=distance")
            #expect(try byDistance.ids.first == "epernay-fs")
            let plus = try await client.get("/collections/lieux/items?sortby=%2Bnom&code_postal=51200")
            #expect(plus.status == .ok)
        }
    }

    @Test("the HTML page lists the venues, escaped, with paging links")
    func html() async throws {
        var lieux = Fixtures.lieux
        lieux[0].lieu.nom = "<script>alert('x')</script> & co"
        try await Fixtures.app(Fixtures.repository(lieux)).test(.router) { client in
            let response = try await client.get("/collections/lieux/items?limit=2", [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<table>"))
            #expect(response.text.contains("6 lieux trouvés"))
            #expect(response.text.contains("Page suivante"))
            let all = try await client.get("/collections/lieux/items?f=html")
            #expect(all.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
            #expect(!all.text.contains("<script>"))
            let json = try await client.get("/collections/lieux/items", [.accept: "application/json"])
            #expect(json.headers[.contentType] == "application/geo+json")
            let html = try await client.get("/collections/lieux/items?f=html", [.accept: "application/json"])
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
        }
    }
}
