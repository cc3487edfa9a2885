import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Security headers on every response: `X-Content-Type-Options: nosniff` (a file is what its
/// type says) and `Referrer-Policy: strict-origin-when-cross-origin` (other sites learn the
/// service's origin, as tile servers ask, never a page's address or query); on HTML, a
/// `Content-Security-Policy` that lets pages run only the service's own scripts and styles,
/// and reach only the service, the map's tile server and the configured geocoder.
///
/// The map page may be embedded (`?integration=1`): no `frame-ancestors` limit.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of every HTML response, built once from the configuration.
    let contentSecurityPolicy: String

    init(configuration: ServerConfiguration) {
        contentSecurityPolicy = Self.policy(tiles: configuration.tiles, geocoder: configuration.geocoder)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        if let type = response.headers[.contentType], type.hasPrefix("text/html") {
            response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
        return response
    }

    /// `default-src 'self'`, no plugins, no `<base>` elsewhere, forms to the service only;
    /// images from the tile server too (and `data:` URLs, which Leaflet's styles use); fetches
    /// to the geocoder too; the HTML pages' one inline `<style>` by its hash.
    static func policy(tiles: String, geocoder: String) -> String {
        let styleHash = Data(SHA256.hash(data: Data(HTMLPage.style.utf8))).base64EncodedString()
        var images = ["'self'", "data:"]
        if let origin = origin(of: tiles) { images.append(origin) }
        var connections = ["'self'"]
        if let origin = origin(of: geocoder) { connections.append(origin) }
        return [
            "default-src 'self'", "script-src 'self'", "style-src 'self' 'sha256-\(styleHash)'",
            "img-src " + images.joined(separator: " "), "connect-src " + connections.joined(separator: " "),
            "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        ].joined(separator: "; ")
    }

    /// The origin of a URL or of a tile template (`https://{s}.tile.exemple.fr/{z}/{x}/{y}.png`
    /// gives `https://*.tile.exemple.fr`); `nil` for anything else (`aucun`, empty): the
    /// policy then allows nothing more.
    static func origin(of template: String) -> String? {
        guard let separator = template.range(of: "://") else { return nil }
        let scheme = template[..<separator.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let rest = template[separator.upperBound...]
        var host = String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        host = host.replacingOccurrences(of: "{s}", with: "*")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-:*[]"))
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return scheme + ":" }
        return scheme + "://" + host
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
}
