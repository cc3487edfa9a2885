import Foundation

/// The rows of one sheet of a LibreOffice workbook (`.ods`, OpenDocument), streamed from
/// its `content.xml`, unpacked to a temporary file.
///
/// LibreOffice writes runs of identical rows and cells once, with a repeat count (a sheet
/// ends with a million empty rows written as one): empty runs only move the row or column
/// on, and runs that hold something are repeated, within the limits of a spreadsheet.
struct ODSSheetRows: SheetRows {
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    private let reader: XMLPullReader
    private let what: String
    private(set) var merges: [MergedCells] = []
    /// The number the next row read gets.
    private var nextNumber = 1
    /// A row that holds something and repeats: how many times more it is given.
    private var repeating: (row: SheetRow, times: Int)?
    private var ended = false

    init(archive: WorkbookArchive, sheet: SheetSelection?) throws(SourceError) {
        guard archive.contains("content.xml") else {
            throw SourceError(code: .format, message: "Le classeur n'a pas de contenu (content.xml) : ce n'est pas un fichier .ods valide.")
        }
        var chosenName = ""
        guard let reader = try archive.withFile("content.xml", { (file: String) throws(SourceError) -> XMLPullReader in
            let xml = try XMLPullReader(path: file, what: "Le contenu du classeur")
            func wanted(_ name: String, _ position: Int) -> Bool {
                switch sheet {
                case nil: return true
                case .position(let asked): return asked == position
                case .name(let asked): return asked == name || SheetChoice.fold(asked) == SheetChoice.fold(name)
                }
            }
            var names: [String] = []
            var onNext = false  // `skip` stands on the next sibling already
            while true {
                if !onNext { guard try xml.read() else { break } }
                onNext = false
                guard xml.node == .element, xml.named("table") else { continue }
                let name = xml.attribute("name", namespace: Self.table) ?? "Feuille\(names.count + 1)"
                names.append(name)
                if wanted(name, names.count) {
                    chosenName = name
                    return xml
                }
                guard try xml.skip() else { break }
                onNext = true
            }
            // Not found: the message lists the sheets, as for Excel workbooks.
            _ = try SheetChoice.pick(sheet, among: names)
            throw SourceError(code: .format, message: "Le classeur n'a aucune feuille.")
        }) else {
            throw SourceError(code: .format, message: "Le classeur n'a pas de contenu (content.xml).")
        }
        self.reader = reader
        what = "La feuille « \(chosenName) »"
    }

    mutating func next() throws(SourceError) -> SheetRow? {
        if let (row, times) = repeating {
            repeating = times > 1 ? (SheetRow(number: row.number + 1, cells: row.cells), times - 1) : nil
            return row
        }
        guard !ended else { return nil }
        while try reader.read() {
            if reader.node == .endElement, reader.named("table") {
                ended = true
                return nil
            }
            guard reader.node == .element, reader.named("table-row") else { continue }
            let times = max(1, reader.attribute("number-rows-repeated", namespace: Self.table).flatMap(Int.init) ?? 1)
            let number = nextNumber
            nextNumber += times
            if reader.isEmptyElement { continue }
            let cells = try rowCells(number: number, times: times)
            guard !cells.isEmpty else { continue }
            guard number + times - 1 <= SheetLimits.rows else { throw .sheetTooLarge(what) }
            let row = SheetRow(number: number, cells: cells)
            if times > 1 { repeating = (SheetRow(number: number + 1, cells: cells), times - 1) }
            return row
        }
        ended = true
        return nil
    }

