import Foundation
import LieuxTestSupport
import Testing

@Suite("lieux import")
final class ImportCommandTests {
    let folder = SharedData.temporaryFolder("lieux-cli-import")

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A file of generated venues in the test's folder.
    func file(_ name: String, _ venues: GeneratedVenues) throws -> String {
        let url = folder.appendingPathComponent(name)
        if name.hasSuffix(".json") { try venues.writeJSON(to: url) } else { try venues.writeCSV(to: url) }
        return url.path
    }

    /// `file`'s venues with errors in some rows: an unknown `frais_a_charge` label in row 3
    /// (the second venue) and a `date_maj` that is not a date in row 5.
    func fileWithErrors(_ name: String, _ venues: GeneratedVenues) throws -> String {
        let path = try file(name, venues)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: ",Gratuit sous condition,", with: ",Gratos,")
        lines[4] = lines[4].replacingOccurrences(of: ",2024-", with: ",2024/")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func store(_ name: String = "lieux.sqlite") -> String { folder.appendingPathComponent(name).path }

    /// The results of an import run with `--format json`.
    func importJSON(_ arguments: [String]) throws -> (status: Int32, results: [[String: Any]], error: String) {
        let run = try LieuxExecutable.run(["import"] + arguments + ["--format", "json"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)\(run.error)")
        return (run.status, [result], run.error)
    }

    func counts(_ result: [String: Any]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in ["added", "updated", "unchanged", "removed", "rejected", "stored"] { counts[key] = result[key] as? Int ?? -1 }
        return counts
    }

    @Test("the generated files are valid with no warning at all, in CSV and in JSON", arguments: ["generes.csv", "generes.json"])
    func generatedFilesAreClean(name: String) throws {
        let path = try file(name, GeneratedVenues(0..<300))
        let result = try LieuxExecutable.json(["validate", path, "--format", "json"])
        #expect(result.status == 0)
        let task = try #require(((result.value as? [String: Any])?["tasks"] as? [[String: Any]])?.first)
        #expect(task["valid"] as? Bool == true)
        let stats = try #require(task["stats"] as? [String: Any])
        #expect(stats["rows"] as? Int == 300)
        #expect(stats["warnings"] as? Int == 0, "\(String(describing: task["warnings"]))")
    }

    @Test("an import adds, a changed file updates and removes, the same file again changes nothing")
    func lifecycle() throws {
        let first = try file("v1.csv", GeneratedVenues(0..<90, revision: 1))
        let second = try file("v2.csv", GeneratedVenues(30..<120, revision: 2))
        let a = try importJSON([first, "--source", "s", "--db", store()])
        #expect(a.status == 0)
        #expect(counts(try #require(a.results.first)) == ["added": 90, "updated": 0, "unchanged": 0, "removed": 0, "rejected": 0, "stored": 90])
        // 30 of 90 venues removed: more than 20 %, refused unless allowed.
        let refused = try importJSON([second, "--source", "s", "--db", store()])
        #expect(refused.status == 3)
        #expect(refused.results.first?["status"] as? String == "refused")
        let b = try importJSON([second, "--source", "s", "--db", store(), "--autoriser-retraits"])
        #expect(b.status == 0)
        // 30..<90 are common: one in three changes (30, 33… 87: 20 venues).
        #expect(counts(try #require(b.results.first)) == ["added": 30, "updated": 20, "unchanged": 40, "removed": 30, "rejected": 0, "stored": 90])
        let again = try LieuxExecutable.run(["import", second, "--source", "s", "--db", store()])
        #expect(again.status == 0)
        #expect(again.output.contains("0 ajoutés, 0 modifiés, 90 inchangés, 0 retirés, 0 rejetés (dont 0 conservés : ligne en erreur) ; la source compte 90 lieux."), "\(again.output)")
        #expect(again.output.contains("Rien n'a changé"))
    }

    @Test("importing a source never touches the other sources")
    func otherSources() throws {
        let a = try file("a.csv", GeneratedVenues(0..<40))
        let b = try file("b.json", GeneratedVenues(0..<25, revision: 2))
        #expect(try LieuxExecutable.run(["import", a, "--source", "a", "--db", store()]).status == 0)
        let exportA = try LieuxExecutable.run(["export", "--db", store(), "--format", "csv", "--source", "a"]).output
        // The same ids, other fields: still two separate sets of venues.
        let imported = try importJSON([b, "--source", "b", "--db", store()])
        #expect(counts(try #require(imported.results.first))["added"] == 25)
        let emptyB = try file("vide.csv", GeneratedVenues([]))
        #expect(try importJSON([emptyB, "--source", "b", "--db", store()]).results.first?["status"] as? String == "refused")
        #expect(try importJSON([emptyB, "--source", "b", "--db", store(), "--autoriser-retraits"]).results.first?["removed"] as? Int == 25)
        #expect(try LieuxExecutable.run(["export", "--db", store(), "--format", "csv", "--source", "a"]).output == exportA)
    }

    @Test("--if-empty imports into an empty store only; otherwise it says so and changes nothing")
    func ifEmpty() throws {
        let first = try file("premier.csv", GeneratedVenues(0..<20))
        let other = try file("autre.csv", GeneratedVenues(100..<130))
        let initial = try LieuxExecutable.run(["import", first, "--source", "demo", "--db", store(), "--if-empty"])
        #expect(initial.status == 0, "\(initial.error)")
        #expect(initial.output.contains("20 ajoutés"))
        let snapshot = try StoreSnapshot.read(store())
        for source in ["demo", "autre"] {
            let skipped = try LieuxExecutable.run(["import", other, "--source", source, "--db", store(), "--if-empty"])
            #expect(skipped.status == 0)
            #expect(skipped.output.contains("contient déjà 20 lieux"), "\(skipped.output)")
            #expect(skipped.output.contains("rien n'est importé"))
        }
        #expect(try StoreSnapshot.read(store()) == snapshot)
    }

    @Test("--if-empty with --format json still writes JSON on standard output")
    func ifEmptyJSON() throws {
        let first = try file("premier.csv", GeneratedVenues(0..<20))
        #expect(try LieuxExecutable.run(["import", first, "--source", "demo", "--db", store()]).status == 0)
        let skipped = try LieuxExecutable.run(["import", first, "--source", "demo", "--db", store(), "--if-empty", "--format", "json"])
        #expect(skipped.status == 0)
        let value = try? JSONSerialization.jsonObject(with: Data(skipped.output.utf8), options: .fragmentsAllowed)
        #expect(value is NSNull, "standard output: \(skipped.output)")
        #expect(skipped.error.contains("contient déjà 20 lieux"), "\(skipped.error)")
    }

    @Test("--strict with a file with errors exits 1 and changes nothing; without it, the valid rows are stored")
    func strict() throws {
        let before = try file("avant.csv", GeneratedVenues(0..<10))
        #expect(try LieuxExecutable.run(["import", before, "--source", "s", "--db", store()]).status == 0)
        let snapshot = try StoreSnapshot.read(store())
        let bad = try fileWithErrors("erreurs.csv", GeneratedVenues(0..<50, revision: 2))

        let strict = try LieuxExecutable.run(["import", bad, "--source", "s", "--db", store(), "--strict"])
        #expect(strict.status == 1)
        #expect(strict.output.contains("RIEN N'A ÉTÉ MODIFIÉ"), "\(strict.output)")
        #expect(strict.output.contains("Gratos"))
        #expect(try StoreSnapshot.read(store()) == snapshot, "a strict import of a file with errors changes nothing, not even the import log")
        let strictJSON = try importJSON([bad, "--source", "s", "--db", store(), "--strict"])
        #expect(strictJSON.status == 1)
        let result = try #require(strictJSON.results.first)
        #expect(result["committed"] as? Bool == false)
        #expect(result["stored"] as? Int == 10)
        #expect(try StoreSnapshot.read(store()) == snapshot)

        let lenient = try importJSON([bad, "--source", "s", "--db", store()])
        #expect(lenient.status == 1, "rows rejected: exit 1")
        let stored = try #require(lenient.results.first)
        #expect(stored["committed"] as? Bool == true)
        #expect(stored["rejected"] as? Int == 2)
        // Venues 1 and 3 were stored before: their rows in error keep them as they were.
        #expect(stored["kept"] as? Int == 2)
        #expect(stored["stored"] as? Int == 50)
        let report = (stored["files"] as? [[String: Any]])?.first?["report"] as? [String: Any]
        let errors = try #require(report?["errors"] as? [[String: Any]])
        #expect(Set(errors.compactMap { $0["rowNumber"] as? Int }) == [3, 5])
    }

    @Test("the store is --db, else $LIEUX_DB, else data/lieux.sqlite in the working directory")
    func storeLocation() throws {
        let venues = try file("lieux.csv", GeneratedVenues(0..<15))
        let fromEnvironment = store("env/lieux.sqlite")
        let viaEnvironment = try LieuxExecutable.run(["import", venues, "--source", "s"], environment: ["LIEUX_DB": fromEnvironment], directory: folder)
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.error)")
        #expect(viaEnvironment.output.contains("15 ajoutés"))
        #expect(try StoreSnapshot.read(fromEnvironment).lieux == 15)
        let stats = try LieuxExecutable.run(["stats", "--format", "json"], environment: ["LIEUX_DB": fromEnvironment], directory: folder)
        #expect((try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])?["lieux"] as? Int == 15)

        // --db wins over LIEUX_DB.
        let explicit = store("explicite.sqlite")
        let withOption = try LieuxExecutable.run(["import", venues, "--source", "s", "--db", explicit], environment: ["LIEUX_DB": fromEnvironment], directory: folder)
        #expect(withOption.status == 0)
        #expect(try StoreSnapshot.read(explicit).lieux == 15)
        #expect(try importJSON([venues, "--source", "s", "--db", fromEnvironment]).results.first?["unchanged"] as? Int == 15, "LIEUX_DB's store was not used again")

        // Neither: data/lieux.sqlite, relative to the working directory.
        let byDefault = try LieuxExecutable.run(["import", venues, "--source", "s"], environment: ["LIEUX_DB": nil], directory: folder)
        #expect(byDefault.status == 0, "\(byDefault.error)")
        #expect(try StoreSnapshot.read(folder.appendingPathComponent("data/lieux.sqlite").path).lieux == 15)
    }

    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case clean, rowsRejected, missingFile, utf16File, databaseIsADirectory, databaseIsNotADatabase, emptySource, noSource
        var testDescription: String { rawValue }
    }

    @Test("exit codes: 0 clean, 1 rows rejected, 2 unreadable file, unusable store or bad usage", arguments: Case.allCases)
    func exitCodes(_ situation: Case) throws {
        let valid = try file("valide.csv", GeneratedVenues(0..<12))
        var arguments = ["import", valid, "--source", "s", "--db", store()]
        var expected: Int32 = 2
        switch situation {
        case .clean: expected = 0
        case .rowsRejected:
            arguments[1] = try fileWithErrors("erreurs.csv", GeneratedVenues(0..<12))
            expected = 1
        case .missingFile: arguments[1] = folder.appendingPathComponent("absent.csv").path
        case .utf16File:
            let text = try String(contentsOfFile: valid, encoding: .utf8)
            let path = folder.appendingPathComponent("utf16.csv")
            try text.data(using: .utf16)!.write(to: path)
            arguments[1] = path.path
        case .databaseIsADirectory: arguments[5] = folder.path
        case .databaseIsNotADatabase: arguments[5] = valid
        case .emptySource: arguments[3] = "  "
        case .noSource: arguments = ["import", valid, "--db", store()]
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: valid))
        let result = try LieuxExecutable.run(arguments)
        #expect(result.status == expected, "\(result.output)\(result.error)")
        switch situation {
        case .missingFile:
            #expect(result.output.contains("introuvable"))
            #expect(!result.output.contains("--strict"), "the hint about --strict does not apply to a file that cannot be read: \(result.output)")
        case .utf16File:
            #expect(result.output.contains("UTF-16"))
            #expect(!result.output.contains("--strict"), "\(result.output)")
        case .databaseIsADirectory, .databaseIsNotADatabase:
            #expect(result.error.contains("ne peut pas être ouverte"), "\(result.error)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: valid)) == before, "a file given as --db is left as it was")
        case .emptySource: #expect(result.error.contains("--source ne peut pas être vide"))
        default: break
        }
        if expected == 2, situation != .databaseIsADirectory, situation != .databaseIsNotADatabase,
            FileManager.default.fileExists(atPath: store())
        {
            #expect(try StoreSnapshot.read(store()).lieux == 0)
        }
    }

    @Test("stats --format json counts venues by source, département and service")
    func stats() throws {
        let a = GeneratedVenues(0..<63)
        let b = GeneratedVenues(1_000..<1_027)
        #expect(try LieuxExecutable.run(["import", try file("a.csv", a), "--source", "a", "--db", store()]).status == 0)
        #expect(try LieuxExecutable.run(["import", try file("b.json", b), "--source", "b", "--db", store()]).status == 0)
        let result = try LieuxExecutable.json(["stats", "--db", store(), "--format", "json"])
        #expect(result.status == 0)
        let stats = try #require(result.value as? [String: Any])
        let all = a.numbers + b.numbers
        let located = all.count { GeneratedVenues.hasCoordinates($0) }
        #expect(stats["lieux"] as? Int == 90)
        #expect(stats["withCoordinates"] as? Int == located)
        #expect(stats["withoutCoordinates"] as? Int == 90 - located)

        let sources = try #require(stats["sources"] as? [[String: Any]])
        #expect(sources.map { $0["source"] as? String } == ["a", "b"])
        #expect(sources.map { $0["lieux"] as? Int } == [63, 27])
        #expect(sources.map { $0["withCoordinates"] as? Int } == [a, b].map { v in v.numbers.count { GeneratedVenues.hasCoordinates($0) } })
        #expect(sources.allSatisfy { ($0["lastImport"] as? String)?.hasPrefix("20") == true })

        func keyed(_ name: String) throws -> [String: Int] {
            let rows = try #require(stats[name] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as? String ?? "?", $0["lieux"] as? Int ?? -1) })
        }
        var departements: [String: Int] = [:]
        for n in all {
            let insee = GeneratedVenues.communes[n % GeneratedVenues.communes.count].codeINSEE
            departements[insee.hasPrefix("97") ? String(insee.prefix(3)) : String(insee.prefix(2)), default: 0] += 1
        }
        #expect(try keyed("departements") == departements)
        var services: [String: Int] = ["(aucun service renseigné)": 0]
        for n in all {
            for service in GeneratedVenues.services[n % GeneratedVenues.services.count].split(separator: "|") {
                services[String(service), default: 0] += 1
            }
        }
        let counted = try keyed("services")
        #expect(counted.filter { $0.value > 0 || $0.key == "(aucun service renseigné)" } == services)
        #expect(counted.count == 10, "the 9 services of the standard, and venues without any")

        let text = try LieuxExecutable.run(["stats", "--db", store()])
        #expect(text.output.contains("90 lieux, dont \(located) avec coordonnées"))
        #expect(text.output.contains("2A Corse-du-Sud"), "\(text.output)")
    }
}
