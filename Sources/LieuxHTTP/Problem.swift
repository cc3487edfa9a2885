import Foundation
import LieuxModel
import Hummingbird

/// An HTTP error of the service, answered as an RFC 9457 problem (`application/problem+json`)
/// whose `detail` says in French what was wrong and what to do.
///
/// `type` is `urn:lieux:probleme:<code>`, a stable code for programs; `title` is a short
/// French summary of the kind of problem. Extension members: `parametre` (the query parameter
/// at fault) and `valeurs_autorisees` (what it accepts). Never a stack trace nor SQL.
struct Problem: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    /// A stable code (`parametre-inconnu`), the last part of `type`.
    var code: String
    var title: String
    var detail: String
    /// The query parameter at fault, if any.
    var parameter: String?
    /// The values the parameter accepts, when they are few enough to list.
    var allowedValues: [String]?
    /// Headers the response carries besides the problem (`Allow`, `Retry-After`).
    var headers: HTTPFields = [:]

    init(
        status: HTTPResponse.Status, code: String, title: String, detail: String,
        parameter: String? = nil, allowedValues: [String]? = nil
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.parameter = parameter
        self.allowedValues = allowedValues
    }

    /// The media type of problems.
    static let mediaType = "application/problem+json"

    /// The problem document; `instance` is the path of the request.
    func document(instance: String?) -> JSONValue {
        var document: JSONValue = [
            "type": .string("urn:lieux:probleme:\(code)"),
            "title": .string(title),
            "status": .integer(status.code),
            "detail": .string(detail),
        ]
        if let instance { document.append("instance", .string(instance)) }
        if let parameter { document.append("parametre", .string(parameter)) }
        if let allowedValues { document.append("valeurs_autorisees", .strings(allowedValues)) }
        return document
    }

    /// The headers of the response that carries the problem: its own, its media type, and
    /// never cached.
    var headerFields: HTTPFields {
        var headers = self.headers
        headers[.contentType] = Self.mediaType
        headers[.cacheControl] = "no-store"
        return headers
    }

    /// The response that carries the problem.
    func response(instance: String?) -> Response {
        Response(
            status: status, headers: headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document(instance: instance).serialized())))
    }
}

extension Problem {
    /// 400: a parameter the route does not know.
    static func unknownParameter(_ name: String, allowed: [String]) -> Problem {
        Problem(
            status: .badRequest, code: "parametre-inconnu", title: "Paramètre inconnu",
            detail: "Le paramètre « \(name) » n'existe pas pour cette adresse. Paramètres acceptés : \(allowed.joined(separator: ", ")).",
            parameter: name, allowedValues: allowed)
    }

    /// 400: a parameter whose value is not valid; `detail` says why and what to write.
    static func invalidParameter(_ name: String, _ detail: String, allowed: [String]? = nil) -> Problem {
        Problem(
            status: .badRequest, code: "parametre-invalide", title: "Paramètre invalide",
            detail: detail, parameter: name, allowedValues: allowed)
    }

    /// 400: a value outside the vocabulary of a field of the standard.
    static func valueOutsideVocabulary(_ name: String, value: String, allowed: [String]) -> Problem {
        Problem(
            status: .badRequest, code: "valeur-hors-vocabulaire", title: "Valeur hors du vocabulaire du standard",
            detail: "« \(value) » n'est pas une valeur de « \(name) ». Valeurs possibles : "
                + allowed.map { "« \($0) »" }.joined(separator: ", ") + " (plusieurs valeurs séparées par des virgules).",
            parameter: name, allowedValues: allowed)
    }

