import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

/// The four producers' files of `../shared/data/sources`, converted with the correspondence
/// files the project ships in `data/correspondances/`.
@Suite("Producers' files converted with the shipped correspondence files", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct ProducerFilesTests {
    static let correspondances = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/correspondances")

    struct Outcome {
        var rows = 0
        var complete = 0
        var completeValid = 0
        var invalidComplete: [Int] = []
        var report: TaskReport?
        var hours: [String: Int] = [:]
    }

    static func convert(_ source: String, _ yaml: String, communePositions: Bool = false) throws -> Outcome {
        var options = ValidationOptions(listLimit: 100_000, today: CalendarDate(year: 2026, month: 11, day: 23)!)
        options.reading.correspondance = try Correspondance.read(correspondances.appendingPathComponent(yaml))
        if communePositions {
            let communes = correspondances.deletingLastPathComponent().appendingPathComponent("communes.csv")
            options.reading.communePositions = try #require(CommuneGazetteer(csv: String(contentsOf: communes, encoding: .utf8)))
        }
        let fields = try SchemaVersion.current.schema.fields.map(\.name)
        let nom = fields.firstIndex(of: "nom")!, adresse = fields.firstIndex(of: "adresse")!, commune = fields.firstIndex(of: "commune")!
        var outcome = Outcome()
        let reading = ImportReading(url: SharedData.url("sources/" + source), options: options)
        let read = try reading.read { row in
            outcome.rows += 1
            guard [nom, adresse, commune].allSatisfy({ !(row.values[$0] ?? "").isEmpty }) else { return }
            outcome.complete += 1
            if row.isValid { outcome.completeValid += 1 } else { outcome.invalidComplete.append(row.number) }
        }
        outcome.report = read.report
        for warning in read.report.warnings {
            if warning.type == IssueCode.horairesConvertisEnPartie.rawValue { outcome.hours["partielle", default: 0] += 1 }
            if warning.type == IssueCode.horairesNonConvertis.rawValue { outcome.hours["impossible", default: 0] += 1 }
        }
        return outcome
    }

    @Test("France Services: every venue with a name, an address and a commune is valid")
    func franceServices() throws {
        let o = try Self.convert("mednum-cli-france-services-liste-fs-20221201.csv", "france-services.yml")
        #expect(o.rows == 2683)
        #expect(o.complete == 2657 && o.completeValid == o.complete)
        #expect(o.hours["impossible", default: 0] <= 15)
    }

    @Test("Région Sud: every venue with a name, an address and a commune is valid")
    func regionSud() throws {
        let o = try Self.convert("mednum-cli-regionsud-lieux-inclusion-numerique-2022.csv", "region-sud.yml")
        #expect(o.rows == 1245)
        #expect(o.complete >= 1240 && o.completeValid == o.complete)
    }

    @Test("Bourgogne-Franche-Comté: every venue with a name, an address and a commune is valid")
    func bfc() throws {
        let o = try Self.convert("multicoop-bfc-ternum-dataset.csv", "bfc-ternum.yml")
        #expect(o.rows == 697)
        #expect(o.complete == 680 && o.completeValid == o.complete)
    }

    @Test("Hinaura: every venue with a name, an address and a commune is valid but 3 whose postal code the file leaves empty")
    func hinaura() throws {
        let o = try Self.convert("mednum-cli-hinaura.json", "hinaura.yml")
        #expect(o.rows == 1171)
        #expect(o.complete == 1169)
        #expect(o.invalidComplete.count == 3)
        let errors = (o.report?.errors ?? []).filter { o.invalidComplete.contains($0.rowNumber ?? -1) }
        #expect(!errors.isEmpty && errors.allSatisfy { $0.fieldName == "code_postal" })
        // With the communes' table, two get their commune's only postal code; the third
        // holds two addresses, with two postal codes of Grenoble: it stays invalid.
        let completed = try Self.convert("mednum-cli-hinaura.json", "hinaura.yml", communePositions: true)
        #expect(completed.complete == 1169)
        #expect(completed.invalidComplete == [124])
        #expect(completed.report?.warnings.filter { $0.type == IssueCode.codePostalDeduit.rawValue }.count == 2)
    }
}

@Suite("--positions-communes")
struct CommunePositionsTests {
    @Test("a venue without coordinates gets its commune's, by INSEE code, else by postal code and name, with a warning; never a guess")
    func positions() throws {
        let gazetteer = CommuneGazetteer(communes: [
            Commune(codeINSEE: "05061", nom: "Gap", codesPostaux: ["05000"], coordinates: Coordinates(latitude: 44.5594, longitude: 6.0786)!),
            Commune(codeINSEE: "25056", nom: "Besançon", codesPostaux: ["25000"], coordinates: Coordinates(latitude: 47.2380, longitude: 6.0244)!),
            Commune(codeINSEE: "01001", nom: "Saint-Martin", codesPostaux: ["01000"], coordinates: Coordinates(latitude: 46.1, longitude: 5.1)!),
            Commune(codeINSEE: "02002", nom: "Saint-Martin", codesPostaux: ["02000"], coordinates: Coordinates(latitude: 49.1, longitude: 3.1)!),
        ])
        let csv = """
            id,nom,commune,code_postal,code_insee,latitude,longitude
            1,A,Gap,05000,05061,,
            2,B,BESANCON,25000,,,
            3,C,Saint-Martin,02000,,,
            4,D,Saint-Martin,,,,
            5,E,Gap,05000,05061,44.6,6.1
            6,F,Besançon,,,47.2,6.0
            """
        var reader = CommunePositionsRowReader(base: try CSVRowReader(data: Data(csv.utf8)), gazetteer: gazetteer)
        var rows: [SourceRow] = []
        var issues: [ValidationIssue] = []
        while let row = try reader.nextRow() {
            rows.append(row)
            issues += reader.takeIssues()
        }
        #expect(rows.map { [$0.cells[5] ?? "", $0.cells[6] ?? ""] } == [
            ["44.559400", "6.078600"], ["47.238000", "6.024400"], ["49.100000", "3.100000"], ["", ""], ["44.6", "6.1"], ["47.2", "6.0"],
        ])
        #expect(issues.map(\.rowNumber) == [2, 3, 4, 7])
        #expect(issues.prefix(3).allSatisfy { $0.type == IssueCode.coordonneesApproximatives.rawValue && $0.severity == .warning })
        // A located venue without a postal code gets its commune's only one; « Saint-Martin »
        // (two communes, no postal code) gets nothing.
        #expect(rows[5].cells[3] == "25000")
        #expect(issues.last?.type == IssueCode.codePostalDeduit.rawValue)
        #expect(rows[3].cells[3] == "")
        typealias Reader = CorrespondingRowReader<CSVRowReader>
        #expect(Reader.postalCode(in: "5, rue Malakoff,\n38000 GRENOBLE", commune: "Grenoble") == "38000")
        #expect(Reader.postalCode(in: "5 rue X, 38000 Grenoble - 29 rue Y, 38100 Grenoble", commune: "Grenoble") == nil)
        #expect(Reader.postalCode(in: "BP 12345, Saint-Égrève", commune: "Grenoble") == nil)
        #expect(Reader.postalCode(in: "12345 rue longue", commune: "Gap") == nil)
        #expect(issues.first?.message.contains("« Gap » (05061)") == true)
    }
}
