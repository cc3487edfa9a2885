import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LieuxModel
import Testing

@testable import LieuxHTTP

@Suite("The map page and its files")
struct MapRouteTests {
    /// A Leaflet folder of the test's own: the page must not depend on what is installed.
    static let leaflet: URL = {
        let folder = SharedData.temporaryFolder("lieux-leaflet")
        try? FileManager.default.createDirectory(at: folder.appendingPathComponent("images"), withIntermediateDirectories: true)
        try? Data("/* leaflet */ window.L = {};".utf8).write(to: folder.appendingPathComponent("leaflet.js"))
        try? Data(".leaflet-container {}".utf8).write(to: folder.appendingPathComponent("leaflet.css"))
        try? Data([0x89, 0x50, 0x4E, 0x47]).write(to: folder.appendingPathComponent("images/marker-icon.png"))
        return folder
    }()

    func app() -> some ApplicationProtocol {
        Fixtures.app { configuration in
            configuration.leafletPath = Self.leaflet.path
            configuration.tiles = "https://tuiles.exemple.fr/{z}/{x}/{y}.png"
            configuration.tilesAttribution = "© Exemple </script><b>"
            configuration.geocoder = "https://adresse.exemple.fr"
            configuration.communes = CommuneGazetteer(csv: """
                code_insee,nom,codes_postaux,latitude,longitude
                51454,Reims,51100,49.25149,4.04023
                78551,Saint Germain en Laye,78100|78112,48.94070,2.09871
                """)
        }
    }

    @Test("a browser on / gets the map page, with the tiles set and linked to the API; JSON and ?f=html keep the landing page")
    func page() async throws {
        try await app().test(.router) { client in
            let page = try await client.get("/", [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = page.text
            #expect(html.contains("<label for=\"lieu\">Commune ou code postal</label>"))
            #expect(html.contains("https://tuiles.exemple.fr/{z}/{x}/{y}.png"))
            #expect(!html.contains("</script><b>"), "the attribution cannot close the configuration's script")
            #expect(html.contains("\"geocodeur\":\"https://adresse.exemple.fr\""), "the page knows the address geocoder")
            for link in ["/?f=json", "/api?f=html", "/export/lieux.geojson", "/carte/leaflet/leaflet.js", "/carte/carte.js"] {
                #expect(html.contains("\"\(link)\""), "\(link)")
            }
            let json = try await client.get("/", [.accept: "application/json"])
            #expect(json.headers[.contentType] == "application/json")
            #expect(try json.object["links"] != nil)
            #expect(try await client.get("/?f=json").headers[.contentType] == "application/json")
            let embedded = try await client.get(
                "/?integration=1&departement=51&services=Aide%20aux%20d%C3%A9marches%20administratives", [.accept: "text/html"])
            #expect(embedded.status == .ok, "an embedded map limited to a territory and a service")
            #expect(embedded.text.contains("Commune ou code postal"))
            let landing = try await client.get("/?f=html")
            #expect(landing.text.contains("conformance"))
            #expect(!landing.text.contains("Commune ou code postal"))
        }
    }

    @Test("the page's files and Leaflet's are served with an ETag and a cache; a second request with it is a 304")
    func files() async throws {
        try await app().test(.router) { client in
            for (path, type) in [
                ("/carte/carte.js", "text/javascript"), ("/carte/carte.css", "text/css"), ("/carte/leaflet/leaflet.js", "text/javascript"),
                ("/carte/leaflet/leaflet.css", "text/css"), ("/carte/leaflet/images/marker-icon.png", "image/png"),
            ] {
                let first = try await client.get(path)
                #expect(first.status == .ok, "\(path)")
                #expect(first.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                #expect(first.headers[.cacheControl]?.contains("max-age") == true, "\(path)")
                let tag = try #require(first.headers[.eTag], "\(path)")
                let again = try await client.get(path, [.ifNoneMatch: tag])
                #expect(again.status == .notModified, "\(path)")
            }
            let script = try await client.get("/carte/carte.js", [.acceptEncoding: "gzip"])
            #expect(script.headers[.contentEncoding] == "gzip")
        }
    }

    @Test("only Leaflet's plain file names are served: no other folder, no other extension", arguments: [
        "/carte/leaflet/..%2F..%2Fetc%2Fpasswd", "/carte/leaflet/.htaccess", "/carte/leaflet/leaflet.txt",
        "/carte/leaflet/absent.js", "/carte/autre.js", "/carte/leaflet/images/..%2Fleaflet.js",
    ])
    func refused(path: String) async throws {
        try await app().test(.router) { client in
            let response = try await client.get(path)
            #expect(response.status == .notFound, "\(path)")
        }
    }

    @Test("communes: suggestions as JSON, a bad limit is a 400, and no gazetteer is a 503")
    func communes() async throws {
        try await app().test(.router) { client in
            let found = try await client.get("/communes?q=st%20germain%20en%20l")
            #expect(found.status == .ok)
            let communes = try #require(try found.object["communes"] as? [[String: Any]])
            #expect(communes.first?["nom"] as? String == "Saint Germain en Laye")
            #expect(communes.first?["codes_postaux"] as? [String] == ["78100", "78112"])
            #expect(communes.first?["departement"] as? String == "78")
            #expect(communes.first?["latitude"] as? Double == 48.9407)
            #expect(try await client.get("/communes?q=reims&limit=0").status == .badRequest)
            #expect(try await client.get("/communes?q=reims&ville=1").status == .badRequest)
            // A blank code is not « no département »: a 400, as for the items (an empty value is none).
            #expect(try await client.get("/communes?q=reims&departement=%09").status == .badRequest)
            #expect(try await client.get("/communes?q=reims&departement=").status == .ok)
            let marne = try await client.get("/communes?q=s&departement=51,75")
            #expect(try (marne.object["communes"] as? [[String: Any]])?.isEmpty == true, "no commune of the Marne or Paris starts with « s »")
            let yvelines = try await client.get("/communes?q=s&departement=78")
            #expect(try (yvelines.object["communes"] as? [[String: Any]])?.compactMap { $0["nom"] as? String } == ["Saint Germain en Laye"])
            #expect(try await client.get("/communes?q=s&departement=999").status == .badRequest)
        }
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/communes?q=reims")
            #expect(response.status == .serviceUnavailable)
        }
    }
}
