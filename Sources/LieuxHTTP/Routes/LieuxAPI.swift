import Foundation
import Hummingbird
import LieuxModel
import LieuxSchema
import Logging

/// The routes of the service, over one repository. Their table is `+Endpoints`; each
/// concern has its file: `+Core` (OGC landing page, conformance, collections, queryables,
/// OpenAPI), `+Items`, `+Horaires`, `+Export`, `+Validate`, `+Health`.
struct LieuxAPI: Sendable {
    let configuration: ServerConfiguration
    let repository: any LieuRepository
    let logger: Logger
    let exports: ExportLimiter
    /// Tokens, imports, writes and reports; `nil`: a read-only service.
    let publisher: (any SourcePublisher)?
    /// Failed token checks per address (429 beyond ``ServerConfiguration/failedTokenLimit``).
    let failedTokens: AttemptLimiter
    /// Reports per address (429 beyond ``ServerConfiguration/reportLimit``).
    let reports: AttemptLimiter

    /// The id of the one collection.
    static let collectionId = "lieux"

    init(configuration: ServerConfiguration, repository: any LieuRepository, publisher: (any SourcePublisher)?, logger: Logger) {
        self.configuration = configuration
        self.repository = repository
        self.publisher = publisher
        self.logger = logger
        exports = ExportLimiter(maximum: configuration.maximumConcurrentExports)
        failedTokens = AttemptLimiter(limit: configuration.failedTokenLimit, window: .seconds(configuration.failedTokenWindow))
        reports = AttemptLimiter(limit: configuration.reportLimit, window: .seconds(600))
    }

    /// Registers `endpoints` (of ``endpoints``): each answers after its query parameters are
    /// checked against those it accepts (400 for any other).
    func addRoutes(_ endpoints: [Endpoint], to router: Router<LieuxRequestContext>) {
        for endpoint in endpoints {
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                let parameters = try QueryParameters(query: request.uri.query)
                for name in parameters.names where !endpoint.parameters.contains(name) {
                    throw Problem.unknownParameter(name, allowed: endpoint.parameters)
                }
                // `f` names a format on every route that takes it, JSON-only ones too.
                if endpoint.parameters.contains("f") { try MediaFormat.checkParameter(parameters) }
                return try await endpoint.handler(self, request, context)
            }
        }
    }

    /// Answers 405, with `Allow`, to every method of ``Endpoint/routableMethods`` that no
    /// endpoint of a path accepts. HEAD is not registered: the router answers it as GET (the
    /// endpoint or the 405), without the body (`autoGenerateHeadEndpoints`).
    static func addMethodNotAllowed(for endpoints: [Endpoint], to router: Router<LieuxRequestContext>) {
        for (path, allowed) in Endpoint.methodsByPath(endpoints) {
            for method in Endpoint.routableMethods where method != .head && !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw Problem.methodNotAllowed(request.method, allowed: allowed)
                }
            }
        }
    }

    // MARK: Shared steps

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
