import Foundation
import Hummingbird
import LieuxExport
import LieuxModel
import LieuxSchema

/// Publishing over HTTP, with a token per source: a whole source (`PUT /sources/{source}/lieux`),
/// or one venue (OGC API – Features Part 4: POST, PUT, PATCH, DELETE on the items).
///
/// A token opens only its own source (403 otherwise); a request without a valid token gets
/// 401 with `WWW-Authenticate: Bearer`; after ``ServerConfiguration/failedTokenLimit`` failed
/// tokens from one address within a minute, that address gets 429. The routes answer 404
/// while no token exists. Every write is journaled by the store, with the token and address.
extension LieuxAPI {
    // MARK: Tokens

    /// The token of the request, checked for `source` (`nil`: any source, the token's own).
    func authorize(_ request: Request, context: LieuxRequestContext, source: String?) async throws -> SourceToken {
        let publisher = try requirePublisher()
        guard try await publisher.hasTokens() else {
            throw Problem(
                status: .notFound, code: "publication-fermee", title: "Publication fermée",
                detail: "Ce service ne reçoit pas de publications : aucun jeton n'a été créé (lieux jetons creer --source S --nom N).")
        }
        let address = context.clientAddress
        if let wait = await failedTokens.retryAfter(address) {
            throw Problem.tooManyAttempts(
                retryAfter: wait,
                detail: "Trop de jetons refusés depuis votre adresse (\(configuration.failedTokenLimit) en \(configuration.failedTokenWindow) s) : réessayez dans \(wait) s, avec le bon jeton.")
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem.unauthorized("Cette route demande le jeton de la source, dans l'en-tête « Authorization: Bearer JETON ».", invalidToken: false)
        }
        let text = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let token = try await publisher.authenticate(text) else {
            await failedTokens.record(address)
            throw Problem.unauthorized("Ce jeton n'est pas valable : inconnu, mal recopié ou révoqué. Demandez-en un à l'administrateur du service.", invalidToken: true)
        }
        if let source, token.source != source {
            throw Problem(
                status: .forbidden, code: "autre-source", title: "Autre source",
                detail: "Ce jeton est celui de la source « \(token.source) » : il ne peut pas écrire la source « \(source) ».")
        }
        return token
    }

    func requirePublisher() throws(Problem) -> any SourcePublisher {
        guard let publisher else {
            throw Problem(
                status: .notFound, code: "publication-fermee", title: "Publication fermée",
                detail: "Ce service ne reçoit pas de publications.")
        }
        return publisher
    }

    func origin(_ token: SourceToken, _ context: LieuxRequestContext) -> OperationOrigin {
        OperationOrigin(channel: .http, tokenID: token.id, address: context.clientAddress)
    }

    // MARK: A whole source

    /// `PUT /sources/{source}/lieux`: the body (CSV or JSON) becomes the source, as
    /// `lieux import` does it: 200 applied (or `essai=1`), 409 refused by a safeguard, 422
    /// errors under `strict=1`, 400 a body that could not be read to its end. The answer is
    /// the import's report in JSON, whatever it is.
    @Sendable func publishSource(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let source = context.decodedParameter("source")
        let parameters = try QueryParameters(query: request.uri.query)
        let reader = ParameterReader(parameters: parameters)
        let dryRun = try reader.flag("essai")
        let allowRemovals = try reader.flag("autoriser-retraits")
        let strict = try reader.flag("strict")
        let version = try reader.schemaVersion()
        let token = try await authorize(request, context: context, source: source)
        let type = request.headers[.contentType]?.lowercased()
        try FileBody.check(type)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(Self.publicationPrefix)\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("corps")
        let first = try await BodyReader.save(request, limit: configuration.maximumImportSize, to: file)
        let format = FileBody.format(type: type, firstByte: first)
        let options = ImportOptions(
            strict: strict, version: version, dryRun: dryRun, allowRemovals: allowRemovals, origin: origin(token, context))
        let result = try await requirePublisher().importFiles(
            [ImportFile(url: file, place: "PUT /sources/\(source)/lieux", format: format)], source: source, options: options)
        let status: HTTPResponse.Status
        switch result.status {
        case .applied, .dryRun: status = .ok
        case .refused: status = .conflict
        case .invalid: status = .unprocessableContent
        case .unreadable: status = .badRequest
        }
        return try Self.encoded(result, status: status)
    }

    // MARK: One venue (OGC API – Features Part 4)

    /// `POST /collections/lieux/items`: a new venue in the token's source; 201 with its
    /// `Location`, 409 when its id is taken, 422 with the report when it breaks the standard.
    @Sendable func createItem(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let token = try await authorize(request, context: context, source: nil)
        let body = try VenueBody(try await BodyReader.collect(request, limit: configuration.maximumBodySize), whole: true)
        let result = try await requirePublisher().write(.create(fields: body.values), source: token.source, origin: origin(token, context))
        return try await respond(result, source: token.source, request: request)
    }

