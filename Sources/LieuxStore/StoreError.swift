import GRDB
import LieuxModel
/// A failure of the store, with a stable code and a French message.
public struct StoreError: Error, StorageFailure, Sendable, CustomStringConvertible {
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
    /// What the storage lacks, when that is why the operation failed (a full disk…).
    public var condition: StorageCondition?

    public init(code: Code, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause.map { "\($0)" }
    }

    /// The failure of an operation, `message` saying which (« L'import a échoué et n'a rien
    /// modifié. »), completed with the reason when SQLite gave one a person can act on: a
    /// full disk, a read-only store, a store whose file is gone.
    public static func failed(_ message: String, cause: any Error) -> StoreError {
        var error = StoreError(code: .sql, message: message, cause: cause)
        guard let database = cause as? DatabaseError else { return error }
        switch database.resultCode.primaryResultCode {
        case .SQLITE_FULL:
            error.condition = .diskFull
            error.message += " Le disque de la base est plein : libérez de la place (un import a besoin d'environ deux fois la taille des lieux qu'il écrit), puis recommencez."
        case .SQLITE_READONLY:
            error.condition = .readOnly
            error.message += " La base est en lecture seule : vérifiez les droits d'écriture du fichier et de son dossier pour l'utilisateur du service."
        case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_NOTADB, .SQLITE_CORRUPT:
            error.condition = .unavailable
            error.message += " Le fichier de la base ne peut plus être lu ou écrit (supprimé, déplacé ou remplacé pendant le service, ou erreur du disque) : redémarrez le service sur une base en bon état."
        default:
            break
        }
        return error
    }

    public var description: String { message + (cause.map { " (\($0))" } ?? "") }
}
