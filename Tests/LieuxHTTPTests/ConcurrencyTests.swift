import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxStore
import Testing

/// Many requests at once over a real store: the service answers them all. A read that blocked
/// a thread of Swift's pool while GRDB's readers were all held by reads waiting for such a
/// thread stopped the service for good from 12 connections on 2 cores.
@Suite("Many requests at once")
struct ConcurrencyTests {
    @Test("200 requests at once (items, a venue, clusters, coverage, health) are all answered")
    func manyAtOnce() async throws {
        let folder = SharedData.temporaryFolder("lieux-concurrence")
        let file = folder.appendingPathComponent("lieux.csv")
        try Data(GeneratedVenues(0..<500).csv()).write(to: file)
        let store = try Store.open(path: folder.appendingPathComponent("lieux.sqlite").path)
        _ = try store.importFile(at: file, source: "s")
        let paths = [
            "/collections/lieux/items/s%3A\(GeneratedVenues.id(7))", "/collections/lieux/items?bbox=-5,41,10,51&limit=20",
            "/collections/lieux/clusters?bbox=-5,41,10,51&zoom=6", "/collections/lieux/items?lat=49.26&lon=4.03&nearest=5",
            "/health", "/collections/lieux/aggregates?par=departement",
        ]
        // The watchdog runs on a Dispatch thread: when Swift's pool is stuck, no task can
        // time out, so the process stops with the reason.
        let watchdog = DispatchWorkItem {
            FileHandle.standardError.write(Data("ConcurrencyTests : le service ne répond plus après 120 s (lectures bloquées)\n".utf8))
            exit(1)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        defer { watchdog.cancel() }
        let answered = try await buildApplication(repository: store, publisher: store).test(.router) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<200 { group.addTask { try await client.get(paths[i % paths.count]).status } }
                var count = 0
                for try await status in group {
                    #expect(status == .ok || status == .notFound, "\(status)")
                    count += 1
                }
                return count
            }
        }
        #expect(answered == 200)
    }
}
