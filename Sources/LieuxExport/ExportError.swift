/// An export that cannot go on: its destination cannot be opened or written.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, as a stable code.
    public enum Code: String, Sendable {
        /// The destination file could not be created or opened.
        case open = "export-open"
        /// Writing to the destination failed (disk full, closed pipe…).
        case write = "export-write"
        /// Closing the destination failed.
        case close = "export-close"
    }

    public var code: Code
    /// What went wrong and what to do, in French.
    public var message: String
    /// The system error number that caused it (`errno`), when there is one.
    public var errno: Int32?

    public init(code: Code, message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    public var description: String { message }
}
