import Hummingbird
import LieuxModel
import LieuxSchema
import Logging

/// The HTTP application of Lieux over `repository`: what `lieux serve` runs and what tests
/// call (`buildApplication(repository: InMemoryLieuRepository(…)).test(.router) { … }`).
///
/// Middlewares, outermost first: access log, CORS, security headers, gzip, problems (every error becomes
/// `application/problem+json`), then, for every endpoint but those not `conditional` (`/health`),
/// ETag and 304.
///
/// With a `publisher` (the store), sources are published over HTTP with their tokens;
/// without one, the write routes answer 404.
public func buildApplication(
    configuration: ServerConfiguration = ServerConfiguration(),
    repository: some LieuRepository,
    publisher: (any SourcePublisher)? = nil,
    logger: Logger? = nil
) -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "lieux.http")
    logger.logLevel = configuration.logLevel
    let router = buildRouter(configuration: configuration, repository: repository, publisher: publisher, logger: logger)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ParserErrorHandler()], idleTimeout: .seconds(Int64(configuration.idleTimeout)))),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "lieux/\(configuration.serviceVersion)"),
        logger: logger)
}

/// Runs the service until SIGTERM or SIGINT, then stops gracefully: the listening socket
/// closes and requests in flight finish.
public func runServer(
    configuration: ServerConfiguration = ServerConfiguration(),
    repository: some LieuRepository,
    publisher: (any SourcePublisher)? = nil,
    logger: Logger? = nil
) async throws {
    if publisher != nil { LieuxAPI.removeOrphanPublications() }
    try await buildApplication(configuration: configuration, repository: repository, publisher: publisher, logger: logger).runService()
}

/// The router with every route and middleware.
func buildRouter(
    configuration: ServerConfiguration, repository: any LieuRepository, publisher: (any SourcePublisher)? = nil, logger: Logger
) -> Router<LieuxRequestContext> {
    let router = Router(context: LieuxRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: AccessLogMiddleware(logger: logger))
    let methodsByPath = Endpoint.methodsByPath(LieuxAPI.endpoints)
    router.add(middleware: CrossOriginMiddleware(methodsByPath: methodsByPath))
    router.add(middleware: SecurityHeadersMiddleware(configuration: configuration))
    router.add(middleware: CompressionMiddleware(threshold: configuration.compressionThreshold))
    router.add(middleware: ProblemMiddleware(logger: logger, methodsByPath: methodsByPath))
    router.add(middleware: RequestEncodingMiddleware())
    let api = LieuxAPI(configuration: configuration, repository: repository, publisher: publisher, logger: logger)
    // Routes added before a middleware do not go through it.
    api.addRoutes(LieuxAPI.endpoints.filter { !$0.conditional }, to: router)
    router.add(middleware: ConditionalRequestMiddleware(
        repository: repository, serviceVersion: configuration.serviceVersion, cacheMaxAge: configuration.cacheMaxAge,
        now: configuration.now))
    api.addRoutes(LieuxAPI.endpoints.filter(\.conditional), to: router)
    LieuxAPI.addMethodNotAllowed(for: LieuxAPI.endpoints, to: router)
    return router
}
