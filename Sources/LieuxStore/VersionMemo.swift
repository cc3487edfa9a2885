import GRDB
import Synchronization

/// The store's data version as last read, trusted for a short while: asked for by every GET
/// (its ETag) and by every page kept in memory, it would otherwise cost a read on another
/// thread each time, two thread switches that were a fifth of a cached page's time.
///
/// Every commit of this process forgets it at once (``CommitObserver``), so that a change
/// made here shows in the very next request. A change made by another process (`lieux
/// import` beside `lieux serve`) shows within ``lifetime``. A version read in a transaction
/// that began before a commit is never remembered after it (the generation tells).
final class VersionMemo: Sendable {
    /// How long a version read is trusted without reading it again.
    static let lifetime: Duration = .milliseconds(50)

    private struct State {
        var generation: UInt64 = 0
        var version: Int?
        var readAt = ContinuousClock.now
    }

    private let state = Mutex(State())

    /// The version read less than ``lifetime`` ago, if any.
    func recent() -> Int? {
        state.withLock { state in
            guard let version = state.version, ContinuousClock.now - state.readAt < Self.lifetime else { return nil }
            return version
        }
    }

    /// The generation to give to ``remember(_:generation:)`` for a read that starts now.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Remembers a version read in a transaction begun at `generation`, unless a commit
    /// happened since.
    func remember(_ version: Int, generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            state.version = version
            state.readAt = .now
        }
    }

    /// Forgets the version (a commit).
    func forget() {
        state.withLock { state in
            state.generation &+= 1
            state.version = nil
        }
    }
}

/// Calls ``VersionMemo/forget()`` after every commit of the store's writer.
final class CommitObserver: TransactionObserver {
    let memo: VersionMemo

    init(_ memo: VersionMemo) { self.memo = memo }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { memo.forget() }
    func databaseDidRollback(_ db: Database) {}
}
