import CompressNIO
import Hummingbird

/// gzip for clients that accept it: textual bodies (JSON, GeoJSON, HTML, CSV) are compressed
/// as they are written, streamed exports included; small bodies of known length are not.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Bodies of a known length below this are sent as they are.
    let threshold: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.headers.acceptsGzip, Self.isCompressible(response) else { return response }
        if let length = response.body.contentLength, length < threshold { return response }
        let body = response.body
        response.headers[.contentEncoding] = "gzip"
        response.headers.appendVary("Accept-Encoding")
        response.body = ResponseBody { writer in
            try await body.write(GzipBodyWriter(parent: writer))
        }
        return response
    }

    static func isCompressible(_ response: Response) -> Bool {
        guard response.status != .noContent, response.status != .notModified, response.headers[.contentEncoding] == nil,
            let type = response.headers[.contentType]?.lowercased()
        else { return false }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml")
    }
}

/// A body writer that gzips what it is given: each buffer is compressed with a sync flush,
/// so every chunk of a streamed export goes out at once.
struct GzipBodyWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    private let compressor: ZlibCompressor
    private let allocator = ByteBufferAllocator()

    init(parent: any ResponseBodyWriter) throws {
        self.parent = parent
        compressor = try ZlibCompressor(algorithm: .gzip, configuration: ZlibConfiguration())
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        var input = buffer
        var output = allocator.buffer(capacity: compressor.maxSize(from: input))
        try compressor.deflate(from: &input, to: &output, flush: .sync)
        try await parent.write(output)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        var input = allocator.buffer(capacity: 16)
        var output = allocator.buffer(capacity: 64)
        while true {
            do {
                try compressor.deflate(from: &input, to: &output, flush: .finish)
                break
            } catch let error as CompressNIOError where error == .bufferOverflow {
                output.reserveCapacity(minimumWritableBytes: output.writableBytes + 1024)
            }
        }
        try await parent.write(output)
        try await parent.finish(trailingHeaders)
    }
}

extension HTTPFields {
    /// Adds a name to `Vary` unless it is there.
    mutating func appendVary(_ name: String) {
        let current = self[.vary] ?? ""
        let names = current.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.contains(name.lowercased()) else { return }
        self[.vary] = current.isEmpty ? name : current + ", " + name
    }
}
