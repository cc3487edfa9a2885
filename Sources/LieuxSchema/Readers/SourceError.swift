/// A source whose bytes cannot be read any further.
///
/// Row-level problems are never thrown: they are issues in a ``ValidationReport``. Only what
/// stops reading (bytes that are not UTF-8, JSON that is not an array of objects, an I/O
/// failure) is a `SourceError`.
public struct SourceError: Error, Sendable, Equatable {
    /// What kind of failure, as a stable code.
    public enum Code: String, Sendable {
        /// The bytes are not valid UTF-8 (frictionless: `encoding-error`).
        case encoding = "encoding-error"
        /// The bytes are not in the expected format (frictionless: `format-error`).
        case format = "format-error"
        /// The file could not be opened or read (frictionless: `scheme-error`).
        case io = "scheme-error"
    }

    public var code: Code
    /// What went wrong and what to do, in French.
    public var message: String
    /// The row being read when it failed, if known (header = 1).
    public var rowNumber: Int?

    public init(code: Code, message: String, rowNumber: Int? = nil) {
        self.code = code
        self.message = message
        self.rowNumber = rowNumber
    }
}