    /// The cells of the current `<table:table-row>`, up to its end.
    private mutating func rowCells(number: Int, times rowTimes: Int) throws(SourceError) -> [(column: Int, cell: SheetCell)] {
        var cells: [(column: Int, cell: SheetCell)] = []
        var column = 0
        let rowDepth = reader.depth
        while try reader.read() {
            if reader.node == .endElement, reader.depth == rowDepth { break }
            guard reader.node == .element, reader.depth == rowDepth + 1 else { continue }
            let covered = reader.named("covered-table-cell")
            guard covered || reader.named("table-cell") else { continue }
            let times = max(1, reader.attribute("number-columns-repeated", namespace: Self.table).flatMap(Int.init) ?? 1)
            let spannedColumns = reader.attribute("number-columns-spanned", namespace: Self.table).flatMap(Int.init) ?? 1
            let spannedRows = reader.attribute("number-rows-spanned", namespace: Self.table).flatMap(Int.init) ?? 1
            let cell = covered ? nil : try cellValue()
            if let cell, !cell.text.isEmpty {
                guard column + times <= SheetLimits.columns else { throw .sheetTooLarge(what) }
                for offset in 0..<times { cells.append((column + offset, cell)) }
                if spannedColumns > 1 || spannedRows > 1 {
                    // A repeated row repeats its merged rectangles.
                    for first in stride(from: number, to: min(number + rowTimes, SheetLimits.rows + 1), by: 1) {
                        merges.append(MergedCells(rows: first...(first + max(1, spannedRows) - 1), columns: column...(column + max(1, spannedColumns) - 1)))
                    }
                }
            }
            column += times
        }
        return cells
    }

    /// The value of the current `<table:table-cell>`, reading up to its end.
    private func cellValue() throws(SourceError) -> SheetCell? {
        let type = reader.attribute("value-type", namespace: Self.office)
        let value = reader.attribute("value", namespace: Self.office)
        let date = reader.attribute("date-value", namespace: Self.office)
        let time = reader.attribute("time-value", namespace: Self.office)
        let boolean = reader.attribute("boolean-value", namespace: Self.office)
        var paragraphs: [String] = []
        if !reader.isEmptyElement {
            let cellDepth = reader.depth
            while try reader.read() {
                if reader.node == .endElement, reader.depth == cellDepth { break }
                // The cell's own paragraphs; not those of a comment (`office:annotation`).
                if reader.node == .element, reader.depth == cellDepth + 1, reader.named("p"), !reader.isEmptyElement {
                    paragraphs.append(try paragraph())
                } else if reader.node == .element, reader.depth == cellDepth + 1, reader.named("p") {
                    paragraphs.append("")
                }
            }
        }
        let text = paragraphs.joined(separator: "\n")
        switch type {
        case "float", "percentage", "currency":
            return value.map { SheetCell.number($0) } ?? SheetCell(text: text, kind: .text)
        case "date":
            guard let date else { return SheetCell(text: text, kind: .text) }
            return SheetCell(text: date.hasSuffix("T00:00:00") ? String(date.dropLast(9)) : date, kind: .date)
        case "time":
            return SheetCell(text: time.flatMap(Self.time(duration:)) ?? text, kind: .date)
        case "boolean":
            return SheetCell(text: boolean ?? text, kind: .boolean)
        default:
            return SheetCell(text: text, kind: .text)
        }
    }

    /// The text of the current `<text:p>`, up to its end: its text, the runs of spaces
    /// LibreOffice writes as `<text:s text:c="2"/>`, tabs and line breaks.
    private func paragraph() throws(SourceError) -> String {
        var text = ""
        let depth = reader.depth
        while try reader.read() {
            switch reader.node {
            case .endElement where reader.depth == depth:
                return text
            case .text:
                text += reader.value
            case .element where reader.named("s"):
                let count = reader.attribute("c", namespace: Self.text).flatMap(Int.init) ?? 1
                text += String(repeating: " ", count: min(max(1, count), 10_000))
            case .element where reader.named("tab"):
                text += "\t"
            case .element where reader.named("line-break"):
                text += "\n"
            default:
                break
            }
        }
        return text
    }

    /// `PT09H30M00S` → `09:30`; `PT14H05M30S` → `14:05:30`.
    static func time(duration: String) -> String? {
        guard duration.hasPrefix("PT") else { return nil }
        var hours = 0, minutes = 0, seconds = 0.0
        var number = ""
        for character in duration.dropFirst(2) {
            switch character {
            case "H": hours = Int(number) ?? 0; number = ""
            case "M": minutes = Int(number) ?? 0; number = ""
            case "S": seconds = Double(number) ?? 0; number = ""
            default: number.append(character)
            }
        }
        let whole = Int(seconds.rounded())
        return whole == 0
            ? String(format: "%02d:%02d", hours, minutes)
            : String(format: "%02d:%02d:%02d", hours, minutes, whole)
    }
}
