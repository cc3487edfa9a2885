import Foundation
import Testing

@testable import LieuxModel

@Suite("ItemStream: a repository's reading thread, an asynchronous reader")
struct ItemStreamTests {
    @Test("items arrive in order, in batches of the size asked, then the end")
    func order() async throws {
        let stream = ItemStream<Int>.reading(name: "test", capacity: 2, batchSize: 7) { stream in
            for index in 0..<1_000 { try stream.send(index) }
        }
        var received: [Int] = []
        var sizes: Set<Int> = []
        while let batch = try await stream.next() {
            received += batch
            sizes.insert(batch.count)
        }
        #expect(received == Array(0..<1_000))
        #expect(sizes == [7, 1_000 % 7])
        #expect(try await stream.next() == nil)
    }

    @Test("the reading waits while batches wait, and ends when the reader cancels")
    func backpressure() async throws {
        let sent = Counter()
        let stopped = Counter()
        let stream = ItemStream<Int>.reading(name: "test", capacity: 2, batchSize: 1) { stream in
            do {
                for index in 0..<1_000 {
                    try stream.send(index)
                    sent.increment()
                }
            } catch {
                stopped.increment()
                throw error
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(sent.value <= 3)
        #expect(try await stream.next() == [0])
        stream.cancel()
        for _ in 0..<100 where stopped.value == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(stopped.value == 1)
        #expect(sent.value < 1_000)
    }

    @Test("the reading's error reaches the reader, after the batches sent before it")
    func failure() async throws {
        struct Broken: Error {}
        let stream = ItemStream<Int>.reading(name: "test", batchSize: 2) { stream in
            try stream.send(1)
            try stream.send(2)
            throw Broken()
        }
        #expect(try await stream.next() == [1, 2])
        await #expect(throws: Broken.self) { try await stream.next() }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
