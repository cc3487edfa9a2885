import HTTPTypes
import Hummingbird

/// A link of an OGC API document: `rel`, `type`, `title`, absolute `href`.
struct Link: Sendable, Equatable {
    var rel: String
    var type: String
    var href: String
    var title: String?
    /// For links of a POST search: the method to repeat, with the same body.
    var method: String?

    var json: JSONValue {
        var value: JSONValue = ["href": .string(href), "rel": .string(rel), "type": .string(type)]
        if let title { value.append("title", .string(title)) }
        if let method { value.append("method", .string(method)) }
        return value
    }

    static func array(_ links: [Link]) -> JSONValue { .array(links.map(\.json)) }
}

/// Media types the service writes.
enum MediaType {
    static let json = "application/json"
    static let geoJSON = "application/geo+json"
    static let geoJSONSeq = "application/geo+json-seq"
    static let html = "text/html"
    static let htmlUTF8 = "text/html; charset=utf-8"
    static let csv = "text/csv; charset=utf-8; header=present"
    static let openAPI = "application/vnd.oai.openapi+json;version=3.0"
    static let schemaJSON = "application/schema+json"
    /// The `Content-Crs` of GeoJSON responses (OGC API – Features Part 2).
    static let contentCRS84 = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
}

extension HTTPField.Name {
    /// `Content-Crs` (OGC API – Features Part 2).
    static let contentCRS = HTTPField.Name("Content-Crs")!
}

/// Absolute addresses of the service: the configured base URL, else `http://` and the
/// request's `Host`.
struct LinkBuilder: Sendable {
    /// `scheme://host[:port][/prefix]`, without a final `/`.
    let base: String

    init(base: String) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    init(configuration: ServerConfiguration, request: Request) {
        if let configured = configuration.baseURL, !configured.isEmpty {
            self.init(base: configured)
        } else {
            let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
            self.init(base: "http://\(host)")
        }
    }

    /// The address of `path` with `parameters`.
    func url(_ path: String, _ parameters: QueryParameters = QueryParameters()) -> String {
        let query = parameters.encoded
        return base + path + (query.isEmpty ? "" : "?" + query)
    }

    /// `self` and `alternate` links for a document offered as JSON and HTML.
    func selfAndAlternate(
        _ path: String, _ parameters: QueryParameters, format: MediaFormat, jsonType: String, title: String
    ) -> [Link] {
        let json = Link(rel: "", type: jsonType, href: url(path, parameters.setting("f", to: "json")), title: "\(title) (JSON)")
        let html = Link(rel: "", type: MediaType.html, href: url(path, parameters.setting("f", to: "html")), title: "\(title) (HTML)")
        var (current, other) = format == .json ? (json, html) : (html, json)
        current.rel = "self"
        current.href = url(path, parameters)
        other.rel = "alternate"
        return [current, other]
    }
}
