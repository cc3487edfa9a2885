import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import Testing

@testable import LieuxHTTP

/// Requests meant to cost the service memory or time, in process (tools/hostile-requests sends
/// the same and more over a socket, to a running service).
@Suite("Hostile requests")
struct HostileRequestTests {
    func problemCode(_ response: TestResponse) throws -> String? {
        #expect(response.headers[.contentType] == "application/problem+json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        #expect((object["detail"] as? String)?.isEmpty == false)
        return (object["type"] as? String)?.replacingOccurrences(of: "urn:lieux:probleme:", with: "")
    }

    @Test("a compressed body is refused with 415 before it is read, with Accept-Encoding: identity", arguments: ["gzip", "deflate", "br", "GZIP, identity"])
    func compressedBody(_ encoding: String) async throws {
        try await Fixtures.app().test(.router) { client in
            for (uri, type) in [("/validate", "text/csv"), ("/collections/lieux/search", "application/geo+json")] {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: type, .contentEncoding: encoding],
                    body: ByteBuffer(bytes: [0x1f, 0x8b, 0x08, 0x00]))
                #expect(response.status == .unsupportedMediaType, "\(uri)")
                #expect(try problemCode(response) == "corps-compresse")
                #expect(response.headers[.acceptEncoding] == "identity")
            }
            let plain = try await client.execute(
                uri: "/validate", method: .post, headers: [.contentType: "text/csv", .contentEncoding: "identity"],
                body: ByteBuffer(string: "id,nom\n"))
            #expect(plain.status == .ok, "identity is no compression")
        }
    }

    @Test("a polygon of more than 100,000 positions is a 400 that says to simplify it; a body over 5 MB a 413")
    func hugePolygon() async throws {
        @Sendable func polygon(_ count: Int) -> String {
            let ring = (0..<count).map { "[\(Double($0 % 1000) / 1000),\(Double($0 / 1000) / 1000)]" }.joined(separator: ",")
            return #"{"type":"Polygon","coordinates":[["# + ring + ",[0.0,0.0]]]}"
        }
        try await Fixtures.app().test(.router) { client in
            let many = try await client.execute(
                uri: "/collections/lieux/search", method: .post, headers: [.contentType: "application/geo+json"],
                body: ByteBuffer(string: polygon(GeoJSONPolygonBody.maximumPositions + 10)))
            #expect(many.status == .badRequest)
            #expect(try problemCode(many) == "corps-invalide")
            #expect(String(buffer: many.body).contains("simplifiez"))
            let large = try await client.execute(
                uri: "/collections/lieux/search", method: .post, headers: [.contentType: "application/geo+json"],
                body: ByteBuffer(string: String(repeating: " ", count: GeoJSONPolygonBody.maximumSize + 1) + polygon(4)))
            #expect(large.status == .contentTooLarge)
            let fine = try await client.execute(
                uri: "/collections/lieux/search", method: .post, headers: [.contentType: "application/geo+json"],
                body: ByteBuffer(string: polygon(50_000)))
            #expect(fine.status == .ok, "\(String(buffer: fine.body).prefix(300))")
        }
    }

    @Test("what the HTTP parser refuses is a problem in French, with the status that says why")
    func parserErrors() throws {
        let overflow = ParserErrorHandler.problem(.headerOverflow)
        #expect(overflow.status.code == 431)
        #expect(overflow.code == "en-tetes-trop-grands")
        #expect(ParserErrorHandler.problem(.invalidContentLength).code == "longueur-invalide")
        #expect(ParserErrorHandler.problem(.invalidURL).code == "adresse-invalide")
        #expect(ParserErrorHandler.problem(.invalidChunkSize).status == .badRequest)
        for error in [HTTPParserError.headerOverflow, .invalidContentLength, .invalidURL, .invalidChunkSize, .invalidMethod] {
            let detail = ParserErrorHandler.problem(error).detail
            #expect(detail.contains(" : ") && detail.contains("ê"), "\(error): \(detail)")
            #expect(!detail.contains("\(error)"), "no Swift name in what people read")
        }
    }

    @Test("10,000 unknown parameters are one 400 naming the first, and the answer stays small")
    func manyParameters() async throws {
        try await Fixtures.app().test(.router) { client in
            let query = (0..<10_000).map { "p\($0)=1" }.joined(separator: "&")
            let response = try await client.get("/collections/lieux/items?" + query)
            #expect(response.status == .badRequest)
            #expect(try problemCode(response) == "parametre-inconnu")
            #expect(String(buffer: response.body).contains("« p0 »"))
            #expect(response.body.readableBytes < 4096)
        }
    }
}
