import Foundation
import Hummingbird
import LieuxModel
import Logging

/// The routes of the service, over one repository. Each concern has its file:
/// `+Core` (OGC landing page, conformance, collections, queryables, OpenAPI), `+Items`,
/// `+Export`, `+Validate`, `+Health`.
struct LieuxAPI: Sendable {
    let configuration: ServerConfiguration
    let repository: any LieuRepository
    let logger: Logger
    let exports: ExportLimiter

    /// The id of the one collection.
    static let collectionId = "lieux"

    init(configuration: ServerConfiguration, repository: any LieuRepository, logger: Logger) {
        self.configuration = configuration
        self.repository = repository
        self.logger = logger
        exports = ExportLimiter(maximum: configuration.maximumConcurrentExports)
    }

    /// The routes, with the methods each accepts; other methods get 405.
    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/", use: landingPage)
        router.get("/conformance", use: conformance)
        router.get("/api", use: openAPI)
        router.get("/collections", use: collections)
        router.get("/collections/lieux", use: collection)
        router.get("/collections/lieux/queryables", use: queryables)
        router.get("/collections/lieux/items", use: items)
        router.get("/collections/lieux/items/:featureId", use: item)
        router.get("/collections/lieux/items/:featureId/horaires", use: horaires)
        router.post("/collections/lieux/search", use: search)
        router.get("/export/lieux.geojson") { request, _ in try await export(request, format: .geoJSON) }
        router.get("/export/lieux.geojsonseq") { request, _ in try await export(request, format: .geoJSONSeq) }
        router.get("/export/lieux.csv") { request, _ in try await export(request, format: .csv) }
        router.post("/validate", use: validate)

        let reads: [RouterPath] = [
            "/", "/conformance", "/api", "/collections", "/collections/lieux", "/collections/lieux/queryables",
            "/collections/lieux/items", "/collections/lieux/items/:featureId", "/export/lieux.geojson",
            "/export/lieux.geojsonseq", "/export/lieux.csv", "/health",
        ]
        for path in reads { Self.refuse([.post, .put, .patch, .delete], at: path, allowed: [.get, .head, .options], on: router) }
        for path in ["/collections/lieux/search", "/validate"] as [RouterPath] {
            Self.refuse([.get, .put, .patch, .delete], at: path, allowed: [.post, .options], on: router)
        }
    }

    /// Answers 405 to `methods` at `path`.
    static func refuse(
        _ methods: [HTTPRequest.Method], at path: RouterPath, allowed: [HTTPRequest.Method], on router: Router<BasicRequestContext>
    ) {
        for method in methods {
            router.on(path, method: method) { request, _ -> Response in
                throw Problem.methodNotAllowed(request.method, allowed: allowed)
            }
        }
    }

    // MARK: Shared steps

    /// The query parameters, checked against the names a route accepts.
    func parameters(_ request: Request, allowed: [String]) throws(Problem) -> QueryParameters {
        let parameters = try QueryParameters(query: request.uri.query)
        for name in parameters.names where !allowed.contains(name) {
            throw Problem.unknownParameter(name, allowed: allowed)
        }
        return parameters
    }

    /// A 404 problem when the query names an area the repository does not know.
    func checkArea(_ spatial: SpatialFilter) async throws {
        guard case .within(let area) = spatial else { return }
        guard try await repository.hasArea(area) else {
            throw Problem(
                status: .notFound, code: "territoire-inconnu", title: "Territoire inconnu",
                detail: "Le territoire « \(area) » n'est pas connu du service : vérifiez le code (code INSEE de la commune, code du département ou de la région).",
                parameter: "within")
        }
    }

    func links(_ request: Request) -> LinkBuilder {
        LinkBuilder(configuration: configuration, request: request)
    }

    /// A JSON document as a 200 response.
    static func json(_ value: JSONValue, type: String = MediaType.json) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }

    /// An instant as RFC 3339 in UTC, to the second (`2026-03-01T09:30:00Z`).
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!))
    }
}
