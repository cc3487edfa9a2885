import Hummingbird
import LieuxModel
import Logging
import NIOHTTP1

/// Turns every error of a handler into an RFC 9457 problem: ``Problem``s as they are, the
/// statuses Hummingbird raises (404, 413…) with a French detail, a failure of the storage a
/// person can act on (a full disk: 507; a read-only or vanished store: 503) with what to do,
/// anything else into a 500 whose cause goes to the log only. A method no route takes (`TRACE`, `QUERY`, any other)
/// at a path of the service is a 405 with `Allow`, not a 404.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    /// The methods of each path of the service (``Endpoint/methodsByPath(_:)``).
    let methodsByPath: [(path: String, allowed: [HTTPRequest.Method])]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response(instance: request.uri.path)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, let allowed = Endpoint.allowedMethods(at: request.uri.path, in: methodsByPath),
                !allowed.contains(request.method)
            {
                return Problem.methodNotAllowed(request.method, allowed: allowed).response(instance: request.uri.path)
            }
            return Problem.status(error.status, path: request.uri.path).response(instance: request.uri.path)
        } catch let failure as any StorageFailure where failure.condition != nil {
            logger.error("Stockage en défaut sur \(request.method.rawValue) \(request.uri.path) : \(String(reflecting: failure))")
            return Problem.storage(failure).response(instance: request.uri.path)
        } catch let error as HTTPParserError {
            // A body that stops being HTTP midway (a chunk of a false size): the connection ends.
            var problem = ParserErrorHandler.problem(error)
            problem.headers[.connection] = "close"
            return problem.response(instance: request.uri.path)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error(
                "Erreur interne sur \(request.method.rawValue) \(request.uri.path) : \(String(reflecting: error))")
            return Problem.internalError.response(instance: request.uri.path)
        }
    }
}
