import Foundation
import Testing

@testable import LieuxHTTP

/// What a service killed during a publication leaves behind, removed when the next one starts.
@Suite("Orphan publications")
struct OrphanPublicationTests {
    @Test("the folders of publications whose process is gone are removed; those of a live process are kept")
    func orphanPublications() throws {
        let directory = SharedData.temporaryFolder("lieux-orphelins")
        let manager = FileManager.default
        let live = directory.appendingPathComponent("lieux-publication-\(getpid())-\(UUID().uuidString)")
        let dead = directory.appendingPathComponent("lieux-publication-2147483646-\(UUID().uuidString)")
        let old = directory.appendingPathComponent("lieux-publication-\(UUID().uuidString)")
        let other = directory.appendingPathComponent("autre-dossier")
        for folder in [live, dead, old, other] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("corps".utf8).write(to: folder.appendingPathComponent("corps"))
        }
        #expect(LieuxAPI.removeOrphanPublications(in: directory) == 2)
        #expect(manager.fileExists(atPath: live.path))
        #expect(manager.fileExists(atPath: other.path))
        #expect(!manager.fileExists(atPath: dead.path))
        #expect(!manager.fileExists(atPath: old.path))
    }
}
