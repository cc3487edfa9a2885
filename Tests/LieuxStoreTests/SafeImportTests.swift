import Foundation
import GRDB
import LieuxModel
import LieuxSchema
import LieuxTestSupport
import Testing

@testable import LieuxStore

/// Files of generated venues, changed row by row, in a temporary folder.
struct VenueFiles {
    let folder = SharedData.temporaryFolder("lieux-safe-import")

    /// Writes `numbers`' venues as CSV, each row's cells passed through `change` first; `extra`
    /// lines of raw bytes are inserted before the data row at each index.
    func csv(
        _ name: String, _ numbers: some Sequence<Int>, revision: Int = 1,
        change: (Int, inout [String]) -> Void = { _, _ in }, insert extra: [Int: [UInt8]] = [:]
    ) throws -> URL {
        let bytes = GeneratedVenues(numbers, revision: revision, detailLength: 20).csv(change: change, insert: extra)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static let latitude = GeneratedVenues.header.firstIndex(of: "latitude")!
    static let nom = GeneratedVenues.header.firstIndex(of: "nom")!
}

/// Every column of every venue, with its row key, and the R*Tree: what must come back
/// exactly after an undo.
func venueRows(_ store: Store) throws -> [String] {
    try store.read { db in
        let venues = try Row.fetchAll(db, sql: "SELECT * FROM lieu ORDER BY pk").map { row in
            row.columnNames.filter { $0 != "geom" }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: ";")
                + ";geom=" + ((try? String.fetchOne(db, sql: "SELECT AsText(geom) FROM lieu WHERE pk = ?", arguments: [row["pk"] as Int64])) ?? "nil")
        }
        let boxes = try Row.fetchAll(db, sql: "SELECT pkid, xmin, ymin FROM idx_lieu_geom ORDER BY pkid").map { "\($0)" }
        return venues + boxes
    }
}

