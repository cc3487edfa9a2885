import Foundation

/// Chunks of bytes from a producer that may block (a closure called by the repository's
/// `forEach`) to an asynchronous consumer (the HTTP body writer), holding at most `capacity`
/// chunks: the producer waits while the client is slower, so memory stays bounded.
///
/// The producer calls ``send(_:)`` then ``finish(throwing:)``; the consumer calls ``next()``
/// until `nil`, or ``cancel()`` when it stops reading, which makes the next ``send(_:)`` throw.
final class ChunkChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var end: Result<Void, any Error>?
    private var waiting: CheckedContinuation<[UInt8]?, any Error>?
    private var cancelled = false
    let capacity: Int

    init(capacity: Int = 4) {
        self.capacity = max(1, capacity)
    }

    /// Hands a chunk on; blocks while `capacity` chunks wait; throws once the consumer has gone.
    func send(_ chunk: [UInt8]) throws {
        condition.lock()
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw CancellationError()
        }
        if let waiting {
            self.waiting = nil
            condition.unlock()
            waiting.resume(returning: chunk)
            return
        }
        chunks.append(chunk)
        condition.unlock()
    }

    /// No more chunks: the stream ends, with `error` if it failed.
    func finish(throwing error: (any Error)? = nil) {
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

    /// The next chunk, `nil` at the end; throws the producer's error.
    func next() async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if !chunks.isEmpty {
                let chunk = chunks.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: chunk)
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

    /// The consumer stops: the producer's next ``send(_:)`` throws.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
