import Foundation
import LieuxExport
import LieuxModel
import LieuxSchema
import Testing

@Suite("CSVWriter")
struct CSVWriterTests {
    func csv(_ lieux: [Lieu], lineEnding: CSVWriter<DataSink>.LineEnding = .crlf, byteOrderMark: Bool = false) throws -> [UInt8] {
        var writer = CSVWriter(lineEnding: lineEnding, byteOrderMark: byteOrderMark)
        try writer.begin()
        for lieu in lieux { try writer.write(lieu) }
        try writer.end()
        #expect(writer.rowCount == lieux.count)
        return writer.sink.bytes
    }

    @Test("the header is the 32 columns of the standard, in order")
    func header() throws {
        let bytes = try csv([])
        let expected = Lieu.Field.allCases.map(\.rawValue).joined(separator: ",") + "\r\n"
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        let records = Fixtures.records(csv: bytes)
        #expect(records.count == 1)
        #expect(records[0].count == 32)
        #expect(records[0].first == "id")
        #expect(records[0].last == "prise_rdv")
    }

    @Test("end without begin writes the header alone")
    func endOnly() throws {
        var writer = CSVWriter()
        try writer.end()
        #expect(Fixtures.records(csv: writer.sink.bytes) == [Lieu.Field.allCases.map(\.rawValue)])
    }

    @Test("rows end with CRLF by default, LF on request; the BOM only on request")
    func lineEnds() throws {
        let lieux = [Fixtures.minimal(id: "a"), Fixtures.minimal(id: "b")]
        let crlf = try csv(lieux)
        #expect(crlf.filter { $0 == 0x0A }.count == 3)
        #expect(crlf.filter { $0 == 0x0D }.count == 3)
        #expect(crlf.suffix(2) == [0x0D, 0x0A])
        let lf = try csv(lieux, lineEnding: .lf)
        #expect(lf.filter { $0 == 0x0A }.count == 3)
        #expect(!lf.contains(0x0D))
        #expect(!crlf.starts(with: [0xEF, 0xBB, 0xBF]))
        let bom = try csv(lieux, byteOrderMark: true)
        #expect(bom.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try Fixtures.lieux(csv: bom) == lieux)
        #expect(try Fixtures.lieux(csv: lf) == lieux)
    }

    @Test(
        "a cell is quoted only when it must be, with its quotes doubled",
        arguments: [
            ("simple", "simple"),
            ("accents é et émoji 👍", "accents é et émoji 👍"),
            ("virgule, ici", "\"virgule, ici\""),
            ("dit \"bonjour\"", "\"dit \"\"bonjour\"\"\""),
            ("ligne\nsuivante", "\"ligne\nsuivante\""),
            ("retour\rchariot", "\"retour\rchariot\""),
            (" devant", "\" devant\""),
            ("derrière ", "\"derrière \""),
            ("\tdevant", "\"\tdevant\""),
            ("tabulation\tdedans", "tabulation\tdedans"),
            ("point-virgule; ici", "point-virgule; ici"),
            ("barre | verticale", "barre | verticale"),
            ("'apostrophe'", "'apostrophe'"),
        ])
    func quoting(text: String, expected: String) throws {
        let bytes = try csv([Fixtures.minimal(nom: text)], lineEnding: .lf)
        let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n", maxSplits: 1)[1]
        #expect(line.hasPrefix("lieu-1,21690123100011," + expected + ",Lyon,"))
        let records = Fixtures.records(csv: bytes)
        #expect(records.count == 2)
        #expect(records[1].count == 32)
        #expect(records[1][2] == text)
    }

    @Test("multi-values are joined with |, every field in its column")
    func fullRow() throws {
        let lieu = Fixtures.full()
        let records = Fixtures.records(csv: try csv([lieu]))
        #expect(records.count == 2)
        #expect(records[1].count == 32)
        for (field, cell) in zip(Lieu.Field.allCases, records[1]) {
            #expect(cell == lieu.text(field) ?? "", "colonne \(field.rawValue)")
        }
        #expect(records[1][Lieu.Field.typologie.number - 1] == "BIB|EPN|RELAIS_LECTURE")
        #expect(records[1][Lieu.Field.dateMaj.number - 1] == "2023-01-09")
        #expect(records[1][Lieu.Field.latitude.number - 1] == "45.760799")
    }

