import Hummingbird

/// One operation of the service: a method at a path, what it accepts, what it answers, and
/// the handler that answers it.
///
/// The table of every endpoint is ``LieuxAPI/endpoints``. The router registers it, answers
/// 405 for the other methods of its paths, checks query parameters against it, and the
/// OpenAPI document and the landing page are written from it.
struct Endpoint: Sendable {
    typealias Handler = @Sendable (LieuxAPI, Request, LieuxRequestContext) async throws -> Response

    /// Who may call the endpoint.
    enum Scope: Sendable {
        /// Anyone.
        case `public`
        /// The holder of a bearer token for the source named in the path or the body. The
        /// router does not check tokens: the handler does. The OpenAPI document declares the
        /// `bearerAuth` security scheme and the 401 and 403 answers.
        case source
    }

    /// The tag of the operation in the OpenAPI document, which groups operations.
    enum Tag: String, Sendable, CaseIterable {
        case capacites = "Capacités"
        case donnees = "Données"
        case outils = "Outils"
        case publication = "Publication"

        /// What the operations of the tag are about.
        var description: String {
            switch self {
            case .capacites: return "Description du service"
            case .donnees: return "Les lieux"
            case .outils: return "Exports et validation"
            case .publication: return "Écritures des producteurs (jeton d'une source) et signalements des utilisateurs"
            }
        }
    }

    /// The schema of a body, as the OpenAPI document declares it.
    enum Schema: Sendable, Equatable {
        /// One of the schemas of the document's components, by name.
        case component(String)
        case object
        case text
        case arrayOfObjects
    }

    /// A media type and the schema of the bodies of that type.
    struct Content: Sendable {
        var type: String
        var schema: Schema

        init(_ type: String, _ schema: Schema) {
            self.type = type
            self.schema = schema
        }
    }

    /// The answer when all goes well (200, or 201 for a creation, 204 without a body): what
    /// it is and the media types it comes in.
    struct Success: Sendable {
        var description: String
        var content: [Content]
        var status: Int

        init(_ description: String, _ content: [Content], status: Int = 200) {
            self.description = description
            self.content = content
            self.status = status
        }

        /// A document of the service in JSON (with the schema `component`) or HTML.
        static func document(_ component: String) -> Success {
            Success("Le document", [Content(MediaType.json, .component(component)), Content(MediaType.html, .text)])
        }

        /// A page of venues: a GeoJSON FeatureCollection, or HTML.
        static let featurePage = Success(
            "Une page de lieux", [Content(MediaType.geoJSON, .component("featureCollectionGeoJSON")), Content(MediaType.html, .text)])
    }

    /// An answer other than 200, by the name of its response in the OpenAPI components.
    enum Failure: String, Sendable, CaseIterable {
        case notModified = "NotModified"
        case badRequest = "BadRequest"
        case unauthorized = "Unauthorized"
        case forbidden = "Forbidden"
        case notFound = "NotFound"
        case notAcceptable = "NotAcceptable"
        case contentTooLarge = "ContentTooLarge"
        case unsupportedMediaType = "UnsupportedMediaType"
        case conflict = "Conflict"
        case unprocessable = "UnprocessableContent"
        case tooManyRequests = "TooManyRequests"
        case serverError = "ServerError"
        case serviceUnavailable = "ServiceUnavailable"

        var status: HTTPResponse.Status {
            switch self {
            case .notModified: return .notModified
            case .badRequest: return .badRequest
            case .unauthorized: return .unauthorized
            case .forbidden: return .forbidden
            case .notFound: return .notFound
            case .notAcceptable: return .notAcceptable
            case .contentTooLarge: return .contentTooLarge
            case .unsupportedMediaType: return .unsupportedMediaType
            case .conflict: return .conflict
            case .unprocessable: return .unprocessableContent
            case .tooManyRequests: return .tooManyRequests
            case .serverError: return .internalServerError
            case .serviceUnavailable: return .serviceUnavailable
            }
        }
    }

    /// A link of the landing page to this endpoint's path (a path without parameters).
    struct LandingLink: Sendable {
        var rel: String
        var type: String
        var title: String
        /// The `f` parameter of the link, if it names a format.
        var format: String?

        init(rel: String, type: String, title: String, format: String? = nil) {
            self.rel = rel
            self.type = type
            self.title = title
            self.format = format
        }
    }

