import CSpatiaLite
import GRDB

/// Loads SpatiaLite into every connection GRDB opens.
///
/// GRDB has no hook for a connection's closing, so the SpatiaLite cache is tied to a dummy
/// SQL function whose destructor SQLite calls when the connection closes: without it each
/// connection would leak the cache (about 5 KB). Public for the query benchmark's reference
/// connection, which asks SpatiaLite directly.
public enum SpatiaLite {
    public static func prepare(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { return }
        guard let cache = spatialite_alloc_connection() else {
            throw StoreError(code: .spatialite, message: "SpatiaLite n'a pas pu être initialisé (mémoire ?).")
        }
        spatialite_init_ex(connection, cache, 0)
        let status = sqlite3_create_function_v2(
            connection, "lieux_spatialite_cache", 0, SQLITE_UTF8, cache,
            { context, _, _ in sqlite3_result_null(context) }, nil, nil,
            { cache in spatialite_cleanup_ex(cache) })
        guard status == SQLITE_OK else {
            spatialite_cleanup_ex(cache)
            throw StoreError(code: .spatialite, message: "SpatiaLite n'a pas pu être attaché à la connexion (code \(status)).")
        }
    }
}
