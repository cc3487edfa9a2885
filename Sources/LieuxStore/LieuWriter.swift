import CSpatiaLite
import Foundation
import GRDB
import LieuxExport
import LieuxModel
import LieuxSchema

/// Writes the valid rows of one import into the venues of a source, inside the import's
/// transaction, and tells added, updated and unchanged venues apart by a hash of their fields.
struct LieuWriter {
    let db: Database
    let sourceID: Int64
    /// The operation (a row of `import`) under which the history records what changes.
    let operationID: Int64
    private(set) var added = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    /// Stored venues whose row was rejected, kept as they were.
    private(set) var kept: [(id: String, rowNumber: Int)] = []
    /// Valid rows that still could not become a `Lieu` (never expected: the validator checks
    /// everything the model needs).
    private(set) var undecodable = 0
    let storedBefore: Int
    /// Whether the venues written or kept are remembered, to remove the others at the end
    /// and to find an id repeated across the files of one import.
    private let tracksSeen: Bool

    private let lookup: Statement
    private let insert: Statement
    private let update: Statement
    private let markSeen: Statement
    private let isSeen: Statement
    private let recordPrevious: Statement
    private let recordAddition: Statement


    /// What became of a valid row.
    enum Outcome {
        case written
        /// An earlier file of the same import already has this id: the row is rejected.
        case repeatedAcrossFiles
    }

