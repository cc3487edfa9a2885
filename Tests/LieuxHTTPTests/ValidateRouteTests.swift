import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxTestSupport
import Testing

@Suite("POST /validate")
struct ValidateRouteTests {
    static var demoCSV: String {
        get throws {
            try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), encoding: .utf8)
        }
    }

    @Test("a valid CSV gives the report of lieux validate, valid")
    func validCSV() async throws {
        let csv = try Self.demoCSV
        try await Fixtures.app().test(.router) { client in
            let response = try await client.post("/validate", body: csv, [.contentType: "text/csv"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let object = try response.object
            #expect(object["valid"] as? Bool == true)
            let tasks = try #require(object["tasks"] as? [[String: Any]])
            #expect(tasks.count == 1)
            #expect(((tasks[0]["stats"] as? [String: Any])?["rows"] as? Int ?? 0) > 0)
            // Without a type, the format is guessed.
            let guessed = try await client.post("/validate", body: csv)
            #expect(try guessed.object["valid"] as? Bool == true)
        }
    }

    @Test("an invalid CSV gives 200 and a report of its errors, in French")
    func invalidCSV() async throws {
        var lines = try Self.demoCSV.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: ",2025-10-02,", with: ",02/10/2025,")
        let csv = lines.joined(separator: "\n")
        try await Fixtures.app().test(.router) { client in
            let response = try await client.post("/validate", body: csv, [.contentType: "text/csv; charset=utf-8"])
            #expect(response.status == .ok)
            let object = try response.object
            #expect(object["valid"] as? Bool == false)
            let task = try #require((object["tasks"] as? [[String: Any]])?.first)
            let errors = try #require(task["errors"] as? [[String: Any]])
            #expect(errors.contains { $0["fieldName"] as? String == "date_maj" && $0["rowNumber"] as? Int == 2 })
        }
    }

    @Test("a JSON array of objects is validated as JSON")
    func json() async throws {
        let body = #"[{"id":"a","nom":"Lieu sans le reste"}]"#
        try await Fixtures.app().test(.router) { client in
            let response = try await client.post("/validate?schema_version=1.0.2", body: body, [.contentType: "application/json"])
            #expect(response.status == .ok)
            let object = try response.object
            #expect(object["valid"] as? Bool == false)
            #expect((object["tasks"] as? [[String: Any]])?.first?["format"] as? String == "json")
        }
    }

    @Test("a body above the limit is a 413; an unknown version a 400; another type a 415")
    func limits() async throws {
        try await Fixtures.app(configure: { $0.maximumBodySize = 1024 }).test(.router) { client in
            let large = try await client.post("/validate", body: String(repeating: "a,b\n", count: 1_000), [.contentType: "text/csv"])
            #expect(large.status == .contentTooLarge)
            #expect(large.headers[.contentType] == "application/problem+json")
            #expect((try large.object["detail"] as? String)?.contains("1 ko") == true)
            let version = try await client.post("/validate?schema_version=2.0", body: "id\n")
            #expect(version.status == .badRequest)
            let type = try await client.post("/validate", body: "%PDF", [.contentType: "application/pdf"])
            #expect(type.status == .unsupportedMediaType)
        }
    }
}
