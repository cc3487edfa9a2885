import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import LieuxHTTP

@Suite("The table of endpoints: the router, the 405s, the parameters and /api follow it")
struct EndpointTableTests {
    /// Each path of the table, once.
    static let paths: [String] = {
        var paths: [String] = []
        for endpoint in LieuxAPI.endpoints where !paths.contains(endpoint.path) { paths.append(endpoint.path) }
        return paths
    }()

    /// A value for each path parameter, naming a venue of the fixtures.
    static let samples = ["featureId": "falala", "source": "s", "signalement": "1", "fichier": "leaflet.css", "page": "carte.js"]

    /// `path` with its parameters replaced by samples.
    static func concrete(_ path: String) throws -> String {
        try path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            guard part.hasPrefix(":") else { return String(part) }
            return try #require(samples[String(part.dropFirst())], "no sample value for \(part) in \(path)")
        }.joined(separator: "/")
    }

    /// The `Allow` header a path should answer with, worked out from the table alone.
    static func expectedAllow(_ path: String) -> (methods: Set<HTTPRequest.Method>, header: String) {
        var methods = Set(LieuxAPI.endpoints.filter { $0.path == path }.map(\.method))
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        return (methods, order.filter(methods.contains).map(\.rawValue).joined(separator: ", "))
    }

    @Test("the table has no method twice at one path, and every operationId once")
    func unique() {
        let keys = LieuxAPI.endpoints.map { "\($0.method.rawValue) \($0.path)" }
        #expect(Set(keys).count == keys.count)
        let ids = LieuxAPI.endpoints.map(\.operationId)
        #expect(Set(ids).count == ids.count)
    }

    @Test("every endpoint is routed: its method at its path is neither a 404 nor a 405")
    func routed() async throws {
        try await Fixtures.app().test(.router) { client in
            for endpoint in LieuxAPI.endpoints {
                let uri = try Self.concrete(endpoint.path)
                let response = try await client.execute(
                    uri: uri, method: endpoint.method, body: endpoint.method == .post ? ByteBuffer(string: "{}") : nil)
                // A handler may answer 404 (no such venue; no publishing without a store):
                // never the router's own 404 for an address it does not know.
                if response.status == .notFound {
                    #expect(try response.object["type"] as? String != "urn:lieux:probleme:introuvable", "\(endpoint.method) \(uri)")
                }
                #expect(response.status != .methodNotAllowed, "\(endpoint.method) \(uri)")
            }
        }
    }

    @Test("every method a path of the table does not accept is a 405 whose Allow lists those it does", arguments: paths)
    func methodNotAllowed(path: String) async throws {
        let (allowed, header) = Self.expectedAllow(path)
        let uri = try Self.concrete(path)
        try await Fixtures.app().test(.router) { client in
            for method in [HTTPRequest.Method.get, .head, .post, .put, .patch, .delete] where !allowed.contains(method) {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == header, "\(method) \(uri)")
                if method != .head {
                    #expect(try response.object["type"] as? String == "urn:lieux:probleme:methode-non-autorisee", "\(method) \(uri)")
                }
            }
        }
    }

    @Test("the Allow header of a read and of a POST route")
    func allowHeaders() {
        #expect(Self.expectedAllow("/collections/lieux/items").header == "GET, HEAD, POST, OPTIONS")
        #expect(Self.expectedAllow("/collections/lieux/items/:featureId").header == "GET, HEAD, PUT, PATCH, DELETE, OPTIONS")
        #expect(Self.expectedAllow("/validate").header == "POST, OPTIONS")
        let computed = Endpoint.methodsByPath(LieuxAPI.endpoints)
        #expect(computed.map(\.path) == Self.paths)
        for (path, allowed) in computed {
            #expect(allowed.map(\.rawValue).joined(separator: ", ") == Self.expectedAllow(path).header, "\(path)")
        }
    }

    @Test("a query parameter an endpoint does not list is a 400 that lists those it does")
    func unknownParameter() async throws {
        try await Fixtures.app().test(.router) { client in
            for endpoint in LieuxAPI.endpoints {
                let uri = try Self.concrete(endpoint.path) + "?inconnu=1"
                let response = try await client.execute(
                    uri: uri, method: endpoint.method, body: endpoint.method == .post ? ByteBuffer(string: "{}") : nil)
                #expect(response.status == .badRequest, "\(endpoint.method) \(uri)")
                let object = try response.object
                #expect(object["type"] as? String == "urn:lieux:probleme:parametre-inconnu", "\(endpoint.method) \(uri)")
                #expect(object["valeurs_autorisees"] as? [String] == endpoint.parameters, "\(endpoint.method) \(uri)")
            }
        }
    }

    @Test("every endpoint is in /api under its path and method, and /api has no other operation")
    func documented() async throws {
        try await Fixtures.app().test(.router) { client in
            let paths = try #require(try await client.get("/api").object["paths"] as? [String: [String: Any]])
            for endpoint in LieuxAPI.endpoints where endpoint.documented {
                let operation = paths[endpoint.openAPIPath]?[endpoint.method.rawValue.lowercased()] as? [String: Any]
                #expect(operation?["operationId"] as? String == endpoint.operationId, "\(endpoint.method) \(endpoint.openAPIPath)")
                let parameters = (operation?["parameters"] as? [[String: String]] ?? []).compactMap { $0["$ref"]?.split(separator: "/").last }
                #expect(
                    parameters.map(String.init) == (endpoint.pathParameters + endpoint.parameters).map { endpoint.components[$0] ?? $0 },
                    "\(endpoint.openAPIPath)")
            }
            #expect(paths.values.map(\.count).reduce(0, +) == LieuxAPI.endpoints.count { $0.documented })
        }
    }

    @Test("the path of an endpoint in OpenAPI form")
    func openAPIPath() {
        let item = LieuxAPI.endpoints.first { $0.operationId == "getOpeningHours" }
        #expect(item?.openAPIPath == "/collections/lieux/items/{featureId}/horaires")
        #expect(item?.pathParameters == ["featureId"])
        #expect(LieuxAPI.endpoints.first?.openAPIPath == "/")
    }

    @Test("the landing page links to the endpoints that ask for it, with their rel")
    func landingLinks() async throws {
        try await Fixtures.app().test(.router) { client in
            let links = try #require(try await client.get("/").object["links"] as? [[String: Any]])
            for endpoint in LieuxAPI.endpoints {
                for link in endpoint.landingLinks {
                    let href = "http://localhost" + endpoint.path + (link.format.map { "?f=\($0)" } ?? "")
                    #expect(
                        links.contains { $0["rel"] as? String == link.rel && $0["type"] as? String == link.type && $0["href"] as? String == href },
                        "\(link.rel) \(endpoint.path)")
                }
            }
        }
    }

    @Test("an endpoint for a source's token requires bearerAuth and may answer 401, 403 and 429; public ones do not")
    func sourceScope() throws {
        let text = OpenAPIDocument.document(serverURL: "", endpoints: LieuxAPI.endpoints).text
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(object["paths"] as? [String: [String: Any]])
        #expect(LieuxAPI.endpoints.contains { $0.scope == .source })
        for endpoint in LieuxAPI.endpoints where endpoint.documented {
            let operation = try #require(paths[endpoint.openAPIPath]?[endpoint.method.rawValue.lowercased()] as? [String: Any])
            let responses = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
            if endpoint.scope == .source {
                #expect(operation["security"] as? [[String: [String]]] == [["bearerAuth": []]], "\(endpoint.operationId)")
                #expect(responses.isSuperset(of: ["401", "403", "429"]), "\(endpoint.operationId)")
            } else {
                #expect(operation["security"] == nil, "\(endpoint.operationId)")
                #expect(!responses.contains("401") && !responses.contains("403"), "\(endpoint.operationId)")
            }
            #expect(responses.contains(String(endpoint.success.status)), "\(endpoint.operationId)")
        }
        let components = try #require(object["components"] as? [String: Any])
        let scheme = (components["securitySchemes"] as? [String: Any])?["bearerAuth"] as? [String: Any]
        #expect(scheme?["type"] as? String == "http")
        #expect(scheme?["scheme"] as? String == "bearer")
        let componentResponses = try #require(components["responses"] as? [String: Any])
        for name in ["Unauthorized", "Forbidden", "TooManyRequests", "Conflict", "UnprocessableContent"] {
            #expect(componentResponses[name] != nil, "\(name)")
        }
    }
}
