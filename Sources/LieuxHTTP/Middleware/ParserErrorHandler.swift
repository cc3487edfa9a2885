import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// What the HTTP parser refuses before any route sees a request (a request line or headers too
/// long, bytes that are not HTTP, a `Content-Length` that is not a number) answered as the
/// service's other errors are: a problem in French (`application/problem+json`), then the
/// connection closed. Without it, the server answers a bare 400 with no body.
///
/// A channel handler, after the HTTP codec: it answers only when no request of the connection
/// is being answered (otherwise the error goes on to the server, which closes the connection).
final class ParserErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests read whose response has not ended.
    private var inFlight = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { inFlight += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { inFlight = max(0, inFlight - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, inFlight == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let problem = Self.problem(parserError)
        let body = ByteBuffer(bytes: problem.document(instance: nil).serialized())
        // The middlewares do not see this answer: the headers they would add are set here.
        var headers = problem.headerFields
        headers[.contentLength] = String(body.readableBytes)
        headers[.connection] = "close"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.accessControlAllowOrigin] = "*"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    /// The problem for each kind of parser error.
    static func problem(_ error: HTTPParserError) -> Problem {
        switch error {
        case .headerOverflow:
            Problem(
                status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"), code: "en-tetes-trop-grands",
                title: "Requête trop longue",
                detail: "La ligne de requête ou les en-têtes dépassent 80 Ko : raccourcissez l'adresse (moins de paramètres, des valeurs plus courtes), ou envoyez les données dans le corps d'une requête POST.")
        case .invalidContentLength, .unexpectedContentLength:
            Problem(
                status: .badRequest, code: "longueur-invalide", title: "Longueur de corps invalide",
                detail: "L'en-tête Content-Length n'est pas un nombre d'octets valide : envoyez la longueur exacte du corps, ou un corps en morceaux (Transfer-Encoding: chunked).")
        case .invalidURL, .invalidPath, .invalidCharactersUsed:
            Problem(
                status: .badRequest, code: "adresse-invalide", title: "Adresse invalide",
                detail: "L'adresse de la requête contient des caractères interdits : encodez-les en UTF-8 puis en pourcentage (%C3%A9 pour « é »).")
        default:
            Problem(
                status: .badRequest, code: "requete-illisible", title: "Requête illisible",
                detail: "La requête n'est pas du HTTP/1.1 valide : vérifiez ce que le client envoie (méthode, version, en-têtes, corps en morceaux).")
        }
    }
}
