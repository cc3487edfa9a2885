import Foundation
import GRDB

/// What a store file holds, read with plain SQLite (no SpatiaLite): the result of
/// `PRAGMA integrity_check` and a digest of every row of every ordinary table — the venues,
/// sources and import log, but also the B-trees behind the spatial index (R*Tree) and the
/// full-text index (FTS5), and the schema itself.
///
/// Two stores with the same digest hold the same data, byte for byte, except what differs
/// between two runs of the same import, which is left out: the import log's timestamps
/// (`started_at`, `finished_at`) and its `report` (which has the validation's duration), and
/// the timestamps SpatiaLite's triggers write in `geometry_columns_time` (`last_insert`,
/// `last_update`, `last_delete`).
struct StoreSnapshot: Equatable, CustomStringConvertible {
    /// `ok`, or SQLite's list of problems.
    var integrity: String
    /// FNV-1a (64 bits) of the tables' rows, in hexadecimal.
    var digest: String
    /// Rows of the `lieu` table.
    var lieux: Int

    var description: String { "\(lieux) lieux, digest \(digest), integrity \(integrity)" }

    /// Columns that record when or how fast something happened, not what.
    static let timestampColumns: Set<String> = ["started_at", "finished_at", "report", "last_insert", "last_update", "last_delete"]

    /// Reads the store at `path` through a read-only connection (which still replays the
    /// write-ahead log, as any reader does).
    static func read(_ path: String) throws -> StoreSnapshot {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
            var hash = FNV1a()
            let schema = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            for row in schema { hash.add(row) }
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'
                ORDER BY name
                """)
            for table in tables {
                let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                    .map { $0["name"] as String }
                    .filter { !timestampColumns.contains($0) }
                guard !columns.isEmpty else { continue }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                hash.add(table)
                let order = (1...columns.count).map(String.init).joined(separator: ", ")
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY \(order)")
                while let row = try cursor.next() { hash.add(row) }
            }
            let lieux = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu") ?? -1
            return StoreSnapshot(integrity: integrity, digest: hash.hex, lieux: lieux)
        }
    }

    /// A copy of the store's files (`.sqlite`, and its `-wal` when there is one).
    static func copy(_ path: String, to destination: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            try? files.removeItem(atPath: destination + suffix)
        }
        for suffix in ["", "-wal"] where files.fileExists(atPath: path + suffix) {
            try files.copyItem(atPath: path + suffix, toPath: destination + suffix)
        }
    }

    /// Removes the store's files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

/// FNV-1a, 64 bits, over a canonical encoding of values.
private struct FNV1a {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(bytes: some Sequence<UInt8>) {
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    mutating func add(_ text: String) {
        add(bytes: text.utf8)
        add(bytes: [0xFF])
    }

    mutating func add(_ row: Row) {
        for value in row.databaseValues {
            switch value.storage {
            case .null: add(bytes: [0])
            case .int64(let n): add(bytes: [1]); add(String(n))
            case .double(let d): add(bytes: [2]); add(String(d.bitPattern))
            case .string(let s): add(bytes: [3]); add(s)
            case .blob(let data): add(bytes: [4]); add(String(data.count)); add(bytes: data)
            }
        }
        add(bytes: [0xFE])
    }

    var hex: String { String(state, radix: 16) }
}
