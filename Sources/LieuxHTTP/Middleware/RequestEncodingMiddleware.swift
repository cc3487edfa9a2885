import HTTPTypes
import Hummingbird

/// A request body compressed (`Content-Encoding: gzip`, `br`…) is refused with 415 before it
/// is read: the service reads bodies as they are sent, so that a small compressed body cannot
/// swell into gigabytes (a "gzip bomb") behind the size limits, which count the bytes received.
/// The answer's `Accept-Encoding: identity` says what to send instead (RFC 9110, 15.5.16).
struct RequestEncodingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let encoding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces).lowercased(),
            !encoding.isEmpty, encoding != "identity"
        {
            var problem = Problem(
                status: .unsupportedMediaType, code: "corps-compresse", title: "Corps compressé",
                detail: "Le corps de la requête est compressé (Content-Encoding: \(encoding)) : envoyez-le sans compression ; la taille acceptée est celle des octets reçus.")
            problem.headers[.acceptEncoding] = "identity"
            throw problem
        }
        return try await next(request, context)
    }
}
