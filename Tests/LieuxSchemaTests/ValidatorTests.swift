import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

/// Builds CSV text in the standard's 32 columns from a few named cells.
enum StandardCSV {
    static let labels = Lieu.Field.allCases.map(\.rawValue)

    /// A valid row, with `overrides` replacing some cells by name.
    static func row(_ overrides: [String: String] = [:]) -> [String] {
        var cells: [String: String] = [
            "id": "demo-1", "pivot": "21510454800007", "nom": "Médiathèque Jean Falala", "commune": "Reims",
            "code_postal": "51100", "code_insee": "51454", "adresse": "2 rue des Fuseliers",
            "latitude": "49.2543", "longitude": "4.0317", "typologie": "BIB", "telephone": "+33326353680",
            "horaires": "Tu-Sa 10:00-18:00", "date_maj": "2025-03-14",
            "services": "Aide aux démarches administratives|Accès internet et matériel informatique",
            "frais_a_charge": "Gratuit",
        ]
        for (key, value) in overrides { cells[key] = value }
        return labels.map { cells[$0] ?? "" }
    }

    static func csv(_ rows: [[String]], labels: [String] = labels) -> Data {
        func quote(_ cell: String) -> String {
            cell.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        let lines = ([labels] + rows).map { $0.map(quote).joined(separator: ",") }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}

/// Validates CSV bytes against 1.0.2, with a fixed "today".
func validate(_ data: Data, version: SchemaVersion? = .v1_0_2, format: SourceFormat = .csv) throws -> TaskReport {
    let options = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)
    let validator = Validator(version: version, options: options)
    switch format {
    case .csv:
        var reader = try CSVRowReader(data: data)
        return try validator.validate(&reader, place: "test.csv")
    case .json:
        var reader = JSONRowReader(data: data)
        return try validator.validate(&reader, place: "test.json")
    case .xlsx, .ods:
        // Workbooks are read from files.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-test-\(UUID().uuidString).\(format.rawValue)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try validator.validate(fileAt: url, place: "test.\(format.rawValue)", format: format)
    }
}

extension TaskReport {
    /// (row, field, type) of every error.
    var errorCells: [(Int?, String?, String)] { errors.map { ($0.rowNumber, $0.fieldName, $0.type) } }
    func warnings(_ code: IssueCode) -> [ValidationIssue] { warnings.filter { $0.type == code.rawValue } }
}

@Suite("Validator: schema errors")
struct ValidatorSchemaErrorTests {
    @Test("a valid row gives a valid report without warnings")
    func validRow() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row()]))
        #expect(report.valid)
        #expect(report.stats.rows == 1)
        #expect(report.stats.validRows == 1)
        #expect(report.warnings.isEmpty, "\(report.warnings.map(\.message))")
    }

    @Test(
        "one bad cell gives one error on that cell",
        arguments: [
            ("code_postal", "1300", "constraint-error"),
            ("code_insee", "20000", "constraint-error"),
            ("telephone", "0612345678", "constraint-error"),
            ("pivot", "123", "constraint-error"),
            ("frais_a_charge", "Gratuit|Gratos", "constraint-error"),
            ("services", "Aide aux démarches administratives|", "constraint-error"),
            ("date_maj", "2023-13-45", "type-error"),
            ("date_maj", "11/05/2023", "type-error"),
            ("date_maj", "", "constraint-error"),
            ("nom", "", "constraint-error"),
            ("latitude", "45,2", "type-error"),
            ("latitude", "abc", "type-error"),
            ("presentation_resume", String(repeating: "é", count: 281), "constraint-error"),
        ])
    func badCell(field: String, value: String, type: String) throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(), StandardCSV.row(["id": "demo-2", field: value])]))
        #expect(!report.valid)
        #expect(report.errors.count == 1)
        let error = try #require(report.errors.first)
        #expect(error.rowNumber == 3)
        #expect(error.fieldName == field)
        #expect(error.type == type)
        #expect(error.fieldNumber == Lieu.Field(rawValue: field)!.number)
        #expect(error.cell == value)
        #expect(report.stats.validRows == 1)
    }

    @Test("280 characters in presentation_resume are allowed, counted as Python counts them")
    func maxLengthBoundary() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(["presentation_resume": String(repeating: "é", count: 280)])]))
        #expect(report.valid)
    }

    @Test("a multi-value may start with the separator, as the standard's regular expression allows")
    func leadingSeparator() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(["frais_a_charge": "|Gratuit"])]))
        #expect(report.valid)
    }

    @Test("a value outside a vocabulary is explained with the allowed labels and a close match")
    func vocabularyMessage() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(["frais_a_charge": "gratuit"])]))
        let error = try #require(report.errors.first)
        #expect(error.message.contains("Gratuit sous condition"))
        #expect(error.suggestion == "Gratuit")
        #expect(error.note == #"constraint "pattern" is "(?:(?:^|\|)(Gratuit|Gratuit sous condition|Payant))+$""#)
    }

    @Test("a duplicate id gives a unique-error and a primary-key error, pointing at the first row")
    func duplicateID() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(), StandardCSV.row(), StandardCSV.row(["id": "demo-3"])]))
        #expect(report.errors.map(\.type).sorted() == ["primary-key", "unique-error"])
        #expect(report.errors.allSatisfy { $0.rowNumber == 3 })
        #expect(report.errors.first { $0.type == "unique-error" }?.message.contains("ligne 2") == true)
        #expect(report.stats.validRows == 2)
    }

    @Test("a blank row is a blank-row error and, as for frictionless, an empty primary key")
    func blankRow() throws {
        let blank = Array(repeating: "", count: 32)
        let report = try validate(StandardCSV.csv([StandardCSV.row(), blank, StandardCSV.row(["id": "demo-3"])]))
        #expect(report.errorCells.map { "\($0.0!)/\($0.2)" } == ["3/blank-row", "3/primary-key"])
    }

    @Test("an empty line counts as a row and is a blank row")
    func emptyLine() throws {
        var text = String(decoding: StandardCSV.csv([StandardCSV.row()]), as: UTF8.self)
        text += "\n" + StandardCSV.row(["id": "demo-3"]).joined(separator: ",") + "\n"
        let report = try validate(Data(text.utf8))
        #expect(report.errorCells.map { "\($0.0!)/\($0.2)" } == ["3/blank-row", "3/primary-key"])
        #expect(report.stats.rows == 3)
    }

    @Test("an extra cell and missing cells are reported per cell")
    func extraAndMissingCells() throws {
        let long = StandardCSV.row() + ["surplus"]
        let short = Array(StandardCSV.row(["id": "demo-3"]).prefix(30))
        let report = try validate(StandardCSV.csv([long, short]))
        let cells = report.errors.map { "\($0.rowNumber!)/\($0.type)/\($0.fieldNumber!)" }
        #expect(cells == ["2/extra-cell/33", "3/missing-cell/31", "3/missing-cell/32"])
        #expect(report.errors[1].fieldName == "fiche_acces_libre")
    }
}

