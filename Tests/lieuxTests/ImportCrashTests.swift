import Foundation
import LieuxTestSupport
import Testing

/// Two stores and two files shared by the tests of the suite, made once: state A (a first
/// import), state B (the same store after importing a much larger file over it).
struct CrashFixture: Sendable {
    let folder: URL
    /// 1,200 venues: 1,000 that the large file keeps (a third of them changed), 200 it drops.
    let smallFile: String
    /// 4,000 venues with a 1,000-character `presentation_detail`: the transaction outgrows
    /// SQLite's page cache (2 MB), so uncommitted pages reach the write-ahead log before the
    /// commit.
    let largeFile: String
    let storeA: String
    let storeB: String
    let snapshotA: StoreSnapshot
    let snapshotB: StoreSnapshot
    /// How long the complete import of the large file over state A took.
    let largeImportDuration: Duration

    static let shared = Result { try CrashFixture() }
    static let largeCount = 4_000

    /// The fixture's folder (about 40 MB), named after the test process: the folders of test
    /// processes that have ended are removed first, as no test can clean up a shared fixture.
    static let folder: URL = {
        let files = FileManager.default
        let prefix = "lieux-cli-crash-"
        for name in (try? files.contentsOfDirectory(atPath: files.temporaryDirectory.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? files.removeItem(at: files.temporaryDirectory.appendingPathComponent(name))
            }
        }
        let folder = files.temporaryDirectory.appendingPathComponent(prefix + String(getpid()))
        try? files.removeItem(at: folder)
        try? files.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    private init() throws {
        folder = Self.folder
        smallFile = folder.appendingPathComponent("etat-a.csv").path
        largeFile = folder.appendingPathComponent("etat-b.csv").path
        try GeneratedVenues(Array(0..<1_000) + Array(100_000..<100_200), revision: 1, detailLength: 1_000)
            .writeCSV(to: URL(fileURLWithPath: smallFile))
        try GeneratedVenues(0..<Self.largeCount, revision: 2, detailLength: 1_000).writeCSV(to: URL(fileURLWithPath: largeFile))

        storeA = folder.appendingPathComponent("a.sqlite").path
        let first = try LieuxExecutable.run(["import", smallFile, "--source", "s", "--db", storeA])
        guard first.status == 0 else { throw FixtureError("import A: \(first.status) \(first.output) \(first.error)") }
        snapshotA = try StoreSnapshot.read(storeA)

        storeB = folder.appendingPathComponent("b.sqlite").path
        try StoreSnapshot.copy(storeA, to: storeB)
        let start = ContinuousClock.now
        let second = try LieuxExecutable.run(["import", largeFile, "--source", "s", "--db", storeB, "--format", "json"])
        largeImportDuration = ContinuousClock.now - start
        guard second.status == 0 else { throw FixtureError("import B: \(second.status) \(second.error)") }
        snapshotB = try StoreSnapshot.read(storeB)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("lieux import interrupted by kill -9", .serialized)
struct ImportCrashTests {
    /// What a kill left.
    enum Outcome: String {
        case before = "A"
        case after = "B"
    }

    /// One kill: when it was aimed, how the process ended, what the store held.
    struct Kill {
        var delay: Duration
        var termination: SpawnedLieux.Termination
        var at: Duration
        var outcome: Outcome?
        var killed: Bool { termination == .signaled(SIGKILL) }
    }

    /// A duration as text, in seconds with two decimals.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f s", Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Kills an import at `fractions` of its duration, one run each, from a copy of `start`,
    /// and checks each time the store as a plain SQLite reader and as `lieux stats` see it.
    ///
    /// The duration is first the one measured; whenever a run ends before its kill (other
    /// tests ran beside the measure and have stopped), the duration that run took replaces
    /// it, so that the following kills still land inside the import.
    func killImport(
        _ arguments: [String], at fractions: [Double], minimum: Duration, duration measured: Duration,
        start: String, work: String, before: StoreSnapshot, after: StoreSnapshot
    ) throws -> [Kill] {
        var duration = measured
        var kills: [Kill] = []
        defer { StoreSnapshot.remove(work) }
        for fraction in fractions {
            try StoreSnapshot.copy(start, to: work)
            let delay = max(minimum, duration * fraction)
            let child = try SpawnedLieux(arguments + ["--db", work])
            let (termination, at) = child.kill(after: delay)
            if termination != .signaled(SIGKILL) { duration = at }
            let snapshot = try StoreSnapshot.read(work)
            #expect(snapshot.integrity == "ok", "after a kill at \(delay): \(snapshot.integrity)")
            let outcome: Outcome? = snapshot == before ? .before : snapshot == after ? .after : nil
            #expect(outcome != nil, "kill at \(delay) (\(termination)) left a third state: \(snapshot); A: \(before), B: \(after)")
            if termination != .signaled(SIGKILL) {
                #expect(termination == .exited(0) && outcome == .after, "the import ended on its own before the kill: \(termination)")
            }
            let stats = try LieuxExecutable.json(["stats", "--db", work, "--format", "json"])
            #expect(stats.status == 0, "stats after a kill at \(delay): \(stats.error)")
            #expect((stats.value as? [String: Any])?["lieux"] as? Int == snapshot.lieux)
            kills.append(Kill(delay: delay, termination: termination, at: at, outcome: outcome))
        }
        return kills
    }

    /// The distribution of outcomes, for the test's output.
    static func summary(_ kills: [Kill], duration: Duration) -> String {
        let killedA = kills.count { $0.killed && $0.outcome == .before }
        let killedB = kills.count { $0.killed && $0.outcome == .after }
        let ended = kills.count { !$0.killed }
        return "durée mesurée \(seconds(duration)) ; tués : \(killedA) × A, \(killedB) × B ; terminés avant le kill (B) : \(ended) ; "
            + kills.map { "\(seconds($0.at)) → \($0.outcome?.rawValue ?? "?")\($0.killed ? "" : " (fini)")" }.joined(separator: ", ")
    }

    @Test("the states A and B are different, and reading a store does not change it")
    func fixtureStates() throws {
        let fixture = try CrashFixture.shared.get()
        #expect(fixture.snapshotA.integrity == "ok")
        #expect(fixture.snapshotB.integrity == "ok")
        #expect(fixture.snapshotA.lieux == 1_200)
        #expect(fixture.snapshotB.lieux == CrashFixture.largeCount)
        #expect(fixture.snapshotA.digest != fixture.snapshotB.digest)
        #expect(try StoreSnapshot.read(fixture.storeA) == fixture.snapshotA)
        #expect(try StoreSnapshot.read(fixture.storeB) == fixture.snapshotB)
    }

    @Test("kill -9 at 12 moments of an import that adds, updates and removes: the store is always A or B, never between")
    func killDuringImport() throws {
        let fixture = try CrashFixture.shared.get()
        // Spread over the import, then three around its end (commit, checkpoint, exit).
        let fractions = (0..<9).map { Double($0) / 9 * 0.9 } + [0.96, 0.99, 1.02]
        let kills = try killImport(
            ["import", fixture.largeFile, "--source", "s"], at: fractions, minimum: .milliseconds(50),
            duration: fixture.largeImportDuration, start: fixture.storeA,
            work: fixture.folder.appendingPathComponent("kill.sqlite").path,
            before: fixture.snapshotA, after: fixture.snapshotB)
        // Most kills must land while the import runs, or the test proves nothing.
        #expect(kills.count(where: \.killed) >= 6, "only \(kills.count(where: \.killed)) of 12 kills interrupted the import")
        print("kill -9 pendant un import (ajouts, modifications, retraits) : " + Self.summary(kills, duration: fixture.largeImportDuration))
    }

    @Test("kill -9 during an import that only removes venues: the store is always before or after")
    func killDuringRemoval() throws {
        let fixture = try CrashFixture.shared.get()
        let keep = fixture.folder.appendingPathComponent("cent.csv")
        // The large file's first 100 venues, exactly: the import keeps them and removes the others.
        try GeneratedVenues(0..<100, revision: 2, detailLength: 1_000).writeCSV(to: keep)
        let removed = fixture.folder.appendingPathComponent("c.sqlite").path
        try StoreSnapshot.copy(fixture.storeB, to: removed)
        let started = ContinuousClock.now
        // 3,900 of 4,000 venues removed: allowed explicitly, past the safeguard.
        let complete = try LieuxExecutable.json(["import", keep.path, "--source", "s", "--db", removed, "--format", "json", "--autoriser-retraits"])
        let duration = ContinuousClock.now - started
        #expect(complete.status == 0, "\(complete.error)")
        let result = try #require(complete.value as? [String: Any])
        #expect(result["added"] as? Int == 0)
        #expect(result["updated"] as? Int == 0)
        #expect(result["unchanged"] as? Int == 100)
        #expect(result["removed"] as? Int == CrashFixture.largeCount - 100)
        let snapshotC = try StoreSnapshot.read(removed)
        #expect(snapshotC.lieux == 100)

        let fractions = (0..<6).map { 0.1 + Double($0) / 5 * 0.8 } + [0.96, 1.0]
        let kills = try killImport(
            ["import", keep.path, "--source", "s", "--autoriser-retraits"], at: fractions, minimum: .milliseconds(20), duration: duration,
            start: fixture.storeB, work: fixture.folder.appendingPathComponent("kill-retraits.sqlite").path,
            before: fixture.snapshotB, after: snapshotC)
        #expect(kills.count(where: \.killed) >= 4, "only \(kills.count(where: \.killed)) of 8 kills interrupted the import")
        print("kill -9 pendant un import qui ne fait que retirer : " + Self.summary(kills, duration: duration))
    }
}
