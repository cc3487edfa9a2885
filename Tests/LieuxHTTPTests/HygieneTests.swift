import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import Testing

@Suite("HTTP hygiene: ETag, Cache-Control, CORS, gzip")
struct HygieneTests {
    @Test("every GET has an ETag and Cache-Control; If-None-Match gives 304")
    func etag() async throws {
        try await Fixtures.app().test(.router) { client in
            for path in ["/", "/conformance", "/api", "/collections", "/collections/lieux", "/collections/lieux/queryables",
                "/collections/lieux/items?limit=2", "/collections/lieux/items/falala", "/export/lieux.csv"]
            {
                let response = try await client.get(path)
                #expect(response.status == .ok, "\(path)")
                let tag = try #require(response.headers[.eTag], "\(path)")
                #expect(tag.hasPrefix("W/\""))
                #expect(response.headers[.cacheControl] == "public, max-age=60")
                let again = try await client.get(path, [.ifNoneMatch: tag])
                #expect(again.status == .notModified, "\(path)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == tag)
                let other = try await client.get(path, [.ifNoneMatch: "W/\"autre\", \"encore\""])
                #expect(other.status == .ok)
                #expect(try await client.get(path, [.ifNoneMatch: "*"]).status == .notModified)
            }
            let health = try await client.get("/health")
            #expect(health.headers[.eTag] == nil)
            #expect(health.headers[.cacheControl] == "no-store")
        }
    }

    @Test("the ETag changes when the data changes, and with the representation")
    func etagChanges() async throws {
        let repository = Fixtures.repository()
        try await Fixtures.app(repository).test(.router) { client in
            let before = try #require(try await client.get("/collections/lieux/items").headers[.eTag])
            let html = try #require(try await client.get("/collections/lieux/items", [.accept: "text/html"]).headers[.eTag])
            #expect(html != before)
            repository.replace(Array(Fixtures.lieux.prefix(2)))
            let stale = try await client.get("/collections/lieux/items", [.ifNoneMatch: before])
            #expect(stale.status == .ok)
            #expect(try stale.object["numberMatched"] as? Int == 2)
            #expect(stale.headers[.eTag] != before)
        }
    }

    @Test("answers to ouvert=maintenant get a new ETag each minute")
    func etagOpenNow() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_781_683_200))
        try await Fixtures.app(configure: { $0.now = { clock.now } }).test(.router) { client in
            let first = try await client.get("/collections/lieux/items?ouvert=maintenant").headers[.eTag]
            let plain = try await client.get("/collections/lieux/items").headers[.eTag]
            clock.advance(by: 61)
            #expect(try await client.get("/collections/lieux/items?ouvert=maintenant").headers[.eTag] != first)
            #expect(try await client.get("/collections/lieux/items").headers[.eTag] == plain)
        }
    }

    @Test("errors are not cached and carry no ETag")
    func errorsNotCached() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get("/collections/lieux/items?bbox=x")
            #expect(response.headers[.eTag] == nil)
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test("CORS: a preflight is answered 204 with the allowed methods and headers")
    func preflight() async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/collections/lieux/items", method: .options,
                headers: [.origin: "https://carte.exemple.fr", .accessControlRequestMethod: "GET", .accessControlRequestHeaders: "If-None-Match"])
            #expect(response.status == .noContent)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[.accessControlAllowMethods]?.contains("GET") == true)
            #expect(response.headers[.accessControlAllowMethods]?.contains("HEAD") == true)
            #expect(response.headers[.accessControlAllowMethods]?.contains("OPTIONS") == true)
            #expect(response.headers[.accessControlAllowHeaders] == "If-None-Match")
            #expect(response.headers[.accessControlMaxAge] == "86400")
            let plain = try await client.execute(uri: "/", method: .options)
            #expect(plain.status == .noContent)
            #expect(plain.headers[.allow] == "GET, HEAD, OPTIONS", "the methods of / only")
            let validate = try await client.execute(uri: "/validate", method: .options)
            #expect(validate.status == .noContent)
            #expect(validate.headers[.allow] == "POST, OPTIONS", "the methods of /validate only")
        }
    }

    @Test("CORS: responses allow any origin and expose ETag", arguments: ["/collections/lieux/items", "/nulle-part", "/collections/lieux/items?bbox=x"])
    func corsHeaders(_ path: String) async throws {
        try await Fixtures.app().test(.router) { client in
            let response = try await client.get(path, [.origin: "https://carte.exemple.fr"])
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let exposed = try #require(response.headers[.accessControlExposeHeaders])
            #expect(exposed.contains("ETag"))
            #expect(exposed.contains("Content-Disposition"))
        }
    }

    @Test("HEAD answers the headers of GET without a body")
    func head() async throws {
        try await Fixtures.app().test(.router) { client in
            let get = try await client.get("/collections/lieux/items")
            let head = try await client.execute(uri: "/collections/lieux/items", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.contentType] == "application/geo+json")
            let export = try await client.execute(uri: "/export/lieux.geojson", method: .head)
            #expect(export.status == .ok)
            #expect(export.body.readableBytes == 0)
        }
    }

    @Test("gzip when the client accepts it: the body gunzips to the same document")
    func gzip() async throws {
        try await Fixtures.app().test(.router) { client in
            for path in ["/collections/lieux/items", "/api", "/export/lieux.geojson", "/export/lieux.csv", "/collections/lieux/items?f=html"] {
                let plain = try await client.get(path)
                #expect(plain.headers[.contentEncoding] == nil)
                let compressed = try await client.get(path, [.acceptEncoding: "gzip, deflate, br"])
                #expect(compressed.status == .ok)
                #expect(compressed.headers[.contentEncoding] == "gzip", "\(path)")
                #expect(compressed.headers[.vary]?.contains("Accept-Encoding") == true)
                #expect(compressed.body.readableBytes < plain.body.readableBytes)
                let text = try compressed.gunzipped
                if path.contains("items") && !path.contains("html") {
                    // Same document but for its time stamp, which is fixed here.
                    #expect(text == plain.text)
                } else {
                    #expect(text == plain.text, "\(path)")
                }
            }
            let refused = try await client.get("/api", [.acceptEncoding: "gzip;q=0, identity"])
            #expect(refused.headers[.contentEncoding] == nil)
            let small = try await client.get("/conformance", [.acceptEncoding: "gzip"])
            #expect(small.headers[.contentEncoding] == nil)
        }
    }
}

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ date: Date) { self.date = date }

    var now: Date { lock.withLock { date } }

    func advance(by seconds: TimeInterval) { lock.withLock { date += seconds } }
}