@Suite("Validator: header")
struct ValidatorHeaderTests {
    @Test("a missing required column is one missing-label error and no row is valid")
    func missingRequiredColumn() throws {
        let labels = StandardCSV.labels.filter { $0 != "nom" }
        let row = zip(StandardCSV.labels, StandardCSV.row()).filter { $0.0 != "nom" }.map(\.1)
        let report = try validate(StandardCSV.csv([row], labels: labels))
        #expect(report.errorCells.map { "\($0.1!)/\($0.2)" } == ["nom/missing-label"])
        #expect(report.stats.validRows == 0)
    }

    @Test("a missing optional column is a warning; columns are matched by name, in any order")
    func missingOptionalColumn() throws {
        let kept = StandardCSV.labels.filter { $0 != "prise_rdv" }.reversed()
        let all = Dictionary(uniqueKeysWithValues: zip(StandardCSV.labels, StandardCSV.row()))
        let report = try validate(StandardCSV.csv([kept.map { all[$0]! }], labels: Array(kept)))
        #expect(report.valid)
        #expect(report.warnings(.colonneFacultativeAbsente).map(\.fieldName) == ["prise_rdv"])
    }

    @Test("an unknown column is a warning; an old column name says which version it belongs to")
    func unknownColumn() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row() + ["x@y.fr"]], labels: StandardCSV.labels + ["courriel"]))
        #expect(report.valid)
        let warning = try #require(report.warnings(.colonneInconnue).first)
        #expect(warning.fieldNumber == 33)
        #expect(warning.message.contains("0.1.0"))
    }

    @Test("a duplicated column is an error")
    func duplicateColumn() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row() + ["Autre"]], labels: StandardCSV.labels + ["nom"]))
        #expect(report.errorCells.map { "\($0.1!)/\($0.2)" } == ["nom/duplicate-label"])
    }

    @Test("a label in the wrong case is an incorrect-label error, but its column is read and rows stay valid")
    func misnamedColumn() throws {
        let labels = StandardCSV.labels.map { $0 == "code_postal" ? "Code Postal" : $0 }
        let report = try validate(StandardCSV.csv([StandardCSV.row()], labels: labels))
        #expect(report.errorCells.map { "\($0.0!)/\($0.1!)/\($0.2)" } == ["1/code_postal/incorrect-label"])
        #expect(report.errors.first?.cell == "Code Postal")
        #expect(report.stats.validRows == 1)
    }

    @Test("an empty id is a required error and an empty primary key; a blank row too has an empty key")
    func emptyPrimaryKey() throws {
        let blank = Array(repeating: "", count: 32)
        let report = try validate(StandardCSV.csv([StandardCSV.row(["id": ""]), blank]))
        #expect(report.errorCells.map { "\($0.0!)/\($0.1 ?? "-")/\($0.2)" } == [
            "2/id/constraint-error", "2/-/primary-key", "3/-/blank-row", "3/-/primary-key",
        ])
    }

    @Test("ids equal only up to Unicode normalisation are distinct, as for frictionless")
    func decomposedIDs() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(["id": "lieu-caf\u{E9}"]), StandardCSV.row(["id": "lieu-cafe\u{301}"])]))
        #expect(report.valid)
    }

    @Test("a missing cell of a required field is also a required error")
    func missingRequiredCell() throws {
        let short = Array(StandardCSV.row().prefix(20))
        let report = try validate(StandardCSV.csv([short]))
        #expect(report.errors.filter { $0.fieldName == "date_maj" }.map(\.type) == ["missing-cell", "constraint-error"])
        #expect(report.errors.filter { $0.type == "missing-cell" }.count == 12)
    }

    @Test("an empty file is a format error")
    func emptyFile() throws {
        let report = try validate(Data())
        #expect(report.errors.map(\.type) == ["format-error"])
    }

    @Test("bytes that are not UTF-8 stop with an encoding-error and a French message")
    func encodingError() throws {
        var data = StandardCSV.csv([StandardCSV.row()])
        data.append(contentsOf: Array("demo-2,21510454800007,Biblioth".utf8) + [0xE8] + Array("que\n".utf8))
        let report = try validate(data)
        let error = try #require(report.errors.first)
        #expect(error.type == "encoding-error")
        #expect(error.rowNumber == 3)
        #expect(error.message.contains("UTF-8"))
        #expect(report.stats.validRows == 1)
    }
}

