import Foundation
import GRDB
import LieuxExport
import LieuxModel
import LieuxSchema
import Testing

@testable import LieuxStore

/// A fresh store in a temporary folder.
func makeStore() throws -> Store {
    try Store.open(path: SharedData.temporaryFolder("lieux-store").appendingPathComponent("lieux.sqlite").path)
}

/// Writes the combined ANCT CSV without some of its data rows (by 0-based index), to a temporary file.
func combinedCSV(droppingRows dropped: Set<Int> = []) throws -> URL {
    let text = try String(contentsOf: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), encoding: .utf8)
    let url = SharedData.temporaryFolder().appendingPathComponent("combined.csv")
    var out: [UInt8] = []
    var reader = try CSVRowReader(data: Data(text.utf8))
    func line(_ cells: [String?]) -> String {
        cells.map { cell -> String in
            let c = cell ?? ""
            return c.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : c
        }.joined(separator: ",") + "\r\n"
    }
    out += Array(line(reader.labels).utf8)
    var index = 0
    while let row = try reader.nextRow() {
        if !dropped.contains(index) { out += Array(line(row.cells).utf8) }
        index += 1
    }
    try Data(out).write(to: url)
    return url
}

extension ImportResult {
    /// The report of the import's only file.
    var report: TaskReport { files[0].report }
    var sha256: String { files[0].sha256 }
    var fileVersion: String? { files[0].fileVersion }
}

