import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (a free port), inside the test process: enough to
/// serve files to `lieux import URL`, to answer errors, and to cut a transfer half-way,
/// which no real server does on demand.
///
/// It answers one connection at a time, each with `Connection: close`.
final class LocalHTTPServer: Sendable {
    /// What the server answers for a path.
    enum Reply: Sendable {
        /// 200, the whole body, with `Content-Length`.
        case file(Data, contentType: String)
        /// 200, the whole body in chunks (`Transfer-Encoding: chunked`).
        case chunked(Data, contentType: String)
        /// 200, the body gzip-compressed (`Content-Encoding: gzip`), with the `Content-Length`
        /// of the compressed bytes, of which only the first `sent` are sent when `sent` is given.
        case gzipped(Data, contentType: String, sent: Int? = nil)
        /// An error status, with a short text body.
        case status(Int, String)
        /// 200 with the `Content-Length` of the whole body, then only its first `sent` bytes,
        /// then the connection is closed.
        case cutWithLength(Data, sent: Int, contentType: String)
        /// 200, chunked, the first `sent` bytes in chunks, then the connection is closed
        /// without the final empty chunk.
        case cutChunked(Data, sent: Int, contentType: String)
    }

    let port: UInt16
    private let listener: Int32
    private let served = Mutex<[String]>([])

    /// The paths requested so far.
    var requestedPaths: [String] { served.withLock { $0 } }

    /// Starts serving `routes` (path → reply; anything else is a 404).
    init(routes: [String: Reply]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        let thread = Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    return  // the listener was shut down
                }
                let path = Self.readRequestPath(client)
                self.served.withLock { $0.append(path ?? "?") }
                Self.answer(client, with: path.flatMap { routes[$0] } ?? .status(404, "Not Found"))
                close(client)
            }
        }
        thread.start()
    }

    /// The address of `path` on this server.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func readRequestPath(_ client: Int32) -> String? {
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65536 {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            request += buffer[0..<n]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? String(parts[1]) : nil
    }

    private static func answer(_ client: Int32, with reply: Reply) {
        func head(_ status: String, _ headers: [String]) -> Data {
            Data((["HTTP/1.1 \(status)"] + headers + ["Connection: close", "", ""]).joined(separator: "\r\n").utf8)
        }
        func chunks(of body: Data) -> Data {
            var out = Data()
            var start = body.startIndex
            while start < body.endIndex {
                let end = min(start + 16_384, body.endIndex)
                out += Data("\(String(end - start, radix: 16))\r\n".utf8) + body[start..<end] + Data("\r\n".utf8)
                start = end
            }
            return out
        }
        switch reply {
        case .file(let body, let type):
            send(client, head("200 OK", ["Content-Type: \(type)", "Content-Length: \(body.count)"]) + body)
        case .chunked(let body, let type):
            send(client, head("200 OK", ["Content-Type: \(type)", "Transfer-Encoding: chunked"]) + chunks(of: body) + Data("0\r\n\r\n".utf8))
        case .gzipped(let body, let type, let sent):
            let compressed = Gzip.stored(body)
            send(client, head("200 OK", ["Content-Type: \(type)", "Content-Encoding: gzip", "Content-Length: \(compressed.count)"])
                + compressed.prefix(sent ?? compressed.count))
        case .status(let code, let text):
            let body = Data(text.utf8)
            send(client, head("\(code) \(text)", ["Content-Type: text/plain", "Content-Length: \(body.count)"]) + body)
        case .cutWithLength(let body, let sent, let type):
            send(client, head("200 OK", ["Content-Type: \(type)", "Content-Length: \(body.count)"]) + body.prefix(sent))
        case .cutChunked(let body, let sent, let type):
            send(client, head("200 OK", ["Content-Type: \(type)", "Transfer-Encoding: chunked"]) + chunks(of: body.prefix(sent)))
        }
    }

    /// Sends all of `data` (without SIGPIPE if the client has gone).
    private static func send(_ client: Int32, _ data: Data) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                    let n = Glibc.send(client, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                #else
                    let n = Darwin.send(client, bytes.baseAddress! + offset, bytes.count - offset, 0)
                #endif
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// gzip without compression (deflate "stored" blocks), enough to serve a `Content-Encoding:
/// gzip` response with no compression library.
enum Gzip {
    static func stored(_ data: Data) -> Data {
        var out = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        let bytes = [UInt8](data)
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 1 : 0)
            out.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)])
            out.append(contentsOf: bytes[start..<end])
            start = end
        } while start < bytes.count
        for value in [crc32(bytes), UInt32(truncatingIfNeeded: bytes.count)] {
            out.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
        }
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
