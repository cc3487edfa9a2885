import Foundation
import Hummingbird
import NIOCore

/// Reads a request body into memory, up to a limit: 413 above it, before reading when
/// `Content-Length` says so.
enum BodyReader {
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
    }

    /// Writes a request body to `file`, a buffer at a time (memory does not grow with its
    /// size), up to a limit: 413 above it. Returns the body's first byte that is not a space
    /// nor a byte-order mark (to tell JSON from CSV), `nil` for an empty body.
    static func save(_ request: Request, limit: Int, to file: URL) async throws -> UInt8? {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw Problem.internalError }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total = 0
        var first: UInt8?
        for try await buffer in request.body {
            total += buffer.readableBytes
            if total > limit { throw Problem.bodyTooLarge(limit: limit) }
            if first == nil { first = FileBody.firstByte(of: buffer.readableBytesView) }
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
        return first
    }
}
