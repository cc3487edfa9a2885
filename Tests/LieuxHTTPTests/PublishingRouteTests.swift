import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import LieuxSchema
import LieuxStore
import LieuxTestSupport
import Testing

/// Publishing over HTTP against a real store: tokens, a whole source, one venue (OGC API –
/// Features Part 4), history and reports from users.
@Suite("Publishing over HTTP")
struct PublishingRouteTests {
    let folder = SharedData.temporaryFolder("lieux-http-publishing")

    /// A store holding `numbers`' venues in source `s` and one venue in source `autre`, and
    /// a token for each source.
    func fixture(_ numbers: Range<Int> = 0..<30) throws -> (store: Store, token: String, other: String) {
        let store = try Store.open(path: folder.appendingPathComponent("lieux.sqlite").path)
        _ = try store.importFile(at: try csv("s.csv", numbers), source: "s")
        _ = try store.importFile(at: try csv("autre.csv", 500..<501), source: "autre")
        let token = try store.createToken(source: "s", name: "Mairie de S").text
        let other = try store.createToken(source: "autre", name: "Autre").text
        return (store, token, other)
    }

    func csv(_ name: String, _ numbers: Range<Int>, revision: Int = 1, change: (Int, inout [String]) -> Void = { _, _ in }) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(body(numbers, revision: revision, change: change).utf8).write(to: url)
        return url
    }

    func body(_ numbers: Range<Int>, revision: Int = 1, change: (Int, inout [String]) -> Void = { _, _ in }) -> String {
        String(decoding: GeneratedVenues(numbers, revision: revision, detailLength: 20).csv(change: change), as: UTF8.self)
    }

    func app(_ store: Store, configuration: ServerConfiguration = .init()) -> some ApplicationProtocol {
        buildApplication(configuration: configuration, repository: store, publisher: store)
    }

    func count(_ store: Store, _ source: String = "s") throws -> Int {
        try store.statistics().sources.first { $0.source == source }?.lieux ?? 0
    }

    static func auth(_ token: String, _ type: String = "text/csv") -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: type]
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any], "\(String(buffer: response.body))")
    }

    func problemCode(_ response: TestResponse) throws -> String? {
        #expect(response.headers[.contentType] == "application/problem+json")
        return (try json(response)["type"] as? String)?.replacingOccurrences(of: "urn:lieux:probleme:", with: "")
    }

    // MARK: Tokens

    @Test("no token, a bad token, another source's token: 401 with WWW-Authenticate, 401, 403; nothing changes")
    func tokens() async throws {
        let (store, token, other) = try fixture()
        try await app(store).test(.router) { client in
            let csv = ByteBuffer(string: body(0..<5))
            let none = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: [.contentType: "text/csv"], body: csv)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try problemCode(none) == "jeton-requis")
            let bad = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth(token + "x"), body: csv)
            #expect(bad.status == .unauthorized)
            #expect(bad.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            let forged = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth("lieux_1_" + String(repeating: "A", count: 43)), body: csv)
            #expect(forged.status == .unauthorized)
            let wrong = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth(other), body: csv)
            #expect(wrong.status == .forbidden)
            #expect(try problemCode(wrong) == "autre-source")
        }
        #expect(try count(store) == 30)
        #expect(try store.journal(source: "s").count == 1)
    }

    @Test("after 10 failed tokens from one address in a minute, that address gets 429 with Retry-After, even with a good token")
    func tooManyAttempts() async throws {
        let (store, token, _) = try fixture()
        // The window of an hour: on a loaded machine, ten requests may take more than a minute.
        var configuration = ServerConfiguration()
        configuration.failedTokenWindow = 3600
        try await app(store, configuration: configuration).test(.router) { client in
            for _ in 0..<10 {
                let bad = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth("lieux_9_nope"), body: ByteBuffer(string: "x"))
                #expect(bad.status == .unauthorized)
            }
            let blocked = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth(token), body: ByteBuffer(string: body(0..<30)))
            #expect(blocked.status == .tooManyRequests)
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try problemCode(blocked) == "trop-de-requetes")
        }
    }

    @Test("a store without any token serves no write: 404")
    func closed() async throws {
        let store = try Store.open(path: folder.appendingPathComponent("ferme.sqlite").path)
        try await app(store).test(.router) { client in
            let put = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth("lieux_1_x"), body: ByteBuffer(string: body(0..<3)))
            #expect(put.status == .notFound)
            #expect(try problemCode(put) == "publication-fermee")
        }
    }

    // MARK: A whole source

    @Test("PUT a source: 200 applied and journaled with the token and address; essai changes nothing; 409 too many removals; 422 strict; 400 unreadable")
    func publishSource() async throws {
        let (store, token, _) = try fixture()
        try await app(store).test(.router) { client in
            let next = try await client.execute(
                uri: "/sources/s/lieux", method: .put, headers: Self.auth(token), body: ByteBuffer(string: body(0..<32, revision: 2)))
            #expect(next.status == .ok)
            let applied = try json(next)
            #expect(applied["status"] as? String == "applied")
            #expect(applied["added"] as? Int == 2)
            #expect(try count(store) == 32)
            let entry = try #require(try store.journal(source: "s").first)
            #expect(entry.channel == "http")
            #expect(entry.tokenName == "Mairie de S")
            #expect(entry.address == "-")
            #expect(entry.added == 2)

            let essai = try await client.execute(
                uri: "/sources/s/lieux?essai=1", method: .put, headers: Self.auth(token), body: ByteBuffer(string: body(5..<40)))
            #expect(essai.status == .ok)
            let dry = try json(essai)
            #expect(dry["status"] as? String == "dryRun")
            #expect((dry["changes"] as? [[String: Any]])?.filter { $0["action"] as? String == "retrait" }.count == 5)
            #expect(try count(store) == 32)

            let shorter = try await client.execute(
                uri: "/sources/s/lieux", method: .put, headers: Self.auth(token), body: ByteBuffer(string: body(0..<20)))
            #expect(shorter.status == .conflict)
            let refused = try json(shorter)
            #expect(refused["status"] as? String == "refused")
            #expect((refused["changes"] as? [[String: Any]])?.filter { $0["action"] as? String == "retrait" }.count == 12)
            #expect(try count(store) == 32)
            let allowed = try await client.execute(
                uri: "/sources/s/lieux?autoriser-retraits=1", method: .put, headers: Self.auth(token), body: ByteBuffer(string: body(0..<20)))
            #expect(allowed.status == .ok)
            #expect(try count(store) == 20)

            let broken = body(0..<20) { n, cells in if n == 3 { cells[GeneratedVenues.header.firstIndex(of: "date_maj")!] = "hier" } }
            let strict = try await client.execute(uri: "/sources/s/lieux?strict=1", method: .put, headers: Self.auth(token), body: ByteBuffer(string: broken))
            #expect(strict.status == .unprocessableContent)
            #expect(try json(strict)["status"] as? String == "invalid")

            var bytes = Array(body(0..<20).utf8)
            bytes.insert(contentsOf: [0xFF, 0xFE, 0x0A], at: bytes.count / 2)
            let unreadable = try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth(token), body: ByteBuffer(bytes: bytes))
            #expect(unreadable.status == .badRequest)
            #expect(try json(unreadable)["status"] as? String == "unreadable")

            let json = try await client.execute(
                uri: "/sources/s/lieux", method: .put, headers: Self.auth(token, "application/json"), body: ByteBuffer(string: "[]"))
            #expect(json.status == .conflict, "an empty JSON array would remove every venue")
            let type = try await client.execute(
                uri: "/sources/s/lieux", method: .put, headers: Self.auth(token, "image/png"), body: ByteBuffer(string: "x"))
            #expect(type.status == .unsupportedMediaType)
        }
        #expect(try count(store) == 20)
        #expect(try count(store, "autre") == 1)
    }

    @Test("concurrent writes to one source are serialised; readers see the old or the new data, never a mix")
    func concurrentWrites() async throws {
        let (store, token, _) = try fixture(0..<100)
        try await app(store).test(.router) { client in
            let a = ByteBuffer(string: body(0..<150, revision: 1))
            let b = ByteBuffer(string: body(0..<150, revision: 2))
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask { Int(try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth(token), body: a).status.code) }
                group.addTask { Int(try await client.execute(uri: "/sources/s/lieux", method: .put, headers: Self.auth(token), body: b).status.code) }
                for _ in 0..<8 {
                    group.addTask {
                        let page = try await client.get("/collections/lieux/items?source=s&limit=1")
                        return (try JSONSerialization.jsonObject(with: Data(buffer: page.body)) as? [String: Any])?["numberMatched"] as? Int ?? -1
                    }
                }
                var writes: [Int] = []
                var seen = Set<Int>()
                for try await value in group {
                    if value >= 200 && value < 600 && value != 100 && value != 150 { writes.append(value) } else { seen.insert(value) }
                }
                #expect(writes == [200, 200])
                #expect(seen.isSubset(of: [100, 150]), "\(seen)")
            }
        }
        #expect(try count(store) == 150)
        #expect(try store.journal(source: "s").filter { $0.channel == "http" }.count == 2)
    }

    // MARK: One venue (Part 4)

    @Test("Part 4: POST 201 with Location, 409 on a taken id, 422 with the report; PUT, PATCH, DELETE; another source's venue is 403")
    func oneVenue() async throws {
        let (store, token, other) = try fixture()
        try await app(store).test(.router) { client in
            let feature = """
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.0316, 49.2535]},
                 "properties": {"id": "neuf-1", "pivot": "21510454800007", "nom": "Médiathèque neuve", "commune": "Reims",
                   "code_postal": "51100", "adresse": "2 rue des Fuseliers", "date_maj": "2025-01-02",
                   "services": ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"], "telephone": "+33326000000"}}
                """
            let created = try await client.execute(uri: "/collections/lieux/items", method: .post, headers: Self.auth(token, "application/geo+json"), body: ByteBuffer(string: feature))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let location = try #require(created.headers[.location])
            #expect(location.hasSuffix("/collections/lieux/items/s:neuf-1"))
            let path = "/collections/lieux/items/s%3Aneuf-1"
            let read = try json(try await client.get(path))
            #expect((read["properties"] as? [String: Any])?["nom"] as? String == "Médiathèque neuve")
            #expect(((read["geometry"] as? [String: Any])?["coordinates"] as? [Double]) == [4.0316, 49.2535])

            let again = try await client.execute(uri: "/collections/lieux/items", method: .post, headers: Self.auth(token, "application/geo+json"), body: ByteBuffer(string: feature))
            #expect(again.status == .conflict)

            let invalid = feature.replacingOccurrences(of: "\"neuf-1\"", with: "\"neuf-2\"").replacingOccurrences(of: "2025-01-02", with: "demain")
            let refused = try await client.execute(uri: "/collections/lieux/items", method: .post, headers: Self.auth(token, "application/geo+json"), body: ByteBuffer(string: invalid))
            #expect(refused.status == .unprocessableContent)
            let problem = try json(refused)
            #expect((problem["detail"] as? String)?.contains("date_maj") == true)
            #expect(((problem["rapport"] as? [String: Any])?["errors"] as? [Any])?.isEmpty == false)

            let replaced = try await client.execute(
                uri: path, method: .put, headers: Self.auth(token, "application/geo+json"),
                body: ByteBuffer(string: feature.replacingOccurrences(of: "Médiathèque neuve", with: "Médiathèque refaite")))
            #expect(replaced.status == .ok)
            #expect(((try json(replaced)["properties"] as? [String: Any])?["nom"] as? String) == "Médiathèque refaite")
            let mismatch = try await client.execute(
                uri: path, method: .put, headers: Self.auth(token, "application/geo+json"),
                body: ByteBuffer(string: feature.replacingOccurrences(of: "\"neuf-1\"", with: "\"autre-id\"")))
            #expect(mismatch.status == .badRequest)

            let patched = try await client.execute(
                uri: path, method: .patch, headers: Self.auth(token, "application/merge-patch+json"),
                body: ByteBuffer(string: #"{"properties": {"nom": "Médiathèque Falala", "telephone": null}}"#))
            #expect(patched.status == .ok, "\(String(buffer: patched.body))")
            let properties = try #require(try json(patched)["properties"] as? [String: Any])
            #expect(properties["nom"] as? String == "Médiathèque Falala")
            #expect(properties["telephone"] == nil || properties["telephone"] is NSNull)
            #expect(properties["commune"] as? String == "Reims")

            let foreign = try await client.execute(uri: "/collections/lieux/items/autre%3Alieu-000500", method: .delete, headers: Self.auth(token))
            #expect(foreign.status == .forbidden)
            let foreignPlain = try await client.execute(uri: "/collections/lieux/items/lieu-000500", method: .patch, headers: Self.auth(token, "application/json"), body: ByteBuffer(string: "{}"))
            #expect(foreignPlain.status == .forbidden)
            let otherToken = try await client.execute(uri: path, method: .delete, headers: Self.auth(other))
            #expect(otherToken.status == .forbidden)

            let deleted = try await client.execute(uri: path, method: .delete, headers: Self.auth(token))
            #expect(deleted.status == .noContent)
            #expect(try await client.get(path).status == .notFound)
            let absent = try await client.execute(uri: path, method: .delete, headers: Self.auth(token))
            #expect(absent.status == .notFound)
        }
        let journal = try store.journal(source: "s")
        #expect(journal.prefix(4).map(\.kind) == [.lieu, .lieu, .lieu, .lieu])
        #expect(journal.prefix(4).map(\.place) == ["DELETE neuf-1", "PATCH neuf-1", "PUT neuf-1", "POST neuf-1"])
        #expect(journal.prefix(4).allSatisfy { $0.channel == "http" && $0.tokenName == "Mairie de S" })
        // Each write is undoable: the delete first.
        _ = try #require(try store.undo(source: "s"))
        var names: [String] = []
        try store.forEachLieu(source: "s") { lieu, _ in if lieu.id.rawValue == "neuf-1" { names.append(lieu.nom) } }
        #expect(names == ["Médiathèque Falala"])
    }

    @Test(
        "a body that does not say what it means is a 400 corps-invalide and changes nothing",
        arguments: [
            (#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.03, 49.25]}, "properties": {"prise_rdv": false}}"#, "booléen"),
            (#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.03, 49.25]}, "properties": {"prise_rdv": ["a", "b"]}}"#, "qu'une valeur"),
            (#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.03, 49.25]}, "properties": {"services": [null, null]}}"#, "null"),
            (#"{"type": "Feature", "geometry": [null, null], "properties": {"nom": "X"}}"#, "Point"),
            (#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [false, 49.25]}, "properties": {"nom": "X"}}"#, "Point"),
            (#"{"type": "Feature", "properties": {"nom": "X"}}"#, "geometry"),
            (#"{"type": "Feature", "id": {}, "geometry": null, "properties": {"nom": "X"}}"#, "id"),
            (#"{"type": "Polygon", "properties": {"nom": "X"}}"#, "Feature"),
            (#"{"geometry": null, "properties": {"nom": "X"}}"#, "Feature"),
        ])
    func ambiguousBodies(_ body: String, _ expected: String) async throws {
        let (store, token, _) = try fixture(0..<3)
        let before = try await store.version()
        try await app(store).test(.router) { client in
            let path = "/collections/lieux/items/s%3Alieu-000001"
            for (uri, method) in [("/collections/lieux/items", HTTPRequest.Method.post), (path, .put)] {
                let response = try await client.execute(uri: uri, method: method, headers: Self.auth(token, "application/geo+json"), body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(method) \(body)")
                #expect(try problemCode(response) == "corps-invalide")
                #expect((try json(response)["detail"] as? String)?.contains(expected) == true, "\(String(buffer: response.body))")
            }
        }
        #expect(try await store.version() == before)
        #expect(try count(store) == 3)
    }

    @Test("a merge patch may leave the geometry out; a number is written as its text")
    func patchShapes() async throws {
        let (store, token, _) = try fixture(0..<3)
        try await app(store).test(.router) { client in
            let path = "/collections/lieux/items/s%3Alieu-000001"
            let patched = try await client.execute(
                uri: path, method: .patch, headers: Self.auth(token, "application/merge-patch+json"),
                body: ByteBuffer(string: #"{"type": "Feature", "properties": {"nom": "Sans géométrie", "code_postal": 51100}}"#))
            #expect(patched.status == .ok, "\(String(buffer: patched.body))")
            let feature = try json(patched)
            #expect((feature["properties"] as? [String: Any])?["nom"] as? String == "Sans géométrie")
            #expect((feature["properties"] as? [String: Any])?["code_postal"] as? String == "51100")
            #expect(feature["geometry"] is [String: Any], "the position is kept")
        }
    }

    @Test("a venue's history over HTTP: now, then each change with the version it replaced")
    func history() async throws {
        let (store, token, _) = try fixture()
        try await app(store).test(.router) { client in
            let renamed = try await client.execute(
                uri: "/collections/lieux/items/s%3Alieu-000004", method: .patch, headers: Self.auth(token, "application/json"),
                body: ByteBuffer(string: #"{"nom": "Nouveau nom"}"#))
            #expect(renamed.status == .ok)
            let history = try json(try await client.get("/collections/lieux/items/s%3Alieu-000004/historique"))
            #expect((history["actuel"] as? [String: Any])?["nom"] as? String == "Nouveau nom")
            let versions = try #require(history["versions"] as? [[String: Any]])
            #expect(versions.map { $0["action"] as? String } == ["modification", "ajout"])
            #expect(((versions.first?["before"] as? [String: Any])?["nom"] as? String)?.hasPrefix("Espace") == true)
        }
    }

    // MARK: Reports

    @Test("reports: anyone sends one (201), a bad one is 400, too many 429; the source reads them with its token; a change marks them done")
    func reports() async throws {
        let (store, token, other) = try fixture()
        let configuration = ServerConfiguration(reportLimit: 3)
        try await app(store, configuration: configuration).test(.router) { client in
            let uri = "/collections/lieux/items/s%3Alieu-000007/signalements"
            let sent = try await client.post(uri, body: #"{"categorie": "horaires", "message": "Fermé le samedi depuis septembre."}"#, [.contentType: "application/json"])
            #expect(sent.status == .created, "\(String(buffer: sent.body))")
            #expect(try json(sent)["lieu"] as? String == "lieu-000007")
            let badCategory = try await client.post(uri, body: #"{"categorie": "meteo", "message": "x"}"#)
            #expect(badCategory.status == .badRequest)
            #expect((try json(badCategory)["valeurs_autorisees"] as? [String])?.contains("n-existe-plus") == true)
            let tooLong = try await client.post(uri, body: #"{"categorie": "autre", "message": "\#(String(repeating: "a", count: 2001))"}"#)
            #expect(tooLong.status == .badRequest)
            let unknown = try await client.post("/collections/lieux/items/inconnu/signalements", body: #"{"categorie": "autre", "message": "x"}"#)
            #expect(unknown.status == .notFound)
            _ = try await client.post(uri, body: #"{"categorie": "adresse", "message": "Le numéro est 12."}"#)
            _ = try await client.post(uri, body: #"{"categorie": "contact", "message": "Téléphone faux."}"#)
            let limited = try await client.post(uri, body: #"{"categorie": "autre", "message": "Encore."}"#)
            #expect(limited.status == .tooManyRequests)

            let forbidden = try await client.execute(uri: "/sources/s/signalements", method: .get, headers: Self.auth(other))
            #expect(forbidden.status == .forbidden)
            let list = try await client.execute(uri: "/sources/s/signalements", method: .get, headers: Self.auth(token))
            #expect(list.status == .ok)
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]])
            #expect(reports.count == 3)
            let first = try #require(reports.last?["id"] as? Int)
            let marked = try await client.execute(
                uri: "/sources/s/signalements/\(first)", method: .patch, headers: Self.auth(token, "application/json"),
                body: ByteBuffer(string: #"{"traite": true}"#))
            #expect(marked.status == .ok)
            #expect(try json(marked)["doneAt"] is String)
        }
        // An import that changes the venue marks its open reports done.
        #expect(try await store.signalements(source: "s", includingDone: false).count == 2)
        _ = try store.importFile(at: try csv("s2.csv", 0..<30) { n, cells in if n == 7 { cells[2] = "Renommé" } }, source: "s")
        #expect(try await store.signalements(source: "s", includingDone: false).isEmpty)
    }

    @Test("the write routes are declared: Part 4 in /conformance, bearer security in /api")
    func declared() async throws {
        let (store, _, _) = try fixture()
        try await app(store).test(.router) { client in
            let conformance = try json(try await client.get("/conformance"))
            let classes = try #require(conformance["conformsTo"] as? [String])
            #expect(classes.contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete"))
            #expect(classes.contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update"))
            let api = try json(try await client.get("/api"))
            let paths = try #require(api["paths"] as? [String: [String: Any]])
            let post = try #require(paths["/collections/lieux/items"]?["post"] as? [String: Any])
            #expect((post["security"] as? [[String: Any]])?.first?["bearerAuth"] != nil)
            #expect((post["responses"] as? [String: Any])?["201"] != nil)
            #expect(paths["/sources/{source}/lieux"]?["put"] != nil)
            #expect(paths["/collections/lieux/items/{featureId}"]?["delete"] != nil)
        }
    }
}