@Suite("Import", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct ImportTests {
    let options = ImportOptions(validation: ValidationOptions(listLimit: 100_000, today: CalendarDate(year: 2026, month: 11, day: 23)!))

    @Test("the combined ANCT file stores 912 venues and rejects 12; importing it again changes nothing")
    func combined() throws {
        let store = try makeStore()
        let url = SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv")
        let first = try store.importFile(at: url, source: "anct", options: options)
        #expect(first.committed)
        #expect(first.added == 912)
        #expect(first.rejected == 12)
        #expect(first.stored == 912)
        #expect(first.report.stats.errors == 12)
        #expect(first.sha256.count == 64)
        let again = try store.importFile(at: url, source: "anct", options: options)
        #expect((again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 912))
        #expect(again.changedNothing)
        #expect(try store.statistics().lieux == 912)
    }

    @Test("a file with 10 rows deleted removes exactly those 10 venues, and no other source is touched")
    func removal() throws {
        let store = try makeStore()
        _ = try store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "charente", options: options)
        let full = try combinedCSV()
        _ = try store.importFile(at: full, source: "anct", options: options)
        // Rows 0…9 are valid rows of PACA.
        let shorter = try combinedCSV(droppingRows: Set(0..<10))
        let result = try store.importFile(at: shorter, source: "anct", options: options)
        #expect(result.removed == 10)
        #expect((result.added, result.updated, result.unchanged) == (0, 0, 902))
        let statistics = try store.statistics()
        #expect(statistics.sources.map(\.source) == ["anct", "charente"])
        #expect(statistics.sources.first { $0.source == "charente" }?.lieux == 188)
        #expect(statistics.sources.first { $0.source == "anct" }?.lieux == 902)
    }

    @Test("a file that repeats an id, into an empty source: the import commits, one venue per id")
    func repeatedID() throws {
        let store = try makeStore()
        let url = SharedData.temporaryFolder().appendingPathComponent("repeated.csv")
        let header = Lieu.Field.allCases.map(\.rawValue).joined(separator: ",")
        func line(_ id: String, _ nom: String) -> String {
            var cells = Array(repeating: "", count: 32)
            cells[0] = id; cells[1] = "21510454800007"; cells[2] = nom; cells[3] = "Reims"; cells[4] = "51100"
            cells[6] = "1 rue"; cells[8] = "49.25"; cells[9] = "4.03"; cells[20] = "2025-01-02"
            return cells.joined(separator: ",")
        }
        let text = [header, line("a", "Premier"), line("b", "Autre"), line("a", "Second")].joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: url)
        let result = try store.importFile(at: url, source: "s", options: options)
        #expect(result.committed)
        #expect(result.stored == 2)
        #expect(result.added + result.updated + result.unchanged + result.rejected == 3)
        var names: [String: String] = [:]
        try store.forEachLieu { lieu, _ in names[lieu.id.rawValue] = lieu.nom }
        #expect(names.count == 2)
        #expect(names["b"] == "Autre")
        // The validator reports the repeated id; whichever row is kept, it is one of the two.
        #expect(["Premier", "Second"].contains(names["a"] ?? ""))
    }

    @Test("a changed field is counted as updated and stored")
    func update() throws {
        let store = try makeStore()
        let folder = SharedData.temporaryFolder()
        let header = Lieu.Field.allCases.map(\.rawValue).joined(separator: ",")
        func file(_ nom: String) throws -> URL {
            let url = folder.appendingPathComponent("\(nom).csv")
            var cells = Array(repeating: "", count: 32)
            cells[0] = "a"; cells[1] = "21510454800007"; cells[2] = nom; cells[3] = "Reims"; cells[4] = "51100"
            cells[6] = "1 rue"; cells[8] = "49.25"; cells[9] = "4.03"; cells[20] = "2025-01-02"
            try Data((header + "\n" + cells.joined(separator: ",") + "\n").utf8).write(to: url)
            return url
        }
        #expect(try store.importFile(at: file("Avant"), source: "s", options: options).added == 1)
        let result = try store.importFile(at: file("Après"), source: "s", options: options)
        #expect((result.added, result.updated, result.unchanged) == (0, 1, 0))
        var names: [String] = []
        try store.forEachLieu { lieu, _ in names.append(lieu.nom) }
        #expect(names == ["Après"])
    }

    @Test("a strict import of a file with errors changes nothing")
    func strict() throws {
        let store = try makeStore()
        _ = try store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "anct", options: options)
        var strict = options
        strict.strict = true
        let result = try store.importFile(at: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), source: "anct", options: strict)
        #expect(!result.committed)
        #expect(result.report.stats.errors == 12)
        #expect(try store.statistics().lieux == 188)
    }

    @Test(
        "version 0.1 files and the ANCT JSON exports import with migration, and the counts match what is stored",
        arguments: [
            "standard/v0.1/anct-hub-du-sud-paca-20230516-v0.1.json",
            "standard/v0.1/anct-charente-20230711-v0.1.json",
            "standard/v0.1/anct-nouvelle-caledonie-20240320-v0.1.json",
            "standard/v0.1/anct-bus-france-services-charente-20231003-v0.1.json",
            "standard/v0.1/lamednum-exemple-valide-v0.1.0.csv",
            "standard/v1/anct-hub-du-sud-paca-20230517-v1.json",
            "standard/v1/anct-charente-20230711-v1.json",
            "standard/v1/anct-nouvelle-caledonie-20240320-v1.json",
        ])
    func migration(path: String) throws {
        let store = try makeStore()
        let result = try store.importFile(at: SharedData.url(path), source: "s", options: options)
        #expect(result.committed)
        #expect(result.added + result.rejected == result.report.stats.rows)
        #expect(result.added == result.report.stats.validRows)
        #expect(result.stored == result.added)
        #expect(try store.statistics().lieux == result.added)
        #expect(result.added > 0)
        if path.contains("v0.1") {
            #expect(result.fileVersion == "0.1.0")
            #expect(result.report.warnings.contains { $0.type.hasPrefix("migration") } || path.hasSuffix(".csv"))
        }
    }

    @Test("stored venues read back equal to the file's, field by field")
    func roundTrip() throws {
        let store = try makeStore()
        _ = try store.importFile(at: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"), source: "anct", options: options)
        var expected: [String: Lieu] = [:]
        var reader = try CSVRowReader(url: SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv"))
        _ = try Validator(version: .current, options: options.validation).validate(&reader, place: "x") { row in
            if row.isValid, let lieu = LieuWriter.lieu(from: row) { expected[lieu.id.rawValue] = lieu }
        }
        var count = 0
        try store.forEachLieu(source: "anct") { lieu, source in
            count += 1
            #expect(source == "anct")
            #expect(expected[lieu.id.rawValue] == lieu)
        }
        #expect(count == 912)
        #expect(expected.count == 912)
    }

    @Test("an unreadable file changes nothing and says why")
    func unreadable() throws {
        let store = try makeStore()
        _ = try store.importFile(at: SharedData.url("standard/v1/anct-charente-20230711-v1.json"), source: "s", options: options)
        let folder = SharedData.temporaryFolder()
        let truncated = folder.appendingPathComponent("coupe.json")
        let bytes = try Data(contentsOf: SharedData.url("standard/v1/anct-charente-20230711-v1.json"))
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let result = try store.importFile(at: truncated, source: "s", options: options)
        #expect(!result.committed)
        #expect(result.report.errors.contains { $0.type == "format-error" })
        #expect(try store.statistics().lieux == 188)
        let missing = try store.importFile(at: folder.appendingPathComponent("absent.csv"), source: "s", options: options)
        #expect(!missing.committed)
        #expect(missing.report.errors.first?.type == "scheme-error")
    }
}

@Suite("Store")
struct StoreTests {
    @Test("the store is in WAL mode, with SpatiaLite, a spatial index and an accent-insensitive full-text index")
    func schema() throws {
        let store = try makeStore()
        try store.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try String.fetchOne(db, sql: "SELECT spatialite_version()") != nil)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM geometry_columns WHERE f_table_name = 'lieu' AND spatial_index_enabled = 1") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'idx_lieu_geom'") == 1)
        }
        let folder = SharedData.temporaryFolder()
        let url = folder.appendingPathComponent("a.csv")
        let header = Lieu.Field.allCases.map(\.rawValue).joined(separator: ",")
        var cells = Array(repeating: "", count: 32)
        cells[0] = "a"; cells[1] = "21510454800007"; cells[2] = "Médiathèque Jean-Falala"; cells[3] = "Reims"
        cells[4] = "51100"; cells[6] = "2 rue des Fuseliers"; cells[8] = "49.25"; cells[9] = "4.03"; cells[20] = "2025-01-02"
        try Data((header + "\n" + cells.joined(separator: ",") + "\n").utf8).write(to: url)
        let result = try store.importFile(at: url, source: "s")
        #expect(result.added == 1)
        try store.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu_fts WHERE lieu_fts MATCH 'mediatheque'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu_fts WHERE lieu_fts MATCH 'falala'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu_fts WHERE lieu_fts MATCH 'fuseliers'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_lieu_geom") == 1)
            #expect(try Double.fetchOne(db, sql: "SELECT X(geom) FROM lieu") == 4.03)
            #expect(try String.fetchOne(db, sql: "SELECT departement FROM lieu") == "51")
        }
    }

    @Test("a store made before the features were kept gets them when it is opened, the same bytes as an import writes")
    func featuresMigration() throws {
        let folder = SharedData.temporaryFolder()
        let path = folder.appendingPathComponent("lieux.sqlite").path
        let demo = SharedData.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv")
        var imported: [[UInt8]] = []
        do {
            let store = try Store.open(path: path)
            _ = try store.importFile(at: demo, source: "demo")
            try store.forEachFeature(source: nil) { imported.append($0.document()) }
        }
        // The store as version 6 left it: no feature column, no v7 migration.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "ALTER TABLE lieu DROP COLUMN feature")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%'")
        }
        try queue.close()
        let store = try Store.open(path: path)
        var migrated: [[UInt8]] = []
        try store.forEachFeature(source: nil) { migrated.append($0.document()) }
        #expect(imported.count > 10)
        #expect(migrated == imported)
        let nulls = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu WHERE feature IS NULL") }
        #expect(nulls == 0)
    }

    @Test("a store made by a newer version is refused with a clear message")
    func newer() throws {
        let path = SharedData.temporaryFolder().appendingPathComponent("lieux.sqlite").path
        _ = try Store.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999: from the future')")
        }
        #expect(throws: StoreError.self) { _ = try Store.open(path: path) }
    }
}