@Suite("Safe imports: nothing lost by a bad file or a bad row")
struct SafeImportTests {
    let files = VenueFiles()
    let options = ImportOptions(validation: ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!))

    func stored(_ store: Store, source: String = "s") throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu JOIN source ON source.id = source_id WHERE name = ?", arguments: [source]) ?? 0 }
    }

    @Test("more than 1,000 row errors, then bytes that are not UTF-8: nothing changes, the report says the file was not read to its end")
    func failureAfterManyErrors() throws {
        let store = try makeStore()
        let good = try files.csv("cnfs.csv", 0..<4930)
        #expect(try store.importFile(at: good, source: "cnfs", options: options).added == 4930)
        let before = try venueRows(store)
        let bad = try files.csv(
            "cnfs-casse.csv", 0..<4930, change: { n, cells in if n < 1200 { cells[VenueFiles.latitude] = "pas-un-nombre" } },
            insert: [1200: [0x41, 0xFF, 0xFE, 0x2C, 0x0A]])
        let result = try store.importFile(at: bad, source: "cnfs", options: options)
        #expect(result.status == .unreadable)
        #expect(!result.committed)
        let report = try #require(result.files.first?.report)
        #expect(report.failure?.code == "encoding-error")
        #expect(report.stats.errors > 1000)
        #expect(report.errors.count == 1000)  // the list is capped; the failure is not inferred from it
        #expect(result.reason?.contains("Rien n'a été modifié") == true)
        #expect(try venueRows(store) == before)
        #expect(try store.journal(source: "cnfs").count == 1)
    }

    @Test("a failure after 1,000,000 valid rows changes nothing")
    func failureAfterAMillionRows() throws {
        let store = try makeStore()
        #expect(try store.importFile(at: try files.csv("petit.csv", 0..<50), source: "s", options: options).added == 50)
        let before = try venueRows(store)
        // A million short rows, then a byte that is not UTF-8.
        let url = files.folder.appendingPathComponent("million.csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("id,pivot,nom,commune,code_postal,adresse,date_maj\n".utf8))
        var chunk = ""
        for n in 0..<1_000_000 {
            chunk += "m\(n),21510454800007,Lieu \(n),Reims,51100,1 rue,2025-01-02\n"
            if n % 50_000 == 49_999 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data([0x78, 0xC3, 0x28, 0x0A]))
        try handle.close()
        // Read as UTF-8: detected, an ASCII file with one such byte would be read as
        // Windows-1252, which is not the failure this test is about.
        var utf8 = options
        utf8.validation.reading.encoding = .utf8
        let result = try store.importFile(at: url, source: "s", options: utf8)
        #expect(result.status == .unreadable)
        let report = try #require(result.files.first?.report)
        #expect(report.stats.rows >= 1_000_000)
        #expect((report.failure?.rowNumber ?? 0) >= 1_000_001)
        #expect(try venueRows(store) == before)
    }

    @Test("a rejected row keeps the stored venue as it was; only venues absent from the file are removed")
    func rejectedRowKeepsVenue() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<40), source: "s", options: options)
        // Revision 2 renames a third of the venues; rows of venues 3 and 9 are broken, venue 39 is gone.
        let broken = try files.csv("v2.csv", 0..<39, revision: 2, change: { n, cells in
            if n == 3 || n == 9 { cells[VenueFiles.latitude] = "pas-un-nombre" }
        })
        var names: [String: String] = [:]
        try store.forEachLieu { lieu, _ in names[lieu.id.rawValue] = lieu.nom }
        let result = try store.importFile(at: broken, source: "s", options: options)
        #expect(result.committed)
        #expect(result.kept == 2)
        #expect(result.keptVenues.map(\.id) == [GeneratedVenues.id(3), GeneratedVenues.id(9)])
        #expect(result.keptVenues.map(\.rowNumber) == [5, 11])
        #expect(result.keptVenues.allSatisfy { $0.action == .conserve })
        #expect(result.removed == 1)
        #expect(result.rejected == 2)
        var after: [String: String] = [:]
        try store.forEachLieu { lieu, _ in after[lieu.id.rawValue] = lieu.nom }
        #expect(after.count == 39)
        #expect(after[GeneratedVenues.id(3)] == names[GeneratedVenues.id(3)])
        #expect(after[GeneratedVenues.id(9)] == names[GeneratedVenues.id(9)])
        #expect(after[GeneratedVenues.id(39)] == nil)
    }

    @Test("a file whose every row is broken in one column removes nothing")
    func everyRowBroken() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<30), source: "s", options: options)
        let before = try venueRows(store)
        let broken = try files.csv("casse.csv", 0..<30, change: { _, cells in cells[VenueFiles.latitude] = "x" })
        let result = try store.importFile(at: broken, source: "s", options: options)
        #expect(result.committed)
        #expect((result.kept, result.removed, result.added, result.updated) == (30, 0, 0, 0))
        #expect(try venueRows(store) == before)
    }

    @Test("a header-only file is refused: it would remove every venue; allowed, it empties the source")
    func headerOnly() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<5), source: "s", options: options)
        let before = try venueRows(store)
        let empty = try files.csv("vide.csv", 0..<0)
        let refused = try store.importFile(at: empty, source: "s", options: options)
        #expect(refused.status == .refused)
        #expect(refused.reason?.contains("tous les lieux") == true)
        #expect(refused.changes?.filter { $0.action == .retrait }.count == 5)
        #expect(try venueRows(store) == before)
        var allowed = options
        allowed.allowRemovals = true
        let applied = try store.importFile(at: empty, source: "s", options: allowed)
        #expect(applied.status == .applied)
        #expect(applied.removed == 5)
        #expect(try stored(store) == 0)
    }

    @Test("removing more than 20 % and more than 10 venues is refused with the list; 10 or fewer pass")
    func removalThreshold() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<100), source: "s", options: options)
        let before = try venueRows(store)
        // 21 removed out of 100: refused.
        let refused = try store.importFile(at: try files.csv("79.csv", 0..<79), source: "s", options: options)
        #expect(refused.status == .refused)
        #expect(refused.removed == 21)
        #expect(Set(refused.changes?.filter { $0.action == .retrait }.map(\.id) ?? []) == Set((79..<100).map(GeneratedVenues.id)))
        #expect(try venueRows(store) == before)
        // 20 removed out of 100: exactly 20 %, it passes.
        let twenty = try store.importFile(at: try files.csv("80.csv", 0..<80), source: "s", options: options)
        #expect(twenty.status == .applied)
        #expect(twenty.removed == 20)
        // 10 out of 12 is more than 20 % but not more than 10 venues: it passes.
        let small = try makeStore()
        _ = try small.importFile(at: try files.csv("12.csv", 0..<12), source: "s", options: options)
        let ten = try small.importFile(at: try files.csv("2.csv", 0..<2), source: "s", options: options)
        #expect(ten.status == .applied)
        #expect(ten.removed == 10)
    }

    @Test("a dry run lists exactly what would change and changes nothing")
    func dryRun() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<30), source: "s", options: options)
        let before = try venueRows(store)
        let version = try store.read { db in try Store.dataVersion(db) }
        var essai = options
        essai.dryRun = true
        let next = try files.csv("v2.csv", 2..<32, revision: 2, change: { n, cells in if n == 5 { cells[VenueFiles.latitude] = "?" } })
        let result = try store.importFile(at: next, source: "s", options: essai)
        #expect(result.status == .dryRun)
        #expect(try venueRows(store) == before)
        #expect(try store.read { db in try Store.dataVersion(db) } == version)
        let changes = try #require(result.changes)
        #expect(Set(changes.filter { $0.action == .ajout }.map(\.id)) == [GeneratedVenues.id(30), GeneratedVenues.id(31)])
        #expect(Set(changes.filter { $0.action == .retrait }.map(\.id)) == [GeneratedVenues.id(0), GeneratedVenues.id(1)])
        #expect(changes.filter { $0.action == .conserve }.map(\.id) == [GeneratedVenues.id(5)])
        #expect(changes.filter { $0.action == .modification }.count == result.updated)
        // Applied for real, the same import does what the dry run said.
        let applied = try store.importFile(at: next, source: "s", options: options)
        #expect((applied.added, applied.updated, applied.removed, applied.kept) == (result.added, result.updated, result.removed, result.kept))
    }

    @Test("several files form the source together; an id repeated across them is an error")
    func severalFiles() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("tout.csv", 0..<20), source: "s", options: options)
        let a = try files.csv("a.csv", 0..<12)
        let b = try files.csv("b.csv", 10..<20)
        let result = try store.importFiles([ImportFile(url: a), ImportFile(url: b)], source: "s", options: options)
        #expect(result.committed)
        #expect(result.removed == 0)
        #expect(try stored(store) == 20)
        #expect(result.files.count == 2)
        #expect(result.files[0].report.valid)
        let second = result.files[1].report
        #expect(!second.valid)
        #expect(second.stats.errors == 2)
        #expect(second.errors.allSatisfy { $0.type == "primary-key" && $0.message.contains("fichier précédent") })
        #expect(second.errors.map(\.rowNumber) == [2, 3])
        // Into a new source too.
        let fresh = try store.importFiles([ImportFile(url: a), ImportFile(url: b)], source: "neuve", options: options)
        #expect(fresh.added == 20)
        #expect(fresh.files[1].report.stats.errors == 2)
    }
}

