import Foundation
import Hummingbird
import LieuxModel

/// ETags, `Cache-Control` and 304 for reads.
///
/// A GET or HEAD answered 200 carries a weak ETag made of the repository's ``LieuRepository/version()``
/// (which changes whenever the stored venues change), the service's version and the request's
/// `Accept` header (which chooses between JSON and HTML on the same address). A request whose
/// `If-None-Match` names it gets 304 before any work is done.
struct ConditionalRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    let repository: any LieuRepository
    let serviceVersion: String
    let cacheMaxAge: Int
    /// The clock: answers to `ouvert=maintenant` change with the minute, and so do their ETags.
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let tag = try await etag(for: request)
        var headers: HTTPFields = [:]
        headers[.eTag] = tag
        headers[.cacheControl] = "public, max-age=\(cacheMaxAge)"
        headers[.vary] = "Accept, Accept-Encoding"
        if let ifNoneMatch = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch, tag) {
            return Response(status: .notModified, headers: headers)
        }
        var response = try await next(request, context)
        guard response.status == .ok else { return response }
        response.headers[.eTag] = tag
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = headers[.cacheControl] }
        response.headers.appendVary("Accept")
        response.headers.appendVary("Accept-Encoding")
        return response
    }

    /// `W/"<data version>-<hash of service version and Accept>"`, and of the minute for a
    /// query that depends on the time (`ouvert=maintenant`).
    func etag(for request: Request) async throws -> String {
        let version = try await repository.version()
        var variant = "\(serviceVersion)\n\(request.headers[.accept] ?? "")"
        if let query = request.uri.query?.lowercased(), query.contains("ouvert=maintenant") {
            variant += "\n\(Int(now().timeIntervalSince1970 / 60))"
        }
        let hash = Self.fnv1a(variant)
        let safeVersion = version.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
        return "W/\"\(safeVersion)-\(String(hash, radix: 16))\""
    }

    /// Whether an `If-None-Match` list names `tag` (weak comparison) or is `*`.
    static func matches(_ header: String, _ tag: String) -> Bool {
        func opaque(_ value: Substring) -> Substring {
            let trimmed = value.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        let wanted = opaque(tag[...])
        return header.split(separator: ",").contains { candidate in
            let value = opaque(candidate).trimmingSuffix(" ")
            return value == "*" || value == wanted
        }
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: stable across runs (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ character: Character) -> Substring {
        var result = self
        while result.last == character { result.removeLast() }
        return result
    }
}
