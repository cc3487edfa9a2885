import Hummingbird

extension LieuxAPI {
    /// `GET /health`: 200 `{"status":"ok",…}` when the repository answers, 503 otherwise.
    /// Never cached.
    @Sendable func health(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        do {
            let version = try await repository.version()
            var response = Self.json([
                "status": "ok", "service": "lieux", "version": .string(configuration.serviceVersion),
                "donnees": .string(version),
            ])
            response.headers[.cacheControl] = "no-store"
            return response
        } catch {
            logger.error("Santé : le dépôt ne répond pas : \(String(reflecting: error))")
            throw Problem(
                status: .serviceUnavailable, code: "indisponible", title: "Service indisponible",
                detail: "La base des lieux ne répond pas. Réessayez dans un instant.")
        }
    }
}
