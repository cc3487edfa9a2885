import Foundation
import LieuxModel
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
        case venue(LieuWriter.Prepared, row: Int)
        /// A row with an error: not stored; a venue stored under its id is kept as it was.
        case rejected(id: String?, row: Int)
        /// A valid row that still could not become a venue (never expected).
        case undecodable
    }

    static let batchSize = 256
    static let maximumBatches = 16

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var cancelled = false
    private var finished: Result<ImportReading.Outcome, SchemaError>?

    /// The index of the `id` field in a checked row's values.
    private static let idField = Lieu.Field.id.number - 1

    /// Starts reading and validating the file of `reading` on a new thread.
    init(reading: ImportReading) {
        let thread = Thread { [self] in
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            let result = Result { () throws(SchemaError) -> ImportReading.Outcome in
                try reading.read { row in
                    guard !self.isCancelled else { return }
                    let item: Item
                    if row.isValid {
                        item = LieuWriter.prepare(row).map { Item.venue($0, row: row.number) } ?? .undecodable
                    } else {
                        item = .rejected(id: row.values[Self.idField].flatMap(Lieu.ID.init(rawValue:))?.rawValue, row: row.number)
                    }
                    batch.append(item)
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

    private func finish(_ result: Result<ImportReading.Outcome, SchemaError>) {
        condition.lock()
        defer { condition.unlock() }
        finished = result
        condition.broadcast()
    }

    /// The next batch of rows, in the file's order; `nil` once every row has been given.
    func next() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && finished == nil { condition.wait() }
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

    /// The validation report and the file's version, once the thread has read the whole file.
    func outcome() throws(SchemaError) -> ImportReading.Outcome {
        condition.lock()
        while finished == nil { condition.wait() }
        let result = finished!
        condition.unlock()
        return try result.get()
    }
}
