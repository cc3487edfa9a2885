import Foundation
import Testing

@testable import LieuxHTTP

@Suite("ChunkChannel and ThreadExecutor: a blocking producer, an asynchronous consumer")
struct ChunkChannelTests {
    @Test("chunks arrive in order, then the end")
    func order() async throws {
        let channel = ChunkChannel(capacity: 2)
        let executor = ThreadExecutor(name: "test")
        Task(executorPreference: executor) {
            for index in 0..<50 { try? channel.send([UInt8(index)]) }
            channel.finish()
            executor.shutdown()
        }
        var received: [UInt8] = []
        while let chunk = try await channel.next() { received += chunk }
        #expect(received == (0..<50).map(UInt8.init))
        #expect(try await channel.next() == nil)
    }

    @Test("the producer waits while the channel is full, and stops when the consumer cancels")
    func backpressure() async throws {
        let channel = ChunkChannel(capacity: 2)
        let executor = ThreadExecutor(name: "test")
        let sent = SentCounter()
        let producer = Task(executorPreference: executor) { () -> Bool in
            defer { executor.shutdown() }
            do {
                for index in 0..<1_000 {
                    try channel.send([UInt8(index % 256)])
                    sent.increment()
                }
                return false
            } catch {
                return true
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(sent.value <= 3)
        _ = try await channel.next()
        channel.cancel()
        #expect(await producer.value == true)
        #expect(sent.value < 1_000)
    }

    @Test("the producer's error reaches the consumer")
    func failure() async throws {
        struct Broken: Error {}
        let channel = ChunkChannel()
        channel.finish(throwing: Broken())
        await #expect(throws: Broken.self) { try await channel.next() }
    }
}

final class SentCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
