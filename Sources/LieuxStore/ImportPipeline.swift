import Foundation
import LieuxSchema

/// Reading, validating and preparing the rows of an import on a thread of their own, while
/// the import's transaction writes the rows already prepared: on two cores the import takes
/// the time of the slower half instead of the sum of both (measured in BENCHMARKS.md).
///
/// The rows arrive in the file's order, in batches; at most ``maximumBatches`` wait, so a
/// large file never sits in memory.
final class ImportPipeline: @unchecked Sendable {
    /// What became of a row.
    enum Item: Sendable {
        case venue(LieuWriter.Prepared)
        /// A row with an error: not stored.
        case rejected
        /// A valid row that still could not become a venue (never expected).
        case undecodable
    }

    static let batchSize = 256
    static let maximumBatches = 16

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var cancelled = false
    private var outcome: Result<TaskReport, SchemaError>?

    /// Starts validating the rows of `reader` on a new thread.
    init<R: RowReader>(validator: Validator, reader: R, place: String) {
        let input = UncheckedBox((validator, reader))
        let thread = Thread { [self] in
            var (validator, reader) = input.value
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            let result = Result { () throws(SchemaError) -> TaskReport in
                try validator.validate(&reader, place: place) { row in
                    guard !self.isCancelled else { return }
                    batch.append(row.isValid ? LieuWriter.prepare(row).map(Item.venue) ?? .undecodable : .rejected)
                    if batch.count == Self.batchSize {
                        self.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !batch.isEmpty { self.put(batch) }
            self.finish(result)
        }
        thread.name = "lieux-import-validation"
        thread.stackSize = 8 << 20
        thread.start()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    private func put(_ batch: [Item]) {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.maximumBatches && !cancelled { condition.wait() }
        if !cancelled { batches.append(batch) }
        condition.broadcast()
    }

    private func finish(_ result: Result<TaskReport, SchemaError>) {
        condition.lock()
        defer { condition.unlock() }
        outcome = result
        condition.broadcast()
    }

    /// The next batch of rows, in the file's order; `nil` once every row has been given.
    func next() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && outcome == nil { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// Stops preparing rows (the writer failed); ``report()`` still waits for the thread.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        batches.removeAll()
        condition.broadcast()
    }

    /// The validation report, once the thread has read the whole file.
    func report() throws(SchemaError) -> TaskReport {
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome!
        condition.unlock()
        return try result.get()
    }
}

/// A value handed to another thread that only that thread uses from then on.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