    @Test("empty fields are empty cells")
    func emptyCells() throws {
        let records = Fixtures.records(csv: try csv([Fixtures.minimal()]))
        let filled = Set(records[1].indices.filter { !records[1][$0].isEmpty }.map { Lieu.Field.allCases[$0] })
        #expect(filled == [.id, .pivot, .nom, .commune, .codePostal, .adresse, .dateMaj])
    }

    @Test(
        "coordinates are written exactly, in the shortest form that reads back the same",
        arguments: [45.681367, 4.5, 45.0, -0.0, 5.6412345678901236, 43.296950000000002, 1e-7, -1.5e-7, 0.00001, 179.99999999999997])
    func exactCoordinates(value: Double) throws {
        var lieu = Fixtures.minimal()
        lieu.coordinates = Coordinates(latitude: value / 2, longitude: value)
        let records = Fixtures.records(csv: try csv([lieu]))
        let cell = records[1][Lieu.Field.longitude.number - 1]
        #expect(Double(cell) == value)
        #expect(!cell.contains("e") && !cell.hasSuffix(".0") && cell != "-0")
        #expect(try Fixtures.lieux(csv: try csv([lieu])) == [lieu])
    }

    @Test("awkward text survives a round trip through the project's reader")
    func awkwardRoundTrip() throws {
        var lieux: [Lieu] = [Fixtures.full()]
        for (index, text) in ["a,b", "\"q\"", " espace ", "x\r\ny", "\u{2028}👩🏽‍💻", "fin\"", "\"début", "\n"].enumerated() {
            var lieu = Fixtures.full(id: "bizarre-\(index)")
            lieu.nom = "nom " + text
            lieu.presentationDetail = text
            lieu.horaires = text
            lieu.courriels = [Courriel(verbatim: "a" + text), Courriel(verbatim: text + "b")]
            // What a file can hold: `Lieu(text:)` trims multi-values and empties blank fields.
            lieux.append(try Lieu(text: lieu.text))
        }
        #expect(lieux.last?.horaires == nil)
        #expect(try Fixtures.lieux(csv: try csv(lieux)) == lieux)
        #expect(try Fixtures.lieux(csv: try csv(lieux, lineEnding: .lf)) == lieux)
    }

    @Test("the real rows make the same venues after text → Lieu → CSV → Lieu", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func realRoundTrip() throws {
        let (lieux, failures) = try Fixtures.realLieux()
        #expect(failures.isEmpty, "lignes qui ne donnent pas de Lieu : \(failures)")
        #expect(lieux.count == 924)
        let bytes = try csv(lieux)
        let again = try Fixtures.lieux(csv: bytes)
        #expect(again.count == lieux.count)
        for (before, after) in zip(lieux, again) where before != after {
            Issue.record("\(before.id) change au second passage")
        }
        // Written a second time, the bytes are the same.
        #expect(try csv(again) == bytes)
    }

    @Test("the exported file gets the same validation report as the original", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func sameReport() throws {
        let options = ValidationOptions(listLimit: 100_000, today: CalendarDate(year: 2026, month: 11, day: 23)!)
        let validator = Validator(options: options)
        let original = try validator.validate(fileAt: SharedData.url(SharedData.combinedCSV))
        let lieux = try Fixtures.realLieux().lieux
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-export-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var writer = CSVWriter(sink: try FileSink(path: url.path))
        for lieu in lieux { try writer.write(lieu) }
        try writer.end()
        try writer.sink.close()
        let exported = try validator.validate(fileAt: url)
        #expect(exported.schemaVersion == original.schemaVersion)
        #expect(exported.labels == original.labels)
        #expect(exported.stats.rows == original.stats.rows)
        #expect(exported.stats.errors == original.stats.errors)
        #expect(exported.stats.warnings == original.stats.warnings)
        #expect(exported.stats.validRows == original.stats.validRows)
        func summary(_ issues: [ValidationIssue]) -> [String] {
            issues.map { "\($0.type) \($0.rowNumber.map(String.init) ?? "-") \($0.fieldName ?? "-") \($0.cell ?? "")" }
        }
        let before = summary(original.errors + original.warnings), after = summary(exported.errors + exported.warnings)
        #expect(before == after)
        if before != after {
            let difference = after.difference(from: before)
            Issue.record("différences : \(difference.prefix(10).map { "\($0)" })")
        }
    }
}
