/// What the storage under the service lacks, when a person can act on it.
public enum StorageCondition: String, Sendable {
    /// The disk that holds the store is full.
    case diskFull
    /// The store cannot be written: the file or its folder is read-only.
    case readOnly
    /// The store cannot be read or written any more: its file was removed or moved, or the
    /// disk fails.
    case unavailable
}

/// An error of the storage that says, in French, what failed and what to do; the HTTP service
/// answers it with a status that matches its condition (507, 503) instead of a bare 500.
public protocol StorageFailure: Error {
    var condition: StorageCondition? { get }
    var message: String { get }
}