@Suite("Validator: checks beyond the schema")
struct ValidatorWarningTests {
    @Test(
        "each doubtful value gets its warning code, and the file stays valid",
        arguments: [
            (["pivot": "00000000000000"], IssueCode.pivotFictif),
            (["pivot": "21510454800008"], .siretInvalide),
            (["latitude": "0", "longitude": "0"], .coordonneesNulles),
            (["latitude": "4.0317", "longitude": "49.2543"], .coordonneesInversees),
            (["latitude": "40.7", "longitude": "-74.0"], .coordonneesHorsFrance),
            (["latitude": "43.52609", "longitude": "5.41423"], .coordonneesHorsDepartement),
            (["latitude": "", "longitude": "4.0317"], .coordonneesIncompletes),
            (["date_maj": "2027-01-01"], .dateMajFuture),
            (["date_maj": "1970-01-01"], .dateMajAncienne),
            (["code_insee": "13001"], .codePostalInseeIncoherents),
            (["typologie": "MEDIATHEQUE"], .typologieInconnue),
            (["horaires": "Mo-Fr 09:00-19:00; Sa 17:00"], .horairesInvalides),
        ])
    func warning(overrides: [String: String], code: IssueCode) throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(overrides)]))
        #expect(report.valid)
        #expect(report.warnings.map(\.type) == [code.rawValue], "\(report.warnings.map(\.message))")
        let warning = try #require(report.warnings.first)
        #expect(warning.rowNumber == 2)
        #expect(warning.message.hasPrefix("Ligne 2 : "))
    }

    @Test("a postal code shared by two départements is coherent with both")
    func crossDepartementPostalCode() throws {
        // 05110 serves communes of Hautes-Alpes and of Alpes-de-Haute-Provence (04).
        let candidates = Departement.candidates(forCodePostal: "05110").map(\.code)
        #expect(candidates.contains("04") && candidates.contains("05"))
    }

    @Test("swapped coordinates come with a suggestion")
    func swappedSuggestion() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(["latitude": "4.0317", "longitude": "49.2543"])]))
        #expect(report.warnings.first?.suggestion == "latitude=49.2543, longitude=4.0317")
    }

    @Test("a cell with a schema error is not checked again")
    func noDoubleReport() throws {
        let report = try validate(StandardCSV.csv([StandardCSV.row(["date_maj": "1970-13-01"])]))
        #expect(report.errors.count == 1)
        #expect(report.warnings.isEmpty)
    }
}

