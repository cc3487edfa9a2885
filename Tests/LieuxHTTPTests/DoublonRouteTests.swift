import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import LieuxTestSupport
import Testing

/// Duplicates over HTTP: `/items/{id}/doublons` and the merged view (`doublons=fusionner`)
/// of the items, the exports and the aggregates, over the venues of ``Fixtures``, where
/// `reims:falala` and `zz-doublons:falala` are one médiathèque.
@Suite("Duplicates routes")
struct DoublonRouteTests {
    /// The fixtures, the copy of the médiathèque also saying it welcomes young people.
    static func repository() -> InMemoryLieuRepository {
        var lieux = Fixtures.lieux
        lieux[5].lieu.publicsSpecifiquementAdresses = [.jeunes]
        return Fixtures.repository(lieux)
    }

    static func feature(_ features: [[String: Any]], _ id: String) -> [String: Any]? {
        features.first { $0["id"] as? String == id }?["properties"] as? [String: Any]
    }

    @Test("merged items: one venue per group, its fields from the best record, the union of multiple values, its records and the provenance of each field")
    func mergedItems() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let plain = try await client.get("/collections/lieux/items")
            #expect(try plain.object["numberMatched"] as? Int == 6)
            let merged = try await client.get("/collections/lieux/items?doublons=fusionner")
            #expect(merged.status == .ok)
            #expect(try merged.object["numberMatched"] as? Int == 5)
            let falala = try #require(Self.feature(try merged.features, "falala"))
            #expect(falala["source_import"] as? String == "reims")
            #expect(falala["nom"] as? String == "Médiathèque Jean Falala")
            #expect(falala["membres"] as? [String] == ["reims:falala", "zz-doublons:falala"])
            #expect(falala["publics_specifiquement_adresses"] as? [String] == ["Seniors", "Jeunes"])
            let provenance = try #require(falala["provenance"] as? [String: [String]])
            #expect(provenance["nom"] == ["reims:falala"])
            #expect(provenance["publics_specifiquement_adresses"] == ["reims:falala", "zz-doublons:falala"])
            #expect(provenance["date_maj"] == ["reims:falala"], "the freshest")
            #expect((falala["qualite"] as? Int).map { (0...100).contains($0) } == true)
            // A venue without duplicates has itself as its only record.
            #expect(Self.feature(try merged.features, "lyon-tl")?["membres"] as? [String] == ["hinaura:lyon-tl"])
        }
    }

    @Test("a merged venue matches a filter when one of its records does; counts and pages are of merged venues")
    func mergedFilters() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let young = try await client.get("/collections/lieux/items?publics_specifiquement_adresses=Jeunes&doublons=fusionner")
            #expect(try young.ids.sorted() == ["epernay-fs", "falala"])
            #expect(Self.feature(try young.features, "falala")?["source_import"] as? String == "reims", "the merged venue, not the copy")
            let paged = try await client.get("/collections/lieux/items?doublons=fusionner&limit=2&offset=4")
            #expect(try paged.object["numberMatched"] as? Int == 5)
            #expect(try paged.features.count == 1)
            let near = try await client.get("/collections/lieux/items?lat=49.2535&lon=4.0316&nearest=2&doublons=fusionner")
            #expect(try near.ids == ["falala", "orgeval"], "the two nearest venues once merged, not the médiathèque twice")
            let counts = try await client.get("/collections/lieux/aggregates?par=departement&doublons=fusionner")
            #expect(try AggregateRouteTests.properties(AggregateRouteTests.byCode(counts)["51"])["lieux"] as? Int == 3)
            let plainCounts = try await client.get("/collections/lieux/aggregates?par=departement")
            #expect(try AggregateRouteTests.properties(AggregateRouteTests.byCode(plainCounts)["51"])["lieux"] as? Int == 4)
            let bad = try await client.get("/collections/lieux/items?doublons=garder")
            #expect(bad.status == .badRequest)
            #expect(try bad.object["detail"] as? String == "« garder » n'est pas un traitement des doublons : doublons=fusionner donne un lieu par groupe de doublons.")
        }
    }

    @Test("merged exports: GeoJSON with the records and provenance, CSV of the standard, one row per venue")
    func mergedExports() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let geojson = try await client.get("/export/lieux.geojson?doublons=fusionner")
            #expect(geojson.status == .ok)
            #expect(try geojson.features.count == 5)
            #expect(Self.feature(try geojson.features, "falala")?["membres"] as? [String] == ["reims:falala", "zz-doublons:falala"])
            let csv = try await client.get("/export/lieux.csv?doublons=fusionner")
            #expect(csv.text.split(whereSeparator: \.isNewline).count == 6, "a header and five venues")
        }
    }

    @Test("a venue's duplicates: its group with the evidence of each pair, each record's quality and the merged venue; none for a venue alone")
    func itemDuplicates() async throws {
        try await Fixtures.app(Self.repository()).test(.router) { client in
            let response = try await client.get("/collections/lieux/items/reims:falala/doublons")
            #expect(response.status == .ok)
            let object = try response.object
            let groupe = try #require(object["groupe"] as? [String: Any])
            #expect((groupe["membres"] as? [[String: Any]])?.compactMap { $0["source"] as? String } == ["reims", "zz-doublons"])
            let paire = try #require((groupe["paires"] as? [[String: Any]])?.first)
            #expect(paire["decision"] as? String == "meme")
            let preuves = try #require(paire["preuves"] as? [String: Any])
            #expect(preuves["meme_adresse"] as? Bool == true)
            #expect((preuves["distance_m"] as? Double).map { $0 > 5 && $0 < 20 } == true)
            #expect((preuves["raison"] as? String)?.isEmpty == false)
            let fiches = try #require(object["fiches"] as? [[String: Any]])
            #expect(fiches.count == 2)
            let qualites = fiches.compactMap { $0["qualite"] as? Int }
            #expect(qualites.count == 2 && qualites[0] > qualites[1], "the fuller, fresher record scores higher")
            #expect((object["fusion"] as? [String: Any])?["id"] as? String == "falala")
            let alone = try await client.get("/collections/lieux/items/lyon-tl/doublons").object
            #expect(alone["groupe"] is NSNull)
            #expect(alone["fusion"] == nil)
            #expect(try await client.get("/collections/lieux/items/inconnu/doublons").status == .notFound)
        }
    }
}
