import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

@Suite("GET /collections/lieux/items/{id}/horaires")
struct HorairesRouteTests {
    @Test("the hours are read at the instant asked, with the next change and the week")
    func atInstant() async throws {
        try await Fixtures.app().test(.router) { client in
            // Falala: "Mo-Fr 09:00-18:00". Thursday 24 December 2026, 10:00 in Paris.
            let open = try await client.get("/collections/lieux/items/falala/horaires?ouvert=2026-12-24T10:00")
            #expect(open.status == .ok)
            let object = try open.object
            #expect(object["horaires"] as? String == "Mo-Fr 09:00-18:00")
            #expect(object["etat"] as? String == "open")
            #expect(object["libelle"] as? String == "ouvert")
            #expect(object["prochain_changement"] as? String == "2026-12-24T18:00:00+01:00")
            let week = try #require(object["semaine"] as? [[String: Any]])
            #expect(week.count == 7)
            #expect(week.first?["jour"] as? String == "lundi")
            #expect(week.first?["date"] as? String == "2026-12-21")
            #expect(week[5]["plages"] as? [String] == [])
            // Saturday: closed.
            let closed = try await client.get("/collections/lieux/items/falala/horaires?ouvert=2026-12-26T10:00")
            #expect(try closed.object["etat"] as? String == "closed")
        }
    }

    @Test("an unknown venue is a 404 problem; a bad instant is a 400")
    func errors() async throws {
        try await Fixtures.app().test(.router) { client in
            let missing = try await client.get("/collections/lieux/items/nulle-part/horaires")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let bad = try await client.get("/collections/lieux/items/falala/horaires?ouvert=demain")
            #expect(bad.status == .badRequest)
            let unknown = try await client.get("/collections/lieux/items/falala/horaires?jour=lundi")
            #expect(unknown.status == .badRequest)
        }
    }
}
