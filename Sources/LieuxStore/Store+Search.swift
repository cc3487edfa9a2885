import Foundation
import GRDB
import LieuxModel

extension Store: LieuRepository {
    public func search(_ query: LieuQuery) async throws -> LieuPage {
        let (lieux, matched, _) = try await page(query, reading: .venues, cache: venueCache)
        return LieuPage(lieux: lieux, numberMatched: matched)
    }

    /// One page of `query`, read as `reading` says: from the point index when it answers the
    /// query and belongs to the data version read in the same transaction, else from SQL
    /// (and the index is rebuilt in the background when it is stale); with the data version
    /// read. The searches of ``search(_:)`` and ``featurePage(_:)``.
    func page<Value>(
        _ query: LieuQuery, reading: VenueReading<Value>, cache: VersionedCache<Int64, Value>?
    ) async throws -> (values: [Value], matched: Int, version: Int) {
        let answers = PointIndex.answers(query)
        let index = answers ? pointIndex.latest : nil
        // Never a blocking read here: a task blocked on the pool while every reader is held
        // by reads waiting for a thread of Swift's pool stops the service for good (seen at
        // 12 connections on 2 cores).
        let (values, matched, version) = try await pool.read { db -> ([Value], Int, Int) in
            let version = try Self.dataVersion(db)
            if let index, index.version == version {
                let (candidates, matched) = index.page(query)
                return (try SearchPlan.fetch(db, candidates[...], reading: reading, cache: cache, version: version), matched, version)
            }
            let (values, matched) = try SearchPlan(query, db: db).page(db, reading: reading, cache: cache, version: version)
            return (values, matched, version)
        }
        if answers && index?.version != version { refreshPointIndex() }
        return (values, matched, version)
    }

    /// Builds the in-memory point index of the current data in the background, unless a build
    /// is under way; searches use SQL until it is ready.
    public func refreshPointIndex() {
        guard pointIndex.beginBuilding() else { return }
        Task.detached(priority: .utility) { [self] in
            pointIndex.finish(try? pool.read { db in try PointIndex(db) })
        }
    }

    /// Builds the in-memory point index of the current data now (benchmarks, tests).
    public func buildPointIndex() throws {
        pointIndex.finish(try pool.read { db in try PointIndex(db) })
    }

    static func dataVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM store_meta WHERE key = 'version'")) ?? 0
    }

    /// Every venue matching `query`, read on a thread of the store's own (an export holds one
    /// reading connection for as long as its client reads).
    public func venues(_ query: LieuQuery) -> ItemStream<FoundLieu> {
        ItemStream.reading(name: "lieux-lecture") { [self] stream in
            try forEachSynchronously(query) { try stream.send($0) }
        }
    }

    /// Every venue matching `query` (its page ignored), one at a time, from a blocking read.
    public func forEachSynchronously(_ query: LieuQuery, _ body: (FoundLieu) throws -> Void) throws {
        try pool.read { db in try SearchPlan(query, db: db).forEach(db, reading: .venues, body) }
    }

    public func lieu(source: String, id: Lieu.ID) async throws -> FoundLieu? {
        try await pool.read { db in
            let sql = LieuTable.selectFull + LieuTable.from + " WHERE source.name = ? AND lieu.id = ?"
            return try SearchPlan.first(db, sql: sql, arguments: [source, id.rawValue])
        }
    }

    public func lieu(id: Lieu.ID) async throws -> FoundLieu? {
        try await pool.read { db in
            let sql = LieuTable.selectFull + LieuTable.from + " WHERE lieu.id = ? ORDER BY source.name"
            return try SearchPlan.first(db, sql: sql, arguments: [id.rawValue])
        }
    }

    public func version() async throws -> String {
        String(try await currentVersion())
    }

    /// The data version, read from the store now through an asynchronous read of the pool,
    /// as every page's read is: the floor of a page's latency (QueryBenchmark).
    public func readVersion() async throws -> Int {
        try await pool.read { db in try Self.dataVersion(db) }
    }

    /// The data version: the one read less than ``VersionMemo/lifetime`` ago, else read now
    /// (asynchronously, as every read of a task).
    func currentVersion() async throws -> Int {
        if let version = versionMemo.recent() { return version }
        let generation = versionMemo.generation
        let version = try await pool.read { db in try Self.dataVersion(db) }
        versionMemo.remember(version, generation: generation)
        return version
    }

    public func hasArea(_ area: AreaReference) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT count(*) > 0 FROM area WHERE kind = ? AND code = ?",
                arguments: [area.kind.rawValue, area.code]) ?? false
        }
    }

    /// Marks the stored data as changed, for caches and ETags.
    static func bumpVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE store_meta SET value = value + 1 WHERE key = 'version'")
    }
}
