import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

/// The validator on the real files of `../shared/data`: the standard's example, the national
/// cartography's exports in both versions.
@Suite("Validator on real files", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct RealFilesTests {
    func report(_ path: String, version: SchemaVersion? = nil) throws -> TaskReport {
        let options = ValidationOptions(listLimit: 100_000, today: CalendarDate(year: 2026, month: 11, day: 23)!)
        return try Validator(version: version, options: options).validate(fileAt: SharedData.url(path))
    }

    @Test("the standard's example is valid, with a warning that its coordinates are far from Reims")
    func example() throws {
        let task = try report("standard/v1/lamednum-exemple-valide-v1.0.2.csv")
        #expect(task.valid)
        #expect(task.schemaVersion == "1.0.2")
        #expect(task.stats.rows == 1)
        let warning = try #require(task.warnings.first { $0.type == "coordonnees-hors-departement" })
        #expect(warning.message.contains("Reims"))
        #expect(warning.message.contains("51 (Marne)"))
        #expect(warning.message.contains("13 (Bouches-du-Rhône)"))
    }

    @Test("the combined ANCT file has exactly 12 errors, all presentation_resume over 280 characters")
    func combined() throws {
        let task = try report("standard/v1/anct-v1-combined-paca-charente-nc.csv")
        #expect(task.stats.rows == 924)
        #expect(task.stats.errors == 12)
        #expect(task.stats.validRows == 912)
        #expect(task.errors.allSatisfy {
            $0.type == "constraint-error" && $0.fieldName == "presentation_resume" && $0.note == #"constraint "maxLength" is "280""#
        })
        #expect(task.errors.allSatisfy { ($0.cell?.unicodeScalars.count ?? 0) > 280 })
        // What the data's README says is dirty in it shows up as warnings.
        #expect(task.warnings.filter { $0.type == "pivot-fictif" }.count == 803)
        #expect(task.warnings.filter { $0.type == "date-maj-ancienne" }.count == 106)
        #expect(task.warnings.contains { $0.type == "code-postal-insee-incoherents" && $0.cell == "63236" })
        #expect(task.warnings.contains { $0.type == "horaires-invalides" && $0.cell == "Mo-Fr 09:00-19:00; Sa 17:00" })
    }

    @Test(
        "the version 0.1 files are detected as 0.1.0 and read to the end",
        arguments: [
            ("standard/v0.1/lamednum-exemple-valide-v0.1.0.csv", 1),
            ("standard/v0.1/anct-hub-du-sud-paca-20230516-v0.1.json", 792),
            ("standard/v0.1/anct-charente-20230711-v0.1.json", 188),
            ("standard/v0.1/anct-nouvelle-caledonie-20240320-v0.1.json", 90),
            ("standard/v0.1/anct-bus-france-services-charente-20231003-v0.1.json", 12),
        ])
    func version01(path: String, rows: Int) throws {
        let task = try report(path)
        #expect(task.schemaVersion == "0.1.0")
        #expect(task.stats.rows == rows)
        #expect(!task.errors.contains { ["format-error", "encoding-error", "scheme-error", "missing-label"].contains($0.type) })
        // Only values the 0.1.0 schema really rejects: a missing code_insee (required in 0.1.0)
        // and long presentations.
        #expect(task.errors.allSatisfy { ["code_insee", "presentation_resume"].contains($0.fieldName) })
    }

    @Test("the 0.1.0 example is valid against 0.1.0 and not against 1.0.2")
    func example01() throws {
        #expect(try report("standard/v0.1/lamednum-exemple-valide-v0.1.0.csv", version: .v0_1_0).valid)
        #expect(try !report("standard/v0.1/lamednum-exemple-valide-v0.1.0.csv", version: .v1_0_2).valid)
    }

    @Test(
        "the ANCT v1 JSON exports are detected as 1.0.2 despite their leftover v0.1 keys",
        arguments: [
            ("standard/v1/anct-hub-du-sud-paca-20230517-v1.json", 646, 0),
            ("standard/v1/anct-charente-20230711-v1.json", 188, 0),
            ("standard/v1/anct-nouvelle-caledonie-20240320-v1.json", 90, 12),
        ])
    func jsonV1(path: String, rows: Int, errors: Int) throws {
        let task = try report(path)
        #expect(task.schemaVersion == "1.0.2")
        #expect(task.stats.rows == rows)
        #expect(task.stats.errors == errors)
        #expect(task.warnings.contains { $0.type == "colonne-inconnue" && $0.message.contains("0.1.0") })
    }
}
