import Foundation
import Testing
import ZIPFoundation

@testable import LieuxSchema

/// Workbooks written part by part in the test, for every case a reader must handle; the
/// workbooks LibreOffice makes from real files are compared with their CSV by
/// `tools/workbook-parity`.
@Suite("Workbooks (.xlsx, .ods)")
struct SheetRowReaderTests {
    static func workbook(_ parts: [String: String], ext: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-test-\(UUID().uuidString).\(ext)")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func xlsx(sheets: [(String, String)], strings: [String] = [], styles: String? = nil, date1904: Bool = false) throws -> URL {
        var parts: [String: String] = [:]
        let list = sheets.enumerated().map { "<sheet name=\"\($0.element.0)\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
        parts["xl/workbook.xml"] = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rels)\">\(date1904 ? "<workbookPr date1904=\"1\"/>" : "")<sheets>\(list)</sheets></workbook>"
        let targets = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(rels)/worksheet\" Target=\"worksheets/feuille\($0 + 1).xml\"/>" }.joined()
        parts["xl/_rels/workbook.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(targets)</Relationships>"
        for (index, sheet) in sheets.enumerated() {
            parts["xl/worksheets/feuille\(index + 1).xml"] = "<worksheet xmlns=\"\(main)\">\(sheet.1)</worksheet>"
        }
        if !strings.isEmpty {
            parts["xl/sharedStrings.xml"] = "<sst xmlns=\"\(main)\">" + strings.map { "<si>\($0)</si>" }.joined() + "</sst>"
        }
        if let styles { parts["xl/styles.xml"] = "<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>" }
        return try workbook(parts, ext: "xlsx")
    }

    static func rows(_ url: URL, sheet: SheetSelection? = nil) throws -> (labels: [String], rows: [SourceRow], issues: [ValidationIssue]) {
        var reader = try SheetRowReader(url: url, format: SourceFormat(fileName: url.lastPathComponent), sheet: sheet)
        var rows: [SourceRow] = []
        var issues: [ValidationIssue] = []
        while let row = try reader.nextRow() {
            rows.append(row)
            issues += reader.takeIssues()
        }
        return (reader.labels, rows, issues)
    }

    @Test("xlsx: shared and inline strings, numbers, dates by style, gaps, rows keep the sheet's numbers")
    func xlsxCells() throws {
        let styles = "<numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"0.00&quot;h&quot;\"/></numFmts>"
            + "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"20\"/><xf numFmtId=\"165\"/></cellXfs>"
        let sheet = """
            <sheetData>
            <row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="D3" t="inlineStr"><is><t>date_maj</t></is></c><c r="E3" t="str"><v>heure</v></c></row>
            <row r="4"/>
            <row r="5"><c r="A5"><v>1000</v></c><c r="B5"><v>48.856600000000002</v></c><c r="D5" s="1"><v>45352</v></c><c r="E5" s="2"><v>0.375</v></c></row>
            <row r="7"><c r="B7" t="s"><v>2</v></c><c r="D7" s="3"><v>9.5</v></c><c r="E7" t="b"><v>1</v></c></row>
            </sheetData>
            """
        let url = try Self.xlsx(sheets: [("Lieux", sheet)], strings: ["<t>id</t>", "<r><t>lati</t></r><r><t>tude</t></r>", "<t xml:space=\"preserve\"> Mairie  </t>"], styles: styles)
        defer { try? FileManager.default.removeItem(at: url) }
        let (labels, rows, issues) = try Self.rows(url)
        #expect(labels == ["id", "latitude", "", "date_maj", "heure"])
        #expect(rows.map(\.number) == [5, 7])
        #expect(rows[0].cells == ["1000", "48.8566", "", "2024-03-01", "09:00"])
        #expect(rows[1].cells == ["", " Mairie  ", "", "9.5", "true"])
        #expect(issues.isEmpty)
    }

    @Test("xlsx: sheets by position or name (accents and case aside); an unknown sheet names those there are")
    func xlsxSheets() throws {
        let first = "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>premiere</t></is></c></row></sheetData>"
        let second = "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>seconde</t></is></c></row></sheetData>"
        let url = try Self.xlsx(sheets: [("Notice", first), ("Lieux à publier", second)])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.rows(url).labels == ["premiere"])
        #expect(try Self.rows(url, sheet: .position(2)).labels == ["seconde"])
        #expect(try Self.rows(url, sheet: SheetSelection("lieux a PUBLIER")).labels == ["seconde"])
        let error = #expect(throws: SourceError.self) { try Self.rows(url, sheet: SheetSelection("Données")) }
        #expect(error?.message.contains("« Lieux à publier »") == true)
        #expect(error?.message.contains("--feuille") == true)
        #expect(throws: SourceError.self) { try Self.rows(url, sheet: .position(3)) }
    }

    @Test("xlsx: merged cells give their value to each cell, with one warning a rectangle")
    func xlsxMerged() throws {
        let sheet = """
            <sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c><c r="B1" t="inlineStr"><is><t>commune</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>Médiathèque</t></is></c><c r="B2" t="inlineStr"><is><t>Lyon</t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>Mairie</t></is></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>Espace</t></is></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>
            """
        let url = try Self.xlsx(sheets: [("Lieux", sheet)])
        defer { try? FileManager.default.removeItem(at: url) }
        let (_, rows, issues) = try Self.rows(url)
        #expect(rows.map { $0.cells[1] } == ["Lyon", "Lyon", ""])
        #expect(issues.map(\.type) == [IssueCode.cellulesFusionnees.rawValue])
        #expect(issues.first?.message.contains("B2 à B3") == true)
    }

    @Test("cells that spreadsheets damage are repaired with a warning, only when stored as numbers")
    func repairs() throws {
        let sheet = """
            <sheetData>
            <row r="1"><c t="inlineStr"><is><t>code_postal</t></is></c><c t="inlineStr"><is><t>pivot</t></is></c><c t="inlineStr"><is><t>telephone</t></is></c><c t="inlineStr"><is><t>code_insee</t></is></c></row>
            <row r="2"><c><v>1000</v></c><c><v>1.2345678901234E+13</v></c><c><v>33180059880</v></c><c><v>1053</v></c></row>
            <row r="3"><c t="inlineStr"><is><t>1000</t></is></c><c><v>0</v></c><c><v>612345678</v></c><c><v>69123</v></c></row>
            <row r="4"><c><v>75001</v></c><c><v>12345678901234</v></c><c><v>687050709</v></c><c/></row>
            </sheetData>
            """
        let url = try Self.xlsx(sheets: [("Lieux", sheet)])
        defer { try? FileManager.default.removeItem(at: url) }
        let (_, rows, issues) = try Self.rows(url)
        #expect(rows[0].cells == ["01000", "12345678901234", "+33180059880", "01053"])
        // Text is the producer's own: left for the validator to judge.
        #expect(rows[1].cells == ["1000", "00000000000000", "0612345678", "69123"])
        // Nothing damaged; +687 050709 or 06 87 05 07 09: left as it is.
        #expect(rows[2].cells == ["75001", "12345678901234", "687050709", ""])
        #expect(issues.count == 6)
        #expect(issues.allSatisfy { $0.type == IssueCode.celluleReparee.rawValue && $0.severity == .warning })
        #expect(issues.first?.rowNumber == 2 && issues.first?.fieldName == "code_postal" && issues.first?.cell == "1000")
        #expect(issues.first?.message.contains("« 1000 » est lu « 01000 »") == true)
    }

    @Test("ods: repeated cells and rows, covered cells, spaces kept, dates and times, the trailing million empty rows")
    func ods() throws {
        let ns = """
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
            """
        let content = """
            <office:document-content \(ns)><office:body><office:spreadsheet>
            <table:table table:name="Notice"><table:table-row><table:table-cell office:value-type="string"><text:p>lisez-moi</text:p></table:table-cell></table:table-row></table:table>
            <table:table table:name="Lieux">
            <table:table-row><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>code_postal</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>date_maj</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>h</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
            <table:table-row><table:table-cell office:value-type="string"><text:p>Espace<text:s text:c="2"/>numérique</text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="float" office:value="1000"><text:p>1000</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-01"><text:p>01/03/24</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT09H30M00S"><text:p>09:30</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Tiers-lieu</text:p></table:table-cell><table:covered-table-cell/><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>
            """
        let url = try Self.workbook(["mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content], ext: "ods")
        defer { try? FileManager.default.removeItem(at: url) }
        let (labels, rows, issues) = try Self.rows(url, sheet: SheetSelection("Lieux"))
        #expect(labels == ["nom", "code_postal", "date_maj", "h"])
        #expect(rows.map(\.number) == [4, 5, 6])
        #expect(rows[0].cells == ["Espace  numérique", "01000", "2024-03-01", "09:30"])
        #expect(rows[1].cells == ["Tiers-lieu", "Tiers-lieu", "x", "x"])
        #expect(rows[2].cells == ["Tiers-lieu", "Tiers-lieu", "x", "x"])
        #expect(issues.map(\.type).sorted() == [IssueCode.celluleReparee.rawValue, IssueCode.cellulesFusionnees.rawValue, IssueCode.cellulesFusionnees.rawValue])
        #expect(try Self.rows(url).labels == ["lisez-moi"])
    }

    @Test("hostile or broken workbooks: a clear error, never a crash")
    func broken() throws {
        let notZip = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-test-\(UUID().uuidString).xlsx")
        try Data("id,nom\n1,a\n".utf8).write(to: notZip)
        defer { try? FileManager.default.removeItem(at: notZip) }
        let error = #expect(throws: SourceError.self) { try Self.rows(notZip) }
        #expect(error?.message.contains("n'est pas un classeur lisible") == true)

        let broken = try Self.xlsx(sheets: [("Lieux", "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c></row><row r=\"2\"><c>")])
        defer { try? FileManager.default.removeItem(at: broken) }
        #expect(throws: SourceError.self) {
            var reader = try SheetRowReader(url: broken, format: .xlsx)
            while try reader.nextRow() != nil {}
        }

        // 120 MB of the same byte packs to a few hundred kilobytes: refused, not unpacked.
        let bomb = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-test-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: bomb) }
        let archive = try Archive(url: bomb, accessMode: .create)
        for (path, text) in [("xl/workbook.xml", "<workbook xmlns=\"\(Self.main)\"><sheets><sheet name=\"A\"/></sheets></workbook>")] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, s in data.subdata(in: Int(p)..<Int(p) + s) }
        }
        let size = 120 << 20
        let chunk = Data(repeating: 0x20, count: 1 << 20)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { _, s in chunk.prefix(s) }
        let refused = #expect(throws: SourceError.self) { try Self.rows(bomb) }
        #expect(refused?.message.contains("fichier piégé ou trop grand") == true)
    }

    @Test("numbers, dates and references as spreadsheets write them")
    func conversions() {
        #expect(SheetNumbers.text("1000") == "1000")
        #expect(SheetNumbers.text("1.2345678901234E+13") == "12345678901234")
        #expect(SheetNumbers.text("-5.5") == "-5.5")
        #expect(SheetNumbers.date(serial: "45352", base1904: false, timeOnly: false) == "2024-03-01")
        #expect(SheetNumbers.date(serial: "45352.5", base1904: false, timeOnly: false) == "2024-03-01T12:00:00")
        #expect(SheetNumbers.date(serial: "43890", base1904: true, timeOnly: false) == "2024-03-01")
        #expect(SheetNumbers.date(serial: "0.75", base1904: false, timeOnly: true) == "18:00")
        #expect(SheetNumbers.date(serial: "abc", base1904: false, timeOnly: false) == nil)
        #expect(XLSXSheetRows.column(ofReference: "A1") == 0)
        #expect(XLSXSheetRows.column(ofReference: "AB12") == 27)
        #expect(XLSXSheetRows.column(ofReference: "$C$3") == 2)
        #expect(XLSXSheetRows.column(ofReference: "ABCD1") == nil)
        #expect(XLSXSheetRows.dateStyle(ofFormat: "dd/mm/yyyy") == .date)
        #expect(XLSXSheetRows.dateStyle(ofFormat: "hh:mm") == .time)
        #expect(XLSXSheetRows.dateStyle(ofFormat: "0.00\"h\"") == .none)
        #expect(XLSXSheetRows.dateStyle(ofFormat: "[Red]0.00") == .none)
        #expect(SheetRowReader.reference(row: 12, column: 27) == "AB12")
        #expect(ODSSheetRows.time(duration: "PT14H05M30S") == "14:05:30")
    }
}
