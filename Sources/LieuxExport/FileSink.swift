#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A sink that writes to a file descriptor through a buffer (64 KiB by default), so that the
/// system is called once per buffer, not once per record.
///
/// Call ``flush()`` (the encoders' `end()` does) or ``close()`` when done; bytes still in the
/// buffer when the sink is released are written then, and an error at that point is lost.
public final class FileSink: ByteSink {
    /// The default buffer size: 64 KiB.
    public static let defaultCapacity = 64 << 10

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let path: String?
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var closed = false

    /// Creates (or truncates) the file at `path`, with mode 0644.
    public init(path: String, capacity: Int = FileSink.defaultCapacity) throws(ExportError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw ExportError(
                code: .open,
                message: "Le fichier « \(path) » ne peut pas être créé (\(Self.reason(code))) : vérifiez le dossier et les droits d'écriture.",
                errno: code)
        }
        descriptor = fd
        ownsDescriptor = true
        self.path = path
        buffer = .allocate(byteCount: max(1, capacity), alignment: 16)
    }

    /// Writes to an open descriptor (standard output, a pipe), which the sink does not close.
    public init(fileDescriptor: Int32, capacity: Int = FileSink.defaultCapacity) {
        descriptor = fileDescriptor
        ownsDescriptor = false
        path = nil
        buffer = .allocate(byteCount: max(1, capacity), alignment: 16)
    }

    /// A sink on the process's standard output.
    public static func standardOutput() -> FileSink { FileSink(fileDescriptor: 1) }

    deinit {
        if !closed {
            try? flush()
            if ownsDescriptor { _ = Self.systemClose(descriptor) }
        }
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!closed, "FileSink: écriture après close()")
        if bytes.count > buffer.count - used {
            try flush()
            if bytes.count >= buffer.count {
                try writeAll(bytes)
                return
            }
        }
        if let base = bytes.baseAddress, !bytes.isEmpty {
            (buffer.baseAddress! + used).copyMemory(from: base, byteCount: bytes.count)
            used += bytes.count
        }
    }

    /// Writes the buffered bytes to the descriptor.
    public func flush() throws {
        guard used > 0 else { return }
        let pending = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
        used = 0
        try writeAll(pending)
    }

    /// Flushes, then closes the file if the sink opened it. Further writes are an error.
    public func close() throws {
        guard !closed else { return }
        defer { closed = true }
        try flush()
        if ownsDescriptor, Self.systemClose(descriptor) != 0 {
            let code = errno
            throw ExportError(code: .close, message: "La fermeture de « \(path ?? "?") » a échoué (\(Self.reason(code))).", errno: code)
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ExportError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Self.systemWrite(descriptor, next, remaining)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw ExportError(
                    code: .write,
                    message: "L'écriture de l'export\(path.map { " dans « \($0) »" } ?? "") a échoué (\(Self.reason(code))) : vérifiez la place libre sur le disque.",
                    errno: code)
            }
            next += written
            remaining -= written
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #elseif canImport(Musl)
        Musl.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }

    private static func systemClose(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #elseif canImport(Musl)
        Musl.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }
}