    /// A writer for one operation; `tracksSeen: false` for a write of one venue, which
    /// removes nothing. `bulk`: many venues are coming (an import), see ``finish()``.
    init(_ db: Database, sourceID: Int64, operationID: Int64, fileCount: Int, tracksSeen: Bool = true, bulk: Bool = false) throws {
        self.db = db
        self.sourceID = sourceID
        self.operationID = operationID
        storedBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu WHERE source_id = ?", arguments: [sourceID]) ?? 0
        self.tracksSeen = tracksSeen && (storedBefore > 0 || fileCount > 1)
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (pk INTEGER PRIMARY KEY); DELETE FROM import_seen;")
        lookup = try db.makeStatement(sql: "SELECT pk, content_hash FROM lieu WHERE source_id = ? AND id = ?")
        let columns = LieuTable.writtenColumns
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        insert = try db.makeStatement(sql: """
            INSERT INTO lieu (source_id, \(columns.joined(separator: ", ")), feature, geom)
            VALUES (?, \(placeholders), ?, CASE WHEN ? IS NULL THEN NULL ELSE MakePoint(?, ?, 4326) END)
            """)
        update = try db.makeStatement(sql: """
            UPDATE lieu SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), feature = ?,
                geom = CASE WHEN ? IS NULL THEN NULL ELSE MakePoint(?, ?, 4326) END
            WHERE pk = ?
            """)
        markSeen = try db.makeStatement(sql: "INSERT OR IGNORE INTO import_seen (pk) VALUES (?)")
        isSeen = try db.makeStatement(sql: "SELECT 1 FROM import_seen WHERE pk = ?")
        recordPrevious = try db.makeStatement(sql: History.recordSQL(action: "'modification'", from: "lieu WHERE pk = ?"))
        recordAddition = try db.makeStatement(
            sql: "INSERT INTO lieu_version (import_id, source_id, action, id) VALUES (?, ?, 'ajout', ?)")
        // SpatiaLite's per-row triggers on inserts and updates (geometry constraint, time
        // stamps, R*Tree through `RTreeAlign`, which compiles SQL at every call) cost more than
        // the rest of the row. The writer makes only valid POINTs in SRID 4326, so it sets them
        // aside for the import and writes the R*Tree itself; `finish()` puts them
        // back in the same transaction (a rollback restores them too). Delete triggers stay.
        bypassedTriggers = try Row.fetchAll(
            db,
            sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'lieu' AND name IN (?, ?, ?, ?, ?, ?)",
            arguments: ["ggi_lieu_geom", "ggu_lieu_geom", "tmi_lieu_geom", "tmu_lieu_geom", "gii_lieu_geom", "giu_lieu_geom"]
        ).map { ($0["name"], $0["sql"]) }
        for (name, _) in bypassedTriggers { try db.execute(sql: "DROP TRIGGER \"\(name)\"") }
        // A source empty before an import is a bulk load: its venues enter the full-text
        // index in one statement at the end instead of one trigger per row; when the whole
        // table is empty, the search indexes are built once at the end too (one sort instead
        // of as many random B-tree inserts as venues). `finish()` puts them back in the same
        // transaction; a rollback puts them back too. The unique key (source, id) stays: it
        // finds an id repeated in the file.
        if bulk && storedBefore == 0 {
            let tableIsEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM lieu LIMIT 1)") == 0
            var names = ["lieu_fts_insert"]
            if tableIsEmpty { names += Self.searchIndexes }
            deferred = try Row.fetchAll(
                db, sql: "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'lieu' AND name IN (\(names.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(names)
            ).map { (type: $0["type"], name: $0["name"], sql: $0["sql"]) }
            for item in deferred { try db.execute(sql: "DROP \(item.type == "index" ? "INDEX" : "TRIGGER") \"\(item.name)\"") }
        }
        deleteBox = try db.makeStatement(sql: "DELETE FROM idx_lieu_geom WHERE pkid = ?")
        insertBox = try db.makeStatement(sql: "INSERT INTO idx_lieu_geom (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)")
    }

    private var bypassedTriggers: [(String, String)]
    /// The full-text trigger and search indexes set aside for a bulk load.
    private var deferred: [(type: String, name: String, sql: String)] = []
    private let deleteBox: Statement
    private let insertBox: Statement

    /// The indexes of the searches, built at the end of a load into an empty table.
    static let searchIndexes = ["lieu_departement", "lieu_code_insee", "lieu_code_postal", "lieu_nom_tri"]

    /// Puts back the triggers and indexes set aside by `init`, and fills the full-text index
    /// of a bulk load; call it before the transaction ends.
    mutating func finish() throws {
        for (_, sql) in bypassedTriggers { try db.execute(sql: sql) }
        bypassedTriggers = []
        guard !deferred.isEmpty else { return }
        try db.execute(
            sql: "INSERT INTO lieu_fts (rowid, nom, adresse, commune) SELECT pk, nom, adresse, commune FROM lieu WHERE source_id = ?",
            arguments: [sourceID])
        for item in deferred { try db.execute(sql: item.sql) }
        deferred = []
    }

    /// Replaces the R*Tree box of an updated venue (a point: a box of no size).
    private func replaceBox(pk: Int64, _ coordinates: Coordinates?) throws {
        try deleteBox.execute(arguments: [pk])
        guard let c = coordinates else { return }
        try insertBox.execute(arguments: [pk, c.longitude, c.longitude, c.latitude, c.latitude])
    }

    /// A valid row made ready for the table, away from the database (on the validating
    /// thread): the venue's column values and its hash.
    struct Prepared: Sendable {
        var id: String
        var coordinates: Coordinates?
        var hash: Int64
        /// The 32 fields (`nil` for latitude and longitude, bound as numbers), then
        /// `departement` and `nom_tri`.
        var texts: [String?]
        /// The opening of the venue's GeoJSON feature (``EncodedFeature/opening``).
        var feature: [UInt8]

        /// The values of the columns, in ``LieuTable/writtenColumns`` order, then the feature,
        /// then the point's longitude, longitude and latitude (for GRDB's statements).
        var values: [DatabaseValue] {
            var values = Lieu.Field.allCases.map { field -> DatabaseValue in
                switch field {
                case .latitude: return coordinates?.latitude.databaseValue ?? .null
                case .longitude: return coordinates?.longitude.databaseValue ?? .null
                default: return texts[field.number - 1]?.databaseValue ?? .null
                }
            }
            values += [texts[Self.departement]?.databaseValue ?? .null, hash.databaseValue, texts[Self.nameKey]?.databaseValue ?? .null]
            let longitude = coordinates?.longitude.databaseValue ?? .null
            values.append(Data(feature).databaseValue)
            return values + [longitude, longitude, coordinates?.latitude.databaseValue ?? .null]
        }

        static let departement = Lieu.Field.allCases.count
        static let nameKey = Lieu.Field.allCases.count + 1
    }

    /// The row ready for ``write(_:)``; `nil` when it cannot become a venue.
    static func prepare(_ row: CheckedRow) -> Prepared? {
        guard let lieu = Self.lieu(from: row) else { return nil }
        var texts: [String?] = Lieu.Field.allCases.map { field -> String? in
            switch field {
            case .latitude, .longitude: return nil
            default: return lieu.text(field)
            }
        }
        texts.append(lieu.codeINSEE?.departement?.code ?? lieu.codePostal.departements.first?.code)
        texts.append(LieuSort.nameKey(lieu.nom))
        return Prepared(
            id: lieu.id.rawValue, coordinates: lieu.coordinates, hash: Self.contentHash(of: lieu), texts: texts,
            feature: lieu.geoJSONFeatureOpening())
    }

    /// Stores a prepared venue, and keeps the version it replaces in the history.
    mutating func write(_ venue: Prepared) throws -> Outcome {
        // A source empty before the import has nothing to look up nor to remove afterwards
        // (its additions are recorded all at once by `recordBulkAdditions`), unless the file
        // repeats an id or the import has several files.
        if storedBefore == 0 {
            do {
                let pk = try insertVenue(venue)
                added += 1
                if tracksSeen { try markSeen.execute(arguments: [pk]) }
                return .written
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                // Looked up below.
            }
        }
        let pk: Int64
        if let existing = try Row.fetchOne(lookup, arguments: [sourceID, venue.id]) {
            pk = existing["pk"]
            if tracksSeen, try Row.fetchOne(isSeen, arguments: [pk]) != nil { return .repeatedAcrossFiles }
            if existing["content_hash"] as Int64 == venue.hash {
                unchanged += 1
            } else {
                try recordPrevious.execute(arguments: [operationID, pk])
                try update.execute(arguments: StatementArguments(venue.values + [pk.databaseValue]))
                try replaceBox(pk: pk, venue.coordinates)
                updated += 1
            }
        } else {
            pk = try insertVenue(venue)
            if storedBefore > 0 { try recordAddition.execute(arguments: [operationID, sourceID, venue.id]) }
            added += 1
        }
        if tracksSeen { try markSeen.execute(arguments: [pk]) }
        return .written
    }

    /// A rejected row: the venue stored under its id, if any, stays as it was.
    mutating func reject(id: String?, rowNumber: Int) throws {
        guard storedBefore > 0, let id, let existing = try Row.fetchOne(lookup, arguments: [sourceID, id]) else { return }
        try markSeen.execute(arguments: [existing["pk"] as Int64])
        if db.changesCount > 0 { kept.append((id, rowNumber)) }
    }

    /// Inserts a venue and its R*Tree box, the values bound straight to SQLite (GRDB's
    /// `StatementArguments` cost a quarter of the writing thread's time on a large import);
    /// returns its row key.
    private func insertVenue(_ venue: Prepared) throws -> Int64 {
        let statement = insert.sqliteStatement
        // GRDB resets a statement before it runs it, not after: one that GRDB ran last
        // (`insertBox`, through `replaceBox`) is still done, and SQLite would refuse the
        // bindings below (SQLITE_MISUSE) and write the box with NULLs.
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, sourceID)
        var index: Int32 = 2
        for field in Lieu.Field.allCases {
            switch field {
            case .latitude: Self.bind(statement, index, venue.coordinates?.latitude)
            case .longitude: Self.bind(statement, index, venue.coordinates?.longitude)
            default: Self.bind(statement, index, venue.texts[field.number - 1])
            }
            index += 1
        }
        Self.bind(statement, index, venue.texts[Prepared.departement])
        sqlite3_bind_int64(statement, index + 1, venue.hash)
        Self.bind(statement, index + 2, venue.texts[Prepared.nameKey])
        venue.feature.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement, index + 3, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
        Self.bind(statement, index + 4, venue.coordinates?.longitude)
        Self.bind(statement, index + 5, venue.coordinates?.longitude)
        Self.bind(statement, index + 6, venue.coordinates?.latitude)
        try step(statement)
        let pk = db.lastInsertedRowID
        guard let c = venue.coordinates else { return pk }
        let box = insertBox.sqliteStatement
        sqlite3_reset(box)
        sqlite3_bind_int64(box, 1, pk)
        Self.bind(box, 2, c.longitude)
        Self.bind(box, 3, c.longitude)
        Self.bind(box, 4, c.latitude)
        Self.bind(box, 5, c.latitude)
        try step(box)
        return pk
    }

    /// Runs a statement whose values are bound, then resets it.
    private func step(_ statement: SQLiteStatement) throws {
        let code = sqlite3_step(statement)
        defer { sqlite3_reset(statement) }
        guard code == SQLITE_DONE else {
            let connection = db.sqliteConnection
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(statement, index)
            return
        }
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                sqlite3_bind_text(statement, index, base, Int32(bytes.count), transient)
            } else {
                sqlite3_bind_text(statement, index, "", 0, transient)
            }
        }
    }

    private static func bind(_ statement: SQLiteStatement, _ index: Int32, _ number: Double?) {
        if let number { sqlite3_bind_double(statement, index, number) } else { sqlite3_bind_null(statement, index) }
    }

    /// Counts a valid row that could not become a venue.
    mutating func countUndecodable() { undecodable += 1 }

    /// Deletes the source's venues the import did not see, keeping them in the history;
    /// returns how many.
    mutating func removeUnseen() throws -> Int {
        guard storedBefore > 0 else { return 0 }
        let unseen = "lieu WHERE source_id = ? AND pk NOT IN (SELECT pk FROM import_seen)"
        try db.execute(sql: History.recordSQL(action: "'retrait'", from: unseen), arguments: [operationID, sourceID])
        try db.execute(sql: "DELETE FROM \(unseen)", arguments: [sourceID])
        let removed = db.changesCount
        try db.execute(sql: "DELETE FROM import_seen")
        return removed
    }

    /// Records, for a source empty before the import, every venue as an addition, in one
    /// statement at the end (cheaper than one per row).
    func recordBulkAdditions() throws {
        guard storedBefore == 0 else { return }
        try db.execute(
            sql: "INSERT INTO lieu_version (import_id, source_id, action, id) SELECT ?, source_id, 'ajout', id FROM lieu WHERE source_id = ?",
            arguments: [operationID, sourceID])
    }

    /// The number of venues of the source, before the import or now.
    func storedCount(before: Bool) throws -> Int {
        if before { return storedBefore }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu WHERE source_id = ?", arguments: [sourceID]) ?? 0
    }

    /// The venue of a validated row of the current version.
    static func lieu(from row: CheckedRow) -> Lieu? {
        let fields = Lieu.Field.allCases
        guard row.values.count == fields.count else { return nil }
        return try? Lieu { field in
            let index = field.number - 1
            guard let text = row.values[index] else { return nil }
            switch field {
            case .dateMaj:
                // The validator accepts what Python's strptime accepts (`2023-5-1`): store ISO.
                if case .date(let date)? = CellValue.cast(text, as: .date) { return date.description }
                return text
            case .latitude, .longitude:
                if case .number(let n)? = CellValue.cast(text, as: .number), n.isFinite { return Lieu.format(n) }
                return nil
            default:
                return text
            }
        }
    }

    /// A stable 64-bit hash (FNV-1a) of the venue's fields, to tell changed venues.
    static func contentHash(of lieu: Lieu) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in Lieu.Field.allCases {
            for byte in (lieu.text(field) ?? "").utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            hash = (hash ^ 0x1F) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