@Suite("Validator: versions and JSON")
struct ValidatorVersionTests {
    @Test("JSON objects: missing keys are empty cells, arrays are multi-values")
    func json() throws {
        let json = """
            [{"id": "a", "pivot": "21510454800007", "nom": "N", "commune": "Reims", "code_postal": "51100",
              "adresse": "1 rue", "date_maj": "2025-01-02", "latitude": 49.25, "longitude": 4.03,
              "services": ["Aide aux démarches administratives", "Accès internet et matériel informatique"]},
             {"id": "b", "pivot": "21510454800007", "nom": "N", "commune": "Reims", "code_postal": "51100",
              "adresse": "1 rue"}]
            """
        let report = try validate(Data(json.utf8), format: .json)
        #expect(report.errorCells.map { "\($0.0!)/\($0.1!)/\($0.2)" } == ["3/date_maj/constraint-error"])
        #expect(report.warnings(.colonneFacultativeAbsente).isEmpty)
    }

    @Test("the version is detected from the values when columns of both versions appear")
    func detection() throws {
        let labels = ["id", "services", "labels_nationaux", "courriel"]
        let v1 = SourceRow(number: 2, cells: ["a", "Aide aux démarches administratives", "CNFS", "a@b.fr"])
        #expect(SchemaVersion.detect(labels: labels, rows: [v1, v1]) == .v1_0_2)
        let old = SourceRow(number: 2, cells: ["a", "Prendre en main un ordinateur", "CNFS", "a@b.fr"])
        #expect(SchemaVersion.detect(labels: labels, rows: [old]) == .v0_1_0)
        #expect(SchemaVersion.detect(labels: ["id", "cle_ban"]) == .v0_1_0)
        #expect(SchemaVersion.detect(labels: ["id"]) == .v1_0_2)
    }
}