    /// `PUT /collections/lieux/items/{featureId}`: the venue replaced by the body.
    @Sendable func replaceItem(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        try await writeItem(request, context, whole: true) { id, body in .replace(id: id, fields: body.values) }
    }

    /// `PATCH /collections/lieux/items/{featureId}`: a JSON merge patch (RFC 7396) of the
    /// venue's properties; `null` empties a field.
    @Sendable func patchItem(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        try await writeItem(request, context, whole: false) { id, body in .patch(id: id, changes: body.fields) }
    }

    /// A write of the route's venue with the body, for the token's source.
    private func writeItem(
        _ request: Request, _ context: LieuxRequestContext, whole: Bool, _ write: (String, VenueBody) -> VenueWrite
    ) async throws -> Response {
        let token = try await authorize(request, context: context, source: nil)
        let id = try await target(context, token: token)
        let body = try VenueBody(try await BodyReader.collect(request, limit: configuration.maximumBodySize), whole: whole)
        let result = try await requirePublisher().write(write(id, body), source: token.source, origin: origin(token, context))
        return try await respond(result, source: token.source, request: request)
    }

    /// `DELETE /collections/lieux/items/{featureId}`: 204.
    @Sendable func deleteItem(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let token = try await authorize(request, context: context, source: nil)
        let id = try await target(context, token: token)
        let result = try await requirePublisher().write(.delete(id: id), source: token.source, origin: origin(token, context))
        return try await respond(result, source: token.source, request: request)
    }

    /// The id, in the token's source, of the route's `featureId` (`id` or `source:id`); 403
    /// when it names a venue of another source.
    private func target(_ context: LieuxRequestContext, token: SourceToken) async throws -> String {
        let text = context.decodedParameter("featureId")
        if text.hasPrefix(token.source + ":") { return String(text.dropFirst(token.source.count + 1)) }
        let forbidden = Problem(
            status: .forbidden, code: "autre-source", title: "Autre source",
            detail: "Le lieu « \(text) » appartient à une autre source que celle du jeton (« \(token.source) ») : ce jeton ne peut pas l'écrire.")
        if let colon = text.firstIndex(of: ":"), let id = Lieu.ID(rawValue: String(text[text.index(after: colon)...])),
            try await repository.lieu(source: String(text[..<colon]), id: id) != nil
        {
            throw forbidden
        }
        if let id = Lieu.ID(rawValue: text), try await repository.lieu(source: token.source, id: id) == nil,
            try await repository.lieu(id: id) != nil
        {
            throw forbidden
        }
        return text
    }

