import Hummingbird

/// CORS for reads: every response allows any origin (`*`, no credentials) and exposes the
/// headers a web map needs; `OPTIONS` is answered here, preflight or not, with 204 and the
/// path's own methods in `Allow` (those of the table of endpoints).
///
/// `POST` is allowed too: the two POST routes (`…/search`, `/validate`) only read.
struct CrossOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The methods of each path of the service (``Endpoint/methodsByPath(_:)``).
    let methodsByPath: [(path: String, allowed: [HTTPRequest.Method])]

    static var allowedMethods: String { "GET, HEAD, POST, OPTIONS" }
    static var allowedHeaders: String { "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since" }
    static var exposedHeaders: String { "ETag, Content-Crs, Content-Disposition, Content-Encoding, Content-Length, Link, Retry-After" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .options {
            let allowed = Endpoint.allowedMethods(at: request.uri.path, in: methodsByPath)
            var headers: HTTPFields = [.allow: allowed.map { $0.map(\.rawValue).joined(separator: ", ") } ?? Self.allowedMethods]
            headers[.accessControlAllowOrigin] = "*"
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders] ?? Self.allowedHeaders
            headers[.accessControlMaxAge] = "86400"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        return response
    }
}
