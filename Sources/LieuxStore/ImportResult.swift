import LieuxSchema

/// What an import did: the validation report and what changed in the store.
public struct ImportResult: Sendable, Codable {
    /// The source the file was imported for.
    public var source: String
    /// The file's path or address.
    public var place: String
    /// SHA-256 of the file's bytes, in hexadecimal.
    public var sha256: String
    /// Venues new to the source.
    public var added = 0
    /// Venues whose fields changed.
    public var updated = 0
    /// Venues already stored exactly so.
    public var unchanged = 0
    /// Venues of the source that the file no longer has.
    public var removed = 0
    /// Rows with errors, not stored.
    public var rejected = 0
    /// Whether the changes were written (`false` for a strict import of a file with errors).
    public var committed = false
    /// The venues the source holds after the import.
    public var stored = 0
    /// The validation of the file (after migration to the current version when needed).
    public var report: TaskReport
    /// The version of the standard the file was written in.
    public var fileVersion: String

    /// Whether the store is as it was (apart from the import log).
    public var changedNothing: Bool { added == 0 && updated == 0 && removed == 0 }
}