    var method: HTTPRequest.Method
    /// The path as the router matches it: `/collections/lieux/items/:featureId`.
    var path: String
    var operationId: String
    var tag: Tag
    var summary: String
    var description: String?
    /// The query parameters it accepts, in the order the documentation gives them; any
    /// other is a 400. Each is a parameter of the OpenAPI document's components, by its name
    /// unless ``components`` names another.
    var parameters: [String]
    /// Components of the parameters whose schema here differs from the shared one, by
    /// parameter name (`/communes` takes at most 50 suggestions: `limit` is `limitCommunes`).
    var components: [String: String]
    /// The body it requires, if any.
    var body: [Content]?
    var success: Success
    /// The answers other than 200 it documents, besides 400 and 500 (every endpoint's), and
    /// 401 and 403 (from the scope).
    var failures: [Failure]
    var scope: Scope
    /// Whether GET and HEAD answers carry an ETag and may be a 304
    /// (``ConditionalRequestMiddleware``).
    var conditional: Bool
    /// Links of the landing page to this endpoint.
    var landingLinks: [LandingLink]
    /// Whether the OpenAPI document lists it (the files of the map page are not API).
    var documented: Bool
    var handler: Handler

    init(
        _ method: HTTPRequest.Method, _ path: String, operationId: String, tag: Tag, summary: String, description: String? = nil,
        parameters: [String], components: [String: String] = [:], body: [Content]? = nil, success: Success, failures: [Failure],
        scope: Scope = .public, conditional: Bool = true, landingLinks: [LandingLink] = [], documented: Bool = true,
        handler: @escaping Handler
    ) {
        self.components = components
        self.documented = documented
        self.method = method
        self.path = path
        self.operationId = operationId
        self.tag = tag
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.body = body
        self.success = success
        self.failures = failures
        self.scope = scope
        self.conditional = conditional
        self.landingLinks = landingLinks
        self.handler = handler
    }

    // MARK: Path

    /// The path as OpenAPI writes it: `/collections/lieux/items/{featureId}`.
    var openAPIPath: String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// The names of the parameters of the path (`featureId`), in order.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    /// Every non-200 answer the endpoint documents, by status.
    var allFailures: [Failure] {
        var failures = Set(self.failures).union([.badRequest, .serverError])
        // Without any token, the service takes no publications: 404 (`publication-fermee`).
        if scope == .source { failures.formUnion([.unauthorized, .forbidden, .notFound, .tooManyRequests]) }
        return failures.sorted { $0.status.code < $1.status.code }
    }

    // MARK: Methods by path

    /// The methods a router may be asked for at a path; OPTIONS is answered everywhere by
    /// ``CrossOriginMiddleware``.
    static let routableMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]

    /// Each path of `endpoints`, in the order of its first endpoint, with the methods it
    /// accepts: those of its endpoints, HEAD where there is GET, and OPTIONS, in the order
    /// of `routableMethods`.
    static func methodsByPath(_ endpoints: [Endpoint]) -> [(path: String, allowed: [HTTPRequest.Method])] {
        var paths: [String] = []
        var methods: [String: Set<HTTPRequest.Method>] = [:]
        for endpoint in endpoints {
            if methods[endpoint.path] == nil { paths.append(endpoint.path) }
            methods[endpoint.path, default: []].insert(endpoint.method)
            if endpoint.method == .get { methods[endpoint.path, default: []].insert(.head) }
        }
        return paths.map { path in
            let accepted = methods[path] ?? []
            return (path, routableMethods.filter { accepted.contains($0) } + [.options])
        }
    }

    /// The methods accepted at a request's path (`/collections/lieux/items/abc`), from the
    /// table of ``methodsByPath(_:)``: the pattern that matches it with the most literal
    /// segments; `nil` when no pattern does.
    static func allowedMethods(
        at path: String, in table: [(path: String, allowed: [HTTPRequest.Method])]
    ) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: (literals: Int, allowed: [HTTPRequest.Method])?
        for entry in table {
            let pattern = entry.path.split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == segments.count else { continue }
            var literals = 0
            var matches = true
            for (expected, given) in zip(pattern, segments) {
                if expected.hasPrefix(":") { continue }
                if expected != given { matches = false; break }
                literals += 1
            }
            if matches && literals > (best?.literals ?? -1) { best = (literals, entry.allowed) }
        }
        return best?.allowed
    }
}
