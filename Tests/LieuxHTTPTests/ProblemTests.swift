import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

@Suite("Errors as RFC 9457 problems")
struct ProblemTests {
    /// Checks the shape of a problem and returns it.
    @discardableResult
    func problem(_ response: TestResponse, status: HTTPResponse.Status, code: String) throws -> [String: Any] {
        #expect(response.status == status)
        #expect(response.headers[.contentType] == "application/problem+json")
        let object = try response.object
        #expect(object["type"] as? String == "urn:lieux:probleme:\(code)")
        #expect(object["status"] as? Int == status.code)
        #expect((object["title"] as? String)?.isEmpty == false)
        let detail = try #require(object["detail"] as? String)
        #expect(!detail.isEmpty)
        #expect(!detail.localizedCaseInsensitiveContains("select"))
        #expect(!detail.contains("Swift"))
        return object
    }

    @Test("an unknown query parameter is a 400 that names it and lists the accepted ones")
    func unknownParameter() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?serivces=x")
            let object = try problem(response, status: .badRequest, code: "parametre-inconnu")
            #expect(object["parametre"] as? String == "serivces")
            #expect((object["valeurs_autorisees"] as? [String])?.contains("services") == true)
            #expect((object["detail"] as? String)?.contains("« serivces »") == true)
            #expect(object["instance"] as? String == "/collections/lieux/items")
            for path in ["/", "/conformance", "/collections", "/collections/lieux", "/collections/lieux/queryables", "/api", "/health", "/collections/lieux/items/falala", "/export/lieux.csv"] {
                let response = try await client.get(path + "?inconnu=1")
                try problem(response, status: .badRequest, code: "parametre-inconnu")
            }
            try problem(try await client.get("/export/lieux.csv?limit=10"), status: .badRequest, code: "parametre-inconnu")
        }
    }

    @Test("a malformed bbox is a 400", arguments: [
        "1,2,3", "a,b,c,d", "4.1,49.2,3.9,49.3", "3.9,49.3,4.1,49.2", "3.9,49.2,4.1,99", "3.9,,4.1,49.3", "1,2,3,4,5",
    ])
    func badBbox(_ bbox: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let object = try problem(try await client.get("/collections/lieux/items?bbox=\(bbox)"), status: .badRequest, code: "parametre-invalide")
            #expect(object["parametre"] as? String == "bbox")
        }
    }

    @Test("nearby searches are bounded: radius at most 200 km, nearest at most 100", arguments: [
        ("lat=49&lon=4&radius=200001", "radius"), ("lat=49&lon=4&radius=0", "radius"), ("lat=49&lon=4&radius=-5", "radius"),
        ("lat=49&lon=4&nearest=101", "nearest"), ("lat=49&lon=4&nearest=0", "nearest"), ("lat=49&lon=4&nearest=2.5", "nearest"),
        ("lat=49&lon=4", "lat"), ("lat=49&radius=10", "lon"), ("radius=10", "radius"), ("lat=95&lon=4&radius=10", "lat"),
        ("lat=49&lon=4&radius=10&nearest=3", "nearest"), ("lat=abc&lon=4&radius=10", "lat"),
        ("bbox=3,49,4,50&lat=49&lon=4&radius=10", "lat/lon"), ("within=commune", "within"), ("within=pays:FR", "within"),
        ("sortby=distance", "sortby"), ("sortby=prix", "sortby"), ("limit=0", "limit"), ("limit=dix", "limit"),
        ("offset=-1", "offset"), ("code_postal=5110", "code_postal"), ("code_insee=abc", "code_insee"),
        ("departement=999", "departement"), ("date_maj_min=2024-13-01", "date_maj_min"), ("ouvert=demain", "ouvert"),
        ("datetime=hier", "datetime"), ("f=xml", "f"), ("crs=http://www.opengis.net/def/crs/EPSG/0/2154", "crs"),
        ("bbox=3,49,4,50&bbox-crs=EPSG:4326", "bbox-crs"), ("limit=1&limit=2", "limit"), ("q=%E9", "q"),
        ("typologie=RFS,", "typologie"), ("typologie=,,,", "typologie"), ("source=a,,b", "source"),
        ("departement=%09", "departement"), ("typologie=%20", "typologie"),
        // 101 letters but 202 code points: JSON Schema's maxLength (200) counts code points.
        ("q=" + String(repeating: "e%CC%81", count: 101), "q"),
    ])
    func invalidParameters(_ query: String, _ parameter: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?\(query)")
            let object = try problem(response, status: .badRequest, code: "parametre-invalide")
            #expect(object["parametre"] as? String == parameter, "\(query) : \(response.text)")
        }
    }

    @Test("a value outside a vocabulary is a 400 that lists the allowed values", arguments: [
        ("services", Service.labels), ("frais_a_charge", FraisACharge.labels), ("itinerance", Itinerance.labels),
        ("modalites_acces", ModaliteAcces.labels), ("modalites_accompagnement", ModaliteAccompagnement.labels),
        ("publics_specifiquement_adresses", PublicSpecifiquementAdresse.labels),
        ("prise_en_charge_specifique", PriseEnChargeSpecifique.labels),
        ("dispositif_programmes_nationaux", DispositifProgrammeNational.labels), ("formations_labels", FormationLabel.labels),
        ("typologie", Typologie.known.map(\.rawValue)),
    ])
    func outsideVocabulary(_ name: String, _ labels: [String]) async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?\(name)=\(labels[0].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!),Valeur%20inconnue")
            let object = try problem(response, status: .badRequest, code: "valeur-hors-vocabulaire")
            #expect(object["parametre"] as? String == name)
            #expect(object["valeurs_autorisees"] as? [String] == labels)
            let detail = try #require(object["detail"] as? String)
            #expect(detail.contains("« Valeur inconnue »"))
            #expect(detail.contains("« \(labels.last!) »"))
        }
    }

    @Test("every vocabulary label is accepted", arguments: [
        ("services", Service.labels), ("frais_a_charge", FraisACharge.labels), ("itinerance", Itinerance.labels),
        ("modalites_acces", ModaliteAcces.labels), ("modalites_accompagnement", ModaliteAccompagnement.labels),
        ("publics_specifiquement_adresses", PublicSpecifiquementAdresse.labels),
        ("prise_en_charge_specifique", PriseEnChargeSpecifique.labels),
        ("dispositif_programmes_nationaux", DispositifProgrammeNational.labels), ("formations_labels", FormationLabel.labels),
    ])
    func everyLabel(_ name: String, _ labels: [String]) async throws {
        try await Fixtures.app().test(.router) { client in
            let all = labels.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }.joined(separator: ",")
            let response = try await client.get("/collections/lieux/items?\(name)=\(all)")
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    @Test("an unknown venue is a 404")
    func unknownVenue() async throws {
        try await Fixtures.app().test(.router) { client in
            try problem(try await client.get("/collections/lieux/items/inexistant"), status: .notFound, code: "lieu-inconnu")
            try problem(try await client.get("/collections/lieux/items/reims:inexistant"), status: .notFound, code: "lieu-inconnu")
        }
    }

    @Test("an unknown area is a 404, not an empty list")
    func unknownArea() async throws {
        try await Fixtures.app().test(.router) { client in
            let object = try problem(
                try await client.get("/collections/lieux/items?within=departement:99"), status: .notFound, code: "territoire-inconnu")
            #expect((object["detail"] as? String)?.contains("departement:99") == true)
            try problem(try await client.get("/export/lieux.geojson?within=commune:00000"), status: .notFound, code: "territoire-inconnu")
        }
    }

    @Test("an unknown address is a 404 problem")
    func unknownPath() async throws {
        try await Fixtures.app().test(.router) { client in
            try problem(try await client.get("/nulle-part"), status: .notFound, code: "introuvable")
            try problem(try await client.get("/collections/autre"), status: .notFound, code: "introuvable")
        }
    }

    @Test("the map's address checks its filters as the items do", arguments: [
        ("/?code_postal=5110", "code_postal"), ("/?integration=2", "integration"), ("/?departement=999", "departement"),
        ("/communes?q=" + String(repeating: "e%CC%81", count: 101), "q"),
    ])
    func landingFilters(_ uri: String, _ parameter: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let object = try problem(try await client.get(uri), status: .badRequest, code: "parametre-invalide")
            #expect(object["parametre"] as? String == parameter)
        }
    }

    @Test("a method the address does not accept is a 405 with Allow")
    func methodNotAllowed() async throws {
        try await Fixtures.app().test(.router) { client in
            let delete = try await client.execute(uri: "/collections/lieux/items", method: .delete)
            try problem(delete, status: .methodNotAllowed, code: "methode-non-autorisee")
            #expect(delete.headers[.allow] == "GET, HEAD, POST, OPTIONS")
            let get = try await client.get("/validate")
            try problem(get, status: .methodNotAllowed, code: "methode-non-autorisee")
            #expect(get.headers[.allow] == "POST, OPTIONS")
            // A method HTTP knows but no route takes is a 405 too, not a 404.
            for method in [HTTPRequest.Method("TRACE")!, HTTPRequest.Method("QUERY")!] {
                let response = try await client.execute(uri: "/collections/lieux/items", method: method)
                try problem(response, status: .methodNotAllowed, code: "methode-non-autorisee")
                #expect(response.headers[.allow] == "GET, HEAD, POST, OPTIONS")
            }
            // Writes are served only by a service that publishes (a store with tokens).
            let post = try await client.post("/collections/lieux/items", body: "{}")
            try problem(post, status: .notFound, code: "publication-fermee")
        }
    }

    @Test("an Accept header that allows neither JSON nor HTML is a 406")
    func notAcceptable() async throws {
        try await Fixtures.app().test(.router) { client in
            try problem(
                try await client.get("/collections/lieux/items", [.accept: "application/xml"]), status: .notAcceptable,
                code: "format-non-disponible")
            try problem(try await client.get("/", [.accept: "image/png"]), status: .notAcceptable, code: "format-non-disponible")
            #expect(try await client.get("/", [.accept: "application/xml, */*;q=0.1"]).status == .ok)
        }
    }

    @Test("a failing repository gives a 500 problem without its details")
    func internalError() async throws {
        struct SecretFailure: Error, CustomStringConvertible {
            var description: String { "SELECT * FROM lieu : disque plein" }
        }
        let repository = Fixtures.repository()
        repository.fail(with: SecretFailure())
        try await Fixtures.app(repository).test(.router) { client in
            let response = try await client.get("/collections/lieux/items")
            try problem(response, status: .internalServerError, code: "erreur-interne")
            #expect(!response.text.contains("disque"))
            let health = try await client.get("/health")
            try problem(health, status: .serviceUnavailable, code: "indisponible")
            let export = try await client.get("/export/lieux.csv")
            #expect(export.status == .internalServerError)
        }
    }

    @Test("a failure of the storage a person can act on is a 507 or a 503 that says what to do", arguments: [
        (StorageCondition.diskFull, 507, "disque-plein"), (.readOnly, 503, "base-en-lecture-seule"), (.unavailable, 503, "base-indisponible"),
    ])
    func storageFailure(_ condition: StorageCondition, _ status: Int, _ code: String) async throws {
        struct Failure: StorageFailure {
            var condition: StorageCondition?
            var message: String
        }
        let repository = Fixtures.repository()
        repository.fail(with: Failure(condition: condition, message: "La lecture des lieux a échoué. Libérez de la place, puis recommencez."))
        try await Fixtures.app(repository).test(.router) { client in
            let response = try await client.get("/collections/lieux/items")
            let object = try problem(response, status: HTTPResponse.Status(code: status), code: code)
            #expect((object["detail"] as? String)?.contains("recommencez") == true)
        }
    }
}