    /// The answer to a write of one venue.
    private func respond(_ result: VenueWriteResult, source: String, request: Request) async throws -> Response {
        let path = "/collections/lieux/items/" + QueryParameters.encode("\(source):\(result.id)")
        switch result.status {
        case .created, .replaced, .patched:
            guard let id = Lieu.ID(rawValue: result.id), let found = try await repository.lieu(source: source, id: id) else {
                throw Problem.internalError
            }
            var headers: HTTPFields = [.contentType: MediaType.geoJSON]
            if result.status == .created { headers[.location] = links(request).url(path) }
            let bytes = found.lieu.geoJSONFeature(extras: FeatureExtras(sourceImport: found.source))
            return Response(status: result.status == .created ? .created : .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .deleted:
            return Response(status: .noContent)
        case .notFound:
            throw Problem(
                status: .notFound, code: "lieu-inconnu", title: "Lieu inconnu",
                detail: "La source « \(source) » n'a pas de lieu « \(result.id) » : POST /collections/lieux/items le crée.")
        case .conflict:
            throw Problem(
                status: .conflict, code: "lieu-existant", title: "Lieu existant",
                detail: "La source « \(source) » a déjà un lieu « \(result.id) » : PUT ou PATCH \(path) le modifie.")
        case .idMismatch:
            throw Problem.invalidBody("L'identifiant du corps n'est pas celui de l'adresse (« \(result.id) ») : un lieu ne change pas d'identifiant.")
        case .invalid:
            let report = result.report
            let errors = report?.errors.prefix(5).map(\.message).joined(separator: " ") ?? ""
            let problem = Problem(
                status: .unprocessableContent, code: "lieu-invalide", title: "Lieu non conforme au standard",
                detail: "Le lieu n'est pas conforme au standard, rien n'a été écrit. \(errors)")
            return try Self.problem(problem, with: ["rapport": report], instance: request.uri.path)
        }
    }

    // MARK: History

    /// `GET /collections/lieux/items/{featureId}/historique`: the venue now, then each
    /// change the history keeps, latest first, with the version it replaced.
    @Sendable func historique(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let (_, found) = try await requireLieu(context)
        let changes = try await requirePublisher().changes(source: found.source, id: found.lieu.id.rawValue)
        struct History: Encodable {
            var source: String
            var id: String
            var actuel: [String: String]
            var versions: [VenueChange]
        }
        var current: [String: String] = [:]
        for field in Lieu.Field.allCases { if let text = found.lieu.text(field) { current[field.rawValue] = text } }
        return try Self.encoded(History(source: found.source, id: found.lieu.id.rawValue, actuel: current, versions: changes), status: .ok)
    }

    // MARK: Reports from users

    /// `POST /collections/lieux/items/{featureId}/signalements`: anyone reports what is wrong
    /// with a venue (no token; ``ServerConfiguration/reportLimit`` reports per address in ten
    /// minutes).
    @Sendable func signaler(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let publisher = try requirePublisher()
        let address = context.clientAddress
        if let wait = await reports.retryAfter(address) {
            throw Problem.tooManyAttempts(
                retryAfter: wait, detail: "Trop de signalements depuis votre adresse : réessayez dans \(wait) s. Merci pour votre aide.")
        }
        let (_, found) = try await requireLieu(context)
        let body = try await BodyReader.collect(request, limit: 16 * 1024)
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw Problem.invalidBody("Le corps doit être un objet JSON : {\"categorie\": \"horaires\", \"message\": \"…\"}.")
        }
        let labels = Signalement.Categorie.allCases.map(\.rawValue)
        guard let text = object["categorie"] as? String, let categorie = Signalement.Categorie(rawValue: text) else {
            var problem = Problem.invalidBody("« categorie » doit valoir l'une de ces catégories : \(labels.joined(separator: ", ")).")
            problem.allowedValues = labels
            throw problem
        }
        let message = ((object["message"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { throw Problem.invalidBody("« message » est vide : dites ce qui ne va pas (un texte de 2 000 caractères au plus).") }
        guard message.count <= Signalement.maximumMessageLength else {
            throw Problem.invalidBody("« message » a \(message.count) caractères, pour \(Signalement.maximumMessageLength) au plus : raccourcissez-le.")
        }
        await reports.record(address)
        let report = try await publisher.addSignalement(
            source: found.source, lieu: found.lieu.id.rawValue, categorie: categorie, message: message, address: address)
        return try Self.encoded(report, status: .created)
    }

    /// `GET /sources/{source}/signalements` (the source's token): its reports, latest first;
    /// `etat=ouverts` for those not done.
    @Sendable func signalements(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let source = context.decodedParameter("source")
        let parameters = try QueryParameters(query: request.uri.query)
        let state = try ParameterReader(parameters: parameters).text("etat") ?? "tous"
        guard ["tous", "ouverts"].contains(state) else {
            throw Problem.invalidParameter("etat", "« \(state) » : tous ou ouverts.", allowed: ["tous", "ouverts"])
        }
        _ = try await authorize(request, context: context, source: source)
        let list = try await requirePublisher().signalements(source: source, includingDone: state == "tous")
        return try Self.encoded(list, status: .ok)
    }

    /// `PATCH /sources/{source}/signalements/{signalement}` (the source's token) with `{"traite": true}`
    /// or `false`.
    @Sendable func markSignalement(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let source = context.decodedParameter("source")
        let token = try await authorize(request, context: context, source: source)
        let text = context.decodedParameter("signalement")
        guard let id = Int64(text) else {
            throw Problem(status: .notFound, code: "signalement-inconnu", title: "Signalement inconnu", detail: "« \(text) » n'est pas un numéro de signalement.")
        }
        let body = try await BodyReader.collect(request, limit: 16 * 1024)
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], let done = object["traite"] as? Bool else {
            throw Problem.invalidBody("Le corps doit être {\"traite\": true} ou {\"traite\": false}.")
        }
        guard let report = try await requirePublisher().markSignalement(id: id, source: source, done: done, by: "jeton n° \(token.id)") else {
            throw Problem(
                status: .notFound, code: "signalement-inconnu", title: "Signalement inconnu",
                detail: "La source « \(source) » n'a pas de signalement n° \(id).")
        }
        return try Self.encoded(report, status: .ok)
    }

    // MARK: Answers

    /// A value as JSON (keys sorted).
    static func encoded(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: MediaType.json, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// A problem with more members (the report of a venue that breaks the standard).
    static func problem(_ problem: Problem, with members: [String: (any Encodable)?], instance: String) throws -> Response {
        var document = (try JSONSerialization.jsonObject(with: Data(problem.document(instance: instance).serialized())) as? [String: Any]) ?? [:]
        let encoder = JSONEncoder()
        for (name, value) in members {
            guard let value else { continue }
            document[name] = try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed])
        }
        let bytes = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: problem.status, headers: [.contentType: Problem.mediaType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension LieuxAPI {
    /// The start of the name of the folder that holds a publication's body while it is read:
    /// `lieux-publication-<pid>-<uuid>` in the temporary directory.
    static let publicationPrefix = "lieux-publication-"

    /// Removes the folders of publications whose process is gone (a service killed during an
    /// upload leaves its body behind); the service calls it when it starts. Returns how many.
    @discardableResult
    static func removeOrphanPublications(in directory: URL = FileManager.default.temporaryDirectory) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(publicationPrefix) {
            let rest = name.dropFirst(publicationPrefix.count)
            // Folders of older versions had no pid: a UUID alone, orphans too once started anew.
            if let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0, kill(pid, 0) == 0 || errno == EPERM {
                continue
            }
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }
}
