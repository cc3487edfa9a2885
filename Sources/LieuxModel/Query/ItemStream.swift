import Foundation

/// Items read by a repository on a thread of its own, handed to an asynchronous reader in
/// batches: the stream a repository gives for "every venue of this query" (an export).
///
/// The repository reads with a blocking loop (a SQLite statement stepped row by row) and calls
/// ``send(_:)`` for each item, which waits while `capacity` batches are waiting to be taken:
/// memory stays bounded whatever the reader's pace. The reader calls ``next()`` until `nil`,
/// or ``cancel()`` when it stops reading (a reader that may drop the stream unread cancels it
/// then), which makes the next ``send(_:)`` throw, so the reading thread ends.
public final class ItemStream<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var filling: [Item] = []
    private var end: Result<Void, any Error>?
    private var waiting: CheckedContinuation<[Item]?, any Error>?
    private var cancelled = false
    /// How many batches may wait to be taken.
    public let capacity: Int
    /// How many items a batch holds.
    public let batchSize: Int

    public init(capacity: Int = 4, batchSize: Int = 256) {
        self.capacity = max(1, capacity)
        self.batchSize = max(1, batchSize)
    }

    /// Starts a thread that calls `produce` with the stream, then ends it (with `produce`'s
    /// error, if it threw). What a repository calls to read on a thread it owns.
    public static func reading(
        name: String, capacity: Int = 4, batchSize: Int = 256, _ produce: @escaping @Sendable (ItemStream<Item>) throws -> Void
    ) -> ItemStream<Item> {
        let stream = ItemStream(capacity: capacity, batchSize: batchSize)
        let thread = Thread {
            do {
                try produce(stream)
                stream.finish()
            } catch {
                stream.finish(throwing: error)
            }
        }
        thread.name = name
        thread.start()
        return stream
    }

    /// Adds an item to the batch being filled; hands the batch on once full, waiting while
    /// `capacity` batches wait. Throws `CancellationError` once the reader has cancelled.
    public func send(_ item: Item) throws {
        filling.append(item)
        if filling.count >= batchSize {
            let batch = filling
            filling = []
            try hand(batch)
        }
    }

    private func hand(_ batch: [Item]) throws {
        condition.lock()
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw CancellationError()
        }
        if let waiting {
            self.waiting = nil
            condition.unlock()
            waiting.resume(returning: batch)
            return
        }
        batches.append(batch)
        condition.unlock()
    }

    /// The end of the items, with `error` if the reading failed; the batch being filled is
    /// handed on first.
    public func finish(throwing error: (any Error)? = nil) {
        if error == nil, !filling.isEmpty {
            let batch = filling
            filling = []
            do {
                try hand(batch)
            } catch {
                return  // cancelled: nobody reads any more
            }
        }
        condition.lock()
        guard end == nil else {
            condition.unlock()
            return
        }
        end = error.map { .failure($0) } ?? .success(())
        let waiting = self.waiting
        self.waiting = nil
        condition.unlock()
        if let waiting {
            if let error { waiting.resume(throwing: error) } else { waiting.resume(returning: nil) }
        }
    }

    /// The next batch, `nil` at the end; throws the reading's error.
    public func next() async throws -> [Item]? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if !batches.isEmpty {
                let batch = batches.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: batch)
            } else if let end {
                condition.unlock()
                switch end {
                case .success: continuation.resume(returning: nil)
                case .failure(let error): continuation.resume(throwing: error)
                }
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }

    /// The reader stops: the producer's next ``send(_:)`` throws.
    public func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
