import Synchronization

/// Counts the exports running, up to a maximum (each holds a thread and a reading
/// transaction while its client downloads).
final class ExportLimiter: Sendable {
    private let running = Mutex(0)
    let maximum: Int

    init(maximum: Int) {
        self.maximum = max(1, maximum)
    }

    /// Takes a place; `false` when all are taken.
    func acquire() -> Bool {
        running.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    func release() {
        running.withLock { $0 -= 1 }
    }
}
