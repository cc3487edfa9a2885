import Foundation
import Hummingbird
import LieuxModel

/// The map page and its files: `/` for a browser (HTML without `f`), its CSS and JavaScript
/// (embedded in the binary), and Leaflet's files from ``ServerConfiguration/leafletPath``.
extension LieuxAPI {
    static let mapEndpoints: [Endpoint] = [
        Endpoint(
            .get, "/carte/:page", operationId: "getMapFile", tag: .capacites, summary: "Fichier de la carte", parameters: [],
            success: .init("Le fichier", [.init("text/css", .text)]), failures: [.notModified, .notFound], conditional: false,
            documented: false, handler: { try await $0.mapFile($1, context: $2) }),
        Endpoint(
            .get, "/carte/leaflet/:fichier", operationId: "getLeafletFile", tag: .capacites, summary: "Fichier de Leaflet",
            parameters: [], success: .init("Le fichier", [.init("text/css", .text)]), failures: [.notModified, .notFound],
            conditional: false, documented: false, handler: { try await $0.leafletFile($1, context: $2, folder: nil) }),
        Endpoint(
            .get, "/carte/leaflet/images/:fichier", operationId: "getLeafletImage", tag: .capacites, summary: "Image de Leaflet",
            parameters: [], success: .init("L'image", [.init("image/png", .text)]), failures: [.notModified, .notFound],
            conditional: false, documented: false, handler: { try await $0.leafletFile($1, context: $2, folder: "images") }),
    ]

    /// The filters that limit an embedded map (`/?integration=1&departement=51`): the page adds
    /// them to each of its requests.
    static let mapFilterNames = ItemsParameters.vocabularyNames + ["code_postal", "code_insee", "departement", "source"]

    /// The page, with the service's settings (tiles) in its `lieux-config` script.
    func mapPage() -> Response {
        let settings: JSONValue = [
            "tuiles": .string(configuration.tiles), "attribution": .string(configuration.tilesAttribution),
            "geocodeur": .string(configuration.geocoder),
        ]
        // `<` cannot close the script: JSON inside HTML.
        let json = String(decoding: settings.serialized(), as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
        let html = String(decoding: PackageResources.carte_html, as: UTF8.self).replacingOccurrences(of: "{{CONFIG}}", with: json)
        var response = Self.file(Array(html.utf8), type: "text/html; charset=utf-8", request: nil)
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// `GET /carte/carte.css` and `/carte/carte.js`.
    @Sendable func mapFile(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        switch context.decodedParameter("page") {
        case "carte.css": return Self.file(PackageResources.carte_css, type: "text/css; charset=utf-8", request: request)
        case "carte.js": return Self.file(PackageResources.carte_js, type: "text/javascript; charset=utf-8", request: request)
        default:
            throw Problem(
                status: .notFound, code: "fichier-inconnu", title: "Fichier inconnu",
                detail: "La carte n'a pas de fichier « \(context.decodedParameter("page")) » : / ouvre la carte.")
        }
    }

    /// A file of Leaflet's folder, by a plain name only (no `/`, no `..`): `leaflet.js`,
    /// `leaflet.css`, `images/marker-icon.png`…
    @Sendable func leafletFile(_ request: Request, context: LieuxRequestContext, folder: String?) async throws -> Response {
        let name = context.decodedParameter("fichier")
        let plain = !name.isEmpty && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
        let types = ["js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "png": "image/png", "svg": "image/svg+xml"]
        guard plain, let type = types[(name as NSString).pathExtension.lowercased()] else {
            throw Problem(
                status: .notFound, code: "fichier-inconnu", title: "Fichier inconnu", detail: "Leaflet n'a pas de fichier « \(name) ».")
        }
        var url = URL(fileURLWithPath: configuration.leafletPath)
        if let folder { url.appendPathComponent(folder) }
        url.appendPathComponent(name)
        guard let bytes = try? Data(contentsOf: url) else {
            throw Problem(
                status: .notFound, code: "leaflet-absent", title: "Leaflet introuvable",
                detail: "Le fichier « \(name) » de Leaflet n'est pas dans « \(configuration.leafletPath) » : installez le paquet Debian libjs-leaflet (tools/setup), ou donnez son dossier (option --leaflet de lieux serve, variable LIEUX_LEAFLET).")
        }
        return Self.file(Array(bytes), type: type, request: request)
    }

    /// A file with an ETag of its bytes (304 when the client has it) and an hour of cache.
    static func file(_ bytes: [UInt8], type: String, request: Request?) -> Response {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let tag = "\"" + String(hash, radix: 16) + "\""
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .cacheControl: "public, max-age=3600"]
        if let match = request?.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
