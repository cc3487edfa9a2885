import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxExport
@testable import LieuxHTTP
import LieuxModel
import LieuxTestSupport
import Testing

@Suite("GET /export/lieux.{geojson,geojsonseq,csv}")
struct ExportRouteTests {
    /// `count` venues spread over the Marne, with long texts so that exports span many chunks.
    static func many(_ count: Int) -> [FoundLieu] {
        (0..<count).map { index in
            var lieu = Fixtures.lieu(
                String(format: "lieu-%05d", index), "Lieu numéro \(index)", commune: "Reims", codePostal: "51100", codeINSEE: "51454",
                adresse: "\(index) rue de l'Exemple", latitude: 49 + Double(index % 100) / 200, longitude: 4 + Double(index / 100) / 200,
                services: index.isMultiple(of: 2) ? [.aideAuxDemarchesAdministratives] : [.loisirsEtCreationsNumeriques],
                typologies: ["EPN"])
            lieu.presentationDetail = String(repeating: "Présentation détaillée du lieu. ", count: 10)
            return FoundLieu(lieu: lieu, source: index < count / 2 ? "a" : "b")
        }
    }

    @Test("GeoJSON: a FeatureCollection of every matching venue, with source_import")
    func geoJSON() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/export/lieux.geojson")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/geo+json")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"lieux.geojson\"")
            let object = try response.object
            #expect(object["type"] as? String == "FeatureCollection")
            #expect(try response.ids.count == 6)
            let filtered = try await client.get("/export/lieux.geojson?departement=51&sortby=nom")
            #expect(try filtered.ids == ["orgeval", "epernay-fs", "falala", "falala"])
            let near = try await client.get("/export/lieux.geojson?lat=49.2535&lon=4.0316&radius=3000")
            #expect(try near.features.allSatisfy { ($0["properties"] as? [String: Any])?["distance"] is Double })
        }
    }

    @Test("GeoJSON text sequences: one feature per record, each after 0x1E")
    func geoJSONSeq() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/export/lieux.geojsonseq?source=reims")
            #expect(response.headers[.contentType] == "application/geo+json-seq")
            let records = response.text.split(separator: "\u{1E}")
            #expect(records.count == 2)
            for record in records {
                #expect(record.hasSuffix("\n"))
                let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any]
                #expect(object?["type"] as? String == "Feature")
            }
            let none = try await client.get("/export/lieux.geojsonseq?source=personne")
            #expect(none.status == .ok)
            #expect(none.body.readableBytes == 0)
        }
    }

    @Test("CSV: the columns of the standard, one row per venue")
    func csv() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/export/lieux.csv?code_postal=51100")
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8; header=present")
            let lines = response.text.split(separator: "\r\n")
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("id,pivot,nom,commune,code_postal"))
            let empty = try await client.get("/export/lieux.csv?source=personne")
            #expect(empty.text.split(separator: "\r\n").count == 1)
        }
    }

    @Test("a large export streams in chunks and holds every venue, in order", arguments: [false, true])
    func large(_ gzip: Bool) async throws {
        let lieux = Self.many(3_000)
        try await Fixtures.app(Fixtures.repository(lieux)).test(.router) { client in
            let response = try await client.get("/export/lieux.geojson", gzip ? [.acceptEncoding: "gzip"] : [:])
            #expect(response.status == .ok)
            #expect(response.headers[.contentLength] == nil)
            let text = gzip ? try response.gunzipped : response.text
            #expect(text.utf8.count > 3 * ExportChunk.size)
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let features = object?["features"] as? [[String: Any]] ?? []
            #expect(features.count == 3_000)
            #expect(features.compactMap { $0["id"] as? String } == lieux.map(\.lieu.id.rawValue))
            let csv = try await client.get("/export/lieux.csv?services=Aide+aux+d%C3%A9marches+administratives")
            #expect(csv.text.split(separator: "\r\n").count == 1_501)
        }
    }

    @Test("exports run a few at a time: over the limit, 503 with Retry-After")
    func busy() async throws {
        try await Fixtures.app(configure: { $0.maximumConcurrentExports = 1 }).test(.router) { client in
            // The first export's body is never read: its producer holds the only place
            // until the response is dropped.
            let limiter = ExportLimiter(maximum: 1)
            #expect(limiter.acquire())
            #expect(!limiter.acquire())
            limiter.release()
            #expect(limiter.acquire())
            let response = try await client.get("/export/lieux.csv")
            #expect(response.status == .ok)
            let again = try await client.get("/export/lieux.csv")
            #expect(again.status == .ok, "la place est rendue à la fin de l'export")
        }
    }

    @Test("an export whose body is never written (HEAD) stops its reading and gives its place back")
    func headGivesThePlaceBack() async throws {
        try await Fixtures.app(Fixtures.repository(Self.many(3_000)), configure: { $0.maximumConcurrentExports = 1 }).test(.router) { client in
            for format in ["geojson", "csv", "geojsonseq"] {
                let head = try await client.execute(uri: "/export/lieux.\(format)", method: .head)
                #expect(head.status == .ok)
                #expect(head.body.readableBytes == 0)
                let get = try await client.get("/export/lieux.\(format)")
                #expect(get.status == .ok, "\(format) : la place est rendue quand le corps est abandonné")
                #expect(get.text.utf8.count > 64 * 1024, "\(format) : plus d'un morceau")
            }
        }
    }
}

/// The size of export chunks, as the service uses it.
enum ExportChunk {
    static let size = 64 * 1024
}
