import Hummingbird

/// The two representations of the OGC routes: JSON (GeoJSON for features) or HTML, chosen by
/// `f=json|html`, else by the `Accept` header (JSON when it says nothing or `*/*`).
enum MediaFormat: String, Sendable, CaseIterable {
    case json
    case html

    /// The format asked for by `f`, else by `Accept`; `f` with another value is a 400, an
    /// `Accept` that allows neither is a 406.
    static func negotiate(_ request: Request, parameters: QueryParameters, jsonType: String) throws(Problem) -> MediaFormat {
        if let format = try checkParameter(parameters) { return format }
        guard let accept = request.headers[.accept], !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        let ranges = AcceptRange.parse(accept)
        let json = quality(of: ["application/json", "application/geo+json", jsonType], in: ranges)
        let html = quality(of: ["text/html", "application/xhtml+xml"], in: ranges)
        if json == 0 && html == 0 { throw Problem.notAcceptable(offered: [jsonType, "text/html"]) }
        return html > json ? .html : .json
    }

    /// The format `f` names (`nil` when absent or empty); another value is a 400.
    @discardableResult
    static func checkParameter(_ parameters: QueryParameters) throws(Problem) -> MediaFormat? {
        guard let f = try parameters.single("f"), !f.isEmpty else { return nil }
        guard let format = MediaFormat(rawValue: f.lowercased()) else {
            throw Problem.invalidParameter("f", "« \(f) » n'est pas un format : f=json ou f=html.", allowed: allCases.map(\.rawValue))
        }
        return format
    }

    /// The best quality the ranges give one of `types`: a specific range wins over `type/*`,
    /// which wins over `*/*`.
    static func quality(of types: [String], in ranges: [AcceptRange]) -> Double {
        var best: (specificity: Int, quality: Double) = (-1, 0)
        for type in types {
            let major = type.prefix { $0 != "/" }
            for range in ranges {
                let specificity: Int
                if range.type == type { specificity = 2 }
                else if range.type == "\(major)/*" { specificity = 1 }
                else if range.type == "*/*" { specificity = 0 }
                else { continue }
                if specificity > best.specificity || (specificity == best.specificity && range.quality > best.quality) {
                    best = (specificity, range.quality)
                }
            }
        }
        return Swift.max(best.quality, 0)
    }
}

/// One media range of an `Accept` header, with its quality.
struct AcceptRange: Sendable, Equatable {
    var type: String
    var quality: Double

    static func parse(_ header: String) -> [AcceptRange] {
        header.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = pieces.first?.lowercased(), !type.isEmpty else { return nil }
            var quality = 1.0
            for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("q=") {
                quality = Double(piece.dropFirst(2)) ?? 1
            }
            return AcceptRange(type: type, quality: min(max(quality, 0), 1))
        }
    }
}

extension HTTPFields {
    /// Whether `Accept-Encoding` allows gzip (`gzip`, `x-gzip` or `*` with a quality above 0).
    var acceptsGzip: Bool {
        guard let header = self[.acceptEncoding] else { return false }
        var gzip: Double?
        var any: Double?
        for range in AcceptRange.parse(header) {
            switch range.type {
            case "gzip", "x-gzip": gzip = Swift.max(gzip ?? 0, range.quality)
            case "*": any = range.quality
            default: break
            }
        }
        return (gzip ?? any ?? 0) > 0
    }
}