    /// 400: a request body that cannot be read.
    static func invalidBody(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "corps-invalide", title: "Corps de requête invalide", detail: detail)
    }

    /// 507 or 503: the storage under the service failed in a way its administrator can fix;
    /// the store is as it was before the request.
    static func storage(_ failure: any StorageFailure) -> Problem {
        switch failure.condition {
        case .diskFull:
            Problem(
                status: .init(code: 507, reasonPhrase: "Insufficient Storage"), code: "disque-plein", title: "Disque plein",
                detail: failure.message)
        case .readOnly:
            Problem(status: .serviceUnavailable, code: "base-en-lecture-seule", title: "Base en lecture seule", detail: failure.message)
        case .unavailable, nil:
            Problem(status: .serviceUnavailable, code: "base-indisponible", title: "Base indisponible", detail: failure.message)
        }
    }

    /// 404: nothing at this address.
    static func notFound(path: String) -> Problem {
        Problem(
            status: .notFound, code: "introuvable", title: "Ressource introuvable",
            detail: "Il n'y a rien à l'adresse « \(path) ». La page d'accueil « / » liste les adresses du service.")
    }

    /// 405: the address exists, not with this method.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> Problem {
        let names = allowed.map(\.rawValue)
        var problem = Problem(
            status: .methodNotAllowed, code: "methode-non-autorisee", title: "Méthode non autorisée",
            detail: "La méthode \(method.rawValue) n'est pas acceptée à cette adresse ; méthodes acceptées : \(names.joined(separator: ", ")).",
            allowedValues: names)
        problem.headers[.allow] = names.joined(separator: ", ")
        return problem
    }

    /// 406: no representation the client accepts.
    static func notAcceptable(offered: [String]) -> Problem {
        Problem(
            status: .notAcceptable, code: "format-non-disponible", title: "Format non disponible",
            detail: "Aucun des formats demandés (en-tête Accept) n'est disponible ici. Formats proposés : \(offered.joined(separator: ", ")) ; ou utilisez le paramètre f.",
            allowedValues: offered)
    }

    /// 413: a body larger than the limit.
    static func bodyTooLarge(limit: Int?) -> Problem {
        let size = limit.map { " (\(byteCountText($0)))" } ?? ""
        return Problem(
            status: .contentTooLarge, code: "corps-trop-grand", title: "Corps de requête trop grand",
            detail: "Le corps de la requête dépasse la taille maximale acceptée\(size). Envoyez un fichier plus petit ou découpez-le.")
    }

    /// 415: a body in a format the route does not read.
    static func unsupportedMediaType(_ type: String, accepted: [String]) -> Problem {
        Problem(
            status: .unsupportedMediaType, code: "type-de-contenu-non-pris-en-charge", title: "Type de contenu non pris en charge",
            detail: "Le type de contenu « \(type) » n'est pas accepté ici. Types acceptés : \(accepted.joined(separator: ", ")).",
            allowedValues: accepted)
    }

    /// 500: something failed on the server's side; the details go to the log only.
    static let internalError = Problem(
        status: .internalServerError, code: "erreur-interne", title: "Erreur interne",
        detail: "Le service a rencontré une erreur inattendue. Réessayez plus tard ; si l'erreur persiste, signalez-la aux responsables du service.")

    /// 503: too many exports at once.
    /// 401: no token, or one that is not valid; `WWW-Authenticate` says how to give one.
    static func unauthorized(_ detail: String, invalidToken: Bool) -> Problem {
        var problem = Problem(status: .unauthorized, code: "jeton-requis", title: "Jeton requis", detail: detail)
        if invalidToken { problem.code = "jeton-invalide"; problem.title = "Jeton invalide" }
        problem.headers[.wwwAuthenticate] = invalidToken ? "Bearer realm=\"lieux\", error=\"invalid_token\"" : "Bearer realm=\"lieux\""
        return problem
    }

    /// 429: too many attempts from one address; `Retry-After` says when to try again.
    static func tooManyAttempts(retryAfter seconds: Int, detail: String) -> Problem {
        var problem = Problem(status: .tooManyRequests, code: "trop-de-requetes", title: "Trop de requêtes", detail: detail)
        problem.headers[.retryAfter] = String(seconds)
        return problem
    }

    static func busy(retryAfter seconds: Int) -> Problem {
        var problem = Problem(
            status: .serviceUnavailable, code: "service-occupe", title: "Service occupé",
            detail: "Trop d'exports sont en cours. Réessayez dans \(seconds) secondes.")
        problem.headers[.retryAfter] = String(seconds)
        return problem
    }

    /// A problem for an HTTP status that Hummingbird raised itself.
    static func status(_ status: HTTPResponse.Status, path: String) -> Problem {
        switch status {
        case .notFound: return .notFound(path: path)
        case .contentTooLarge: return .bodyTooLarge(limit: nil)
        case .badRequest:
            return Problem(
                status: .badRequest, code: "requete-invalide", title: "Requête invalide",
                detail: "La requête n'a pas pu être lue. Vérifiez son adresse, ses en-têtes et son corps.")
        default:
            if status.kind == .serverError { return .internalError }
            return Problem(
                status: status, code: "erreur-http-\(status.code)", title: "Erreur HTTP \(status.code)",
                detail: "La requête n'a pas abouti (statut \(status.code) : \(status.reasonPhrase)).")
        }
    }
}

/// A size in bytes for people: `50 Mo`, `512 ko`.
func byteCountText(_ bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) Mo" }
    if bytes >= 1 << 20 { return String(format: "%.1f Mo", Double(bytes) / Double(1 << 20)).replacingOccurrences(of: ".", with: ",") }
    if bytes >= 1 << 10 { return "\(bytes >> 10) ko" }
    return "\(bytes) octets"
}
