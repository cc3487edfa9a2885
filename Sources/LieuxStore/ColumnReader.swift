import CSpatiaLite
import GRDB
import LieuxExport
import LieuxModel

/// The columns of the current row of a statement, read straight from SQLite.
///
/// A page of 100 venues is 3,200 text cells: through GRDB's `Row` each one was copied into a
/// `DatabaseValue`, then decoded through generic conversions, which cost more than SQLite's
/// own work. Only valid while the statement stays on its row.
struct ColumnReader {
    let statement: SQLiteStatement

    /// Runs `sql` and calls `body` with each row.
    static func forEach(
        _ db: Database, sql: String, arguments: StatementArguments = [], _ body: (ColumnReader) throws -> Void
    ) throws {
        try forEach(db.makeStatement(sql: sql), arguments: arguments, body)
    }

    /// Runs a prepared statement and calls `body` with each row.
    static func forEach(_ statement: Statement, arguments: StatementArguments, _ body: (ColumnReader) throws -> Void) throws {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while try cursor.next() != nil { try body(ColumnReader(statement: statement.sqliteStatement)) }
    }

    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    func text(_ index: Int32) -> String? {
        guard !isNull(index), let bytes = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func double(_ index: Int32) -> Double? { isNull(index) ? nil : sqlite3_column_double(statement, index) }

    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

    /// The venue whose 32 field columns start at `firstField`, in the standard's order.
    func lieu(firstField: Int32) throws -> Lieu {
        try Lieu { field in
            let index = firstField + Int32(field.number - 1)
            switch field {
            case .latitude, .longitude: return double(index).map(Lieu.format)
            default: return text(index)
            }
        }
    }

    /// A row of ``LieuTable/selectFull``: pk, source name, then the fields.
    func found() throws -> FoundLieu {
        FoundLieu(lieu: try lieu(firstField: 2), source: text(1) ?? "")
    }

    /// A row of ``LieuTable/selectFeature``: the feature; `nil` when the row has none yet
    /// (a venue put back by an undo, before ``Store/fillFeatures(_:)``).
    func feature() -> EncodedFeature? {
        guard !isNull(2), let blob = sqlite3_column_blob(statement, 2) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, 2))
        return EncodedFeature(opening: Array(UnsafeRawBufferPointer(start: blob, count: count)), source: text(1) ?? "")
    }
}
