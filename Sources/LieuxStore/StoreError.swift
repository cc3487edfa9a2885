/// A failure of the store, with a stable code and a French message.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The database file cannot be opened or created.
        case open = "store-open"
        /// SpatiaLite cannot be loaded.
        case spatialite = "store-spatialite"
        /// The database was made by a newer version of Lieux.
        case newerSchema = "store-newer-schema"
        /// An SQL statement failed.
        case sql = "store-sql"
        /// The source named does not exist.
        case unknownSource = "store-unknown-source"
        /// The venue named does not exist, or a request names it wrongly.
        case unknownVenue = "store-unknown-venue"
        /// A value given to the store is not one it accepts.
        case invalidValue = "store-invalid-value"
    }

    public var code: Code
    /// What went wrong and what to do, in French.
    public var message: String
    /// The underlying error, for logs.
    public var cause: String?

    public init(code: Code, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause.map { "\($0)" }
    }

    public var description: String { message + (cause.map { " (\($0))" } ?? "") }
}
