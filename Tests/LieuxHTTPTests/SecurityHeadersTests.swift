import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import LieuxHTTP

@Suite("Security headers")
struct SecurityHeadersTests {
    func app() -> some ApplicationProtocol {
        Fixtures.app { configuration in
            configuration.tiles = "https://{s}.tuiles.exemple.fr/{z}/{x}/{y}.png"
            configuration.geocoder = "https://adresse.exemple.fr/api"
        }
    }

    @Test("HTML pages carry a policy that allows the service, the tile server and the geocoder, and nothing inline but the pages' style")
    func html() async throws {
        try await app().test(.router) { client in
            for path in ["/", "/?f=html", "/collections?f=html", "/api?f=html", "/collections/lieux/items?f=html&limit=2"] {
                let response = try await client.get(path, [.accept: "text/html"])
                #expect(response.status == .ok, "\(path)")
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(path)")
                #expect(policy.contains("default-src 'self'"))
                #expect(policy.contains("script-src 'self';"), "no inline script, no eval")
                #expect(policy.contains("img-src 'self' data: https://*.tuiles.exemple.fr;"))
                #expect(policy.contains("connect-src 'self' https://adresse.exemple.fr;"))
                #expect(policy.contains("object-src 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                let html = response.text
                #expect(!html.contains(" style=\""), "\(path): no style attribute, which the policy would block")
                #expect(!html.contains(" onclick="), "\(path): no inline handler")
            }
        }
    }

    @Test("the inline style of the HTML pages is the one the policy allows by its hash")
    func styleHash() async throws {
        try await app().test(.router) { client in
            let response = try await client.get("/?f=html")
            let html = response.text
            let start = try #require(html.range(of: "<style>")), end = try #require(html.range(of: "</style>"))
            let style = String(html[start.upperBound..<end.lowerBound])
            let expected = SecurityHeadersMiddleware<LieuxRequestContext>.policy(tiles: "", geocoder: "")
            #expect(style == HTMLPage.style)
            #expect(expected.contains("style-src 'self' 'sha256-"))
            // Independently of the middleware's code: the hash of what the page holds.
            let hash = try Self.sha256Base64(style)
            #expect(response.headers[.contentSecurityPolicy]?.contains("'sha256-\(hash)'") == true)
        }
    }

    @Test("JSON and files get nosniff but no policy; problems too")
    func others() async throws {
        try await app().test(.router) { client in
            let json = try await client.get("/collections/lieux/items?limit=1")
            #expect(json.headers[.xContentTypeOptions] == "nosniff")
            #expect(json.headers[.contentSecurityPolicy] == nil)
            let problem = try await client.get("/collections/lieux/items?limit=abc")
            #expect(problem.status == .badRequest)
            #expect(problem.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test("origins of tile templates and geocoders", arguments: [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.exemple.fr/{z}/{x}/{y}.png", "https://*.tile.exemple.fr"),
        ("http://127.0.0.1:8081", "http://127.0.0.1:8081"),
        ("https://{a-c}.exemple.fr/{z}", "https:"),
        ("aucun", nil), ("", nil), ("javascript:alert(1)", nil), ("https://exemple.fr'; script-src *", "https:"),
    ] as [(String, String?)])
    func origins(template: String, origin: String?) {
        #expect(SecurityHeadersMiddleware<LieuxRequestContext>.origin(of: template) == origin)
    }

    /// SHA-256 by Python's hashlib, base64: a check that does not reuse the service's code.
    static func sha256Base64(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import base64, hashlib, sys; print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
        ]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