@Suite("Spatial index after imports")
struct SpatialIndexAfterImportTests {
    @Test("an import that updates venues, then adds others, gives every new venue its own box in the spatial index")
    func boxesOfAddedVenues() throws {
        let files = VenueFiles()
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<40), source: "s")
        _ = try store.importFile(at: try files.csv("v2.csv", 5..<45, revision: 2), source: "s", options: ImportOptions(allowRemovals: true))
        try store.read { db in
            let located = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu WHERE latitude IS NOT NULL")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_lieu_geom") == located)
            let wrong = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM lieu JOIN idx_lieu_geom AS box ON box.pkid = lieu.pk
                WHERE abs(box.xmin - lieu.longitude) > 0.0001 OR abs(box.ymin - lieu.latitude) > 0.0001
                """)
            #expect(wrong == 0)
        }
    }
}

@Suite("History and undo")
struct HistoryTests {
    let files = VenueFiles()
    let options = ImportOptions(validation: ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!))

    @Test("an undo puts every column and row key back; undoing the undo redoes")
    func undoRedo() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("autre.csv", 100..<110), source: "autre", options: options)
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<40), source: "s", options: options)
        let before = try venueRows(store)
        let second = try store.importFile(at: try files.csv("v2.csv", 5..<45, revision: 2), source: "s", options: options)
        #expect(second.added == 5 && second.removed == 5 && second.updated > 0)
        let after = try venueRows(store)
        let undo = try #require(try store.undo(source: "s"))
        #expect(undo.kind == .annulation)
        #expect(undo.reverts == second.operation)
        #expect((undo.added, undo.removed, undo.updated) == (5, 5, second.updated))
        #expect(try venueRows(store) == before)
        let redo = try #require(try store.undo(source: "s"))
        #expect(redo.reverts == undo.id)
        #expect(try venueRows(store) == after)
        try store.pool.write { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            try db.execute(sql: "INSERT INTO lieu_fts(lieu_fts) VALUES ('integrity-check')")
        }
    }

    @Test("undoing a source's first import empties it; the other sources are untouched")
    func undoFirst() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("autre.csv", 100..<110), source: "autre", options: options)
        let before = try venueRows(store)
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<40), source: "s", options: options)
        _ = try #require(try store.undo(source: "s"))
        #expect(try venueRows(store) == before)
        #expect(throws: StoreError.self) { _ = try store.undo(source: "inconnue") }
    }

    @Test("the history lists every operation and each version of a venue")
    func listing() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<10), source: "s", options: options)
        _ = try store.importFile(at: try files.csv("v1.csv", 0..<10), source: "s", options: options)
        let renamed = try files.csv("v2.csv", 0..<10, change: { n, cells in if n == 4 { cells[VenueFiles.nom] = "Nouveau nom" } })
        _ = try store.importFile(at: renamed, source: "s", options: options)
        let journal = try store.journal(source: "s")
        #expect(journal.map(\.kind) == [.import, .import, .import])
        #expect(journal.map(\.updated) == [1, 0, 0])
        #expect(journal.map(\.unchanged) == [9, 10, 0])
        let changes = try store.changes(source: "s", id: GeneratedVenues.id(4))
        #expect(changes.map(\.action) == [.modification, .ajout])
        #expect(changes.first?.before?["nom"] != nil)
        #expect(changes.first?.before?["nom"] != "Nouveau nom")
        #expect(changes.last?.before == nil)
    }

    @Test("only the last ten operations that changed something keep their versions; a purge keeps the last one")
    func bounded() throws {
        let store = try makeStore()
        for revision in 1...13 {
            _ = try store.importFile(at: try files.csv("r\(revision).csv", 0..<6, revision: revision), source: "s", options: options)
        }
        let operations = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT import_id) FROM lieu_version") }
        #expect(operations == 10)
        let purged = try store.purgeHistory(before: Date().addingTimeInterval(60))
        #expect(purged == 12)
        #expect(try store.journal(source: "s").count == 1)
        #expect(try store.undo(source: "s") != nil)
    }
}
