import Foundation
import GRDB
import LieuxExport
import LieuxModel
import Synchronization

/// The SQLite + SpatiaLite database of venues: sources, venues with a point geometry and a
/// spatial index, a full-text index, and the log of imports.
///
/// WAL mode: readers never wait for an import. Open it with ``open(path:)``; every
/// connection loads SpatiaLite.
public final class Store: Sendable {
    /// The connection pool; only this module speaks SQL.
    let pool: DatabasePool
    /// The database file.
    public let path: String
    /// Positions in memory for the commonest searches (see ``PointIndex``).
    let pointIndex = PointIndexCache()
    /// Venues read for recent pages (see ``VersionedCache``).
    let venueCache: VersionedCache<Int64, FoundLieu>?
    /// Features read for recent pages.
    let featureCache: VersionedCache<Int64, EncodedFeature>?
    /// Recent pages of features, by query: a page asked for again is not searched again.
    let pageCache: VersionedCache<LieuQuery, FeaturePage>?
    /// The data version last read, trusted for a short while (see ``VersionMemo``).
    let versionMemo = VersionMemo()
    /// The duplicates of the latest data version asked for (see ``doublons()``).
    let doublonCache = Mutex<(version: Int, index: DoublonIndex)?>(nil)

    /// Opens (or creates) the store at `path` and brings its schema up to date.
    /// `cachingVenues: false` reads every venue of every page from the table and keeps no page (benchmarks).
    public static func open(path: String, cachingVenues: Bool = true) throws(StoreError) -> Store {
        try Store(path: path, cachingVenues: cachingVenues)
    }

    private init(path: String, cachingVenues: Bool) throws(StoreError) {
        self.path = path
        venueCache = cachingVenues ? VersionedCache(capacity: 20_000) : nil
        featureCache = cachingVenues ? VersionedCache(capacity: 20_000) : nil
        pageCache = cachingVenues ? VersionedCache(capacity: Self.cachedPages) : nil
        var configuration = Configuration()
        configuration.prepareDatabase { db in try SpatiaLite.prepare(db) }
        configuration.busyMode = .timeout(10)
        // Exports hold a reader for as long as their download lasts (up to 4 at once).
        configuration.maximumReaderCount = 10
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(
                code: .open, message: "La base « \(path) » ne peut pas être ouverte ou créée : vérifiez le chemin et les droits (option --db ou variable LIEUX_DB).",
                cause: error)
        }
        pool.add(transactionObserver: CommitObserver(versionMemo), extent: .databaseLifetime)
        do {
            try StoreSchema.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("La base « \(path) » n'a pas pu être mise à jour.", cause: error)
        }
    }

    /// Runs `body` with a read-only connection.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("La lecture de la base a échoué.", cause: error)
        }
    }
}
