/// What an import did, or would do: the report of each file and what changed in the store.
///
/// Programs read its JSON form (`lieux import --format json`, `PUT /sources/{source}/lieux`):
/// `status` says in one word what happened, `reason` says it in French.
public struct ImportResult: Sendable, Codable {
    /// What became of the import.
    public enum Status: String, Sendable, Codable {
        /// The changes were written.
        case applied
        /// A dry run (`--essai`): every change was computed, none was written.
        case dryRun
        /// Refused by a safeguard (too many removals): nothing was written.
        case refused
        /// A file could not be read to its end: nothing was written.
        case unreadable
        /// `--strict` and a file has errors: nothing was written.
        case invalid
    }

    /// One file of the import.
    public struct File: Sendable, Codable {
        /// The file's path or address, as given.
        public var place: String
        /// SHA-256 of the file's bytes, in hexadecimal.
        public var sha256: String
        /// The version of the standard the file was written in (`nil`: it could not be read).
        public var fileVersion: String?
        /// Its validation (after migration to the current version when needed).
        public var report: TaskReport

        public init(place: String, sha256: String, fileVersion: String?, report: TaskReport) {
            self.place = place
            self.sha256 = sha256
            self.fileVersion = fileVersion
            self.report = report
        }
    }

    /// A venue that the import changes (or would change), or keeps despite its row.
    public struct Change: Sendable, Codable, Equatable {
        public enum Action: String, Sendable, Codable {
            case ajout, modification, retrait
            /// The row was rejected: the stored venue stays as it was.
            case conserve
        }
        public var id: String
        public var action: Action
        /// The file and row of a kept venue.
        public var place: String?
        public var rowNumber: Int?

        public init(id: String, action: Action, place: String? = nil, rowNumber: Int? = nil) {
            self.id = id
            self.action = action
            self.place = place
            self.rowNumber = rowNumber
        }
    }

    /// The source the files were imported for.
    public var source: String
    /// The files, which together form the source.
    public var files: [File]
    public var status: Status { didSet { committed = status == .applied } }
    /// Whether the changes were written (`status == .applied`; in the JSON form too).
    public private(set) var committed: Bool
    /// Why nothing was written, in French (`nil` when applied).
    public var reason: String?
    /// The operation's number in the source's history, when applied.
    public var operation: Int64?
    /// Venues new to the source.
    public var added = 0
    /// Venues whose fields changed.
    public var updated = 0
    /// Venues already stored exactly so.
    public var unchanged = 0
    /// Venues of the source that the files no longer have.
    public var removed = 0
    /// Rows with errors, not stored.
    public var rejected = 0
    /// Stored venues whose row was rejected: they stay as they were.
    public var kept = 0
    /// The venues the source held before.
    public var storedBefore = 0
    /// The venues the source holds after the import (as before when nothing was written).
    public var stored = 0
    /// The kept venues, each with its file and row.
    public var keptVenues: [Change] = []
    /// Every change, for a dry run or a refused import (what would change); `nil` otherwise.
    public var changes: [Change]?

    public init(source: String, files: [File], status: Status) {
        self.source = source
        self.files = files
        self.status = status
        committed = status == .applied
    }
    /// Whether every file is valid.
    public var valid: Bool { files.allSatisfy(\.report.valid) }
    /// Whether the store is, or would be, as it was (apart from the history).
    public var changedNothing: Bool { added == 0 && updated == 0 && removed == 0 }
}
