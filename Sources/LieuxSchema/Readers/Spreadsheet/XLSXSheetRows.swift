import Foundation

/// The rows of one sheet of an Excel workbook (`.xlsx`, Office Open XML), streamed.
///
/// The workbook's list of sheets, its styles (to tell dates from numbers) and its table of
/// shared texts are read first; the sheet itself is unpacked to a temporary file that the
/// XML reader streams. Texts are kept as UTF-8 bytes, one block for the whole table.
struct XLSXSheetRows: SheetRows {
    private let reader: XMLPullReader
    private let strings: SharedStrings
    /// For each cell style (`s`), whether it shows a date, a time, or neither.
    private let styles: [DateStyle]
    private let base1904: Bool
    private let what: String
    private(set) var merges: [MergedCells] = []
    private var lastRow = 0

    enum DateStyle { case none, date, time }

    static let relationships = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    ]

    /// The sheets of the workbook, in order: name and part path.
    static func sheets(_ archive: WorkbookArchive) throws(SourceError) -> (sheets: [(name: String, path: String)], base1904: Bool) {
        guard let workbook = try archive.data("xl/workbook.xml") else {
            throw SourceError(code: .format, message: "Le classeur n'a pas de liste de feuilles (xl/workbook.xml) : ce n'est pas un fichier Excel valide.")
        }
        var targets: [String: String] = [:]
        if let rels = try archive.data("xl/_rels/workbook.xml.rels") {
            let xml = try XMLPullReader(data: rels, what: "La liste des parties du classeur")
            while try xml.read() {
                if xml.node == .element, xml.named("Relationship"), let id = xml.attribute("Id"), let target = xml.attribute("Target") {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        var sheets: [(String, String)] = []
        var base1904 = false
        let xml = try XMLPullReader(data: workbook, what: "La liste des feuilles du classeur")
        while try xml.read() {
            guard xml.node == .element else { continue }
            if xml.named("workbookPr"), let value = xml.attribute("date1904") {
                base1904 = value == "1" || value.lowercased() == "true"
            } else if xml.named("sheet"), let name = xml.attribute("name") {
                let id = relationships.lazy.compactMap { xml.attribute("id", namespace: $0) }.first
                let path = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
                sheets.append((name, path))
            }
        }
        return (sheets, base1904)
    }

    init(archive: WorkbookArchive, sheet: SheetSelection?) throws(SourceError) {
        let (sheets, base1904) = try Self.sheets(archive)
        let chosen = try SheetChoice.pick(sheet, among: sheets.map(\.name))
        let path = sheets[chosen].path
        what = "La feuille « \(sheets[chosen].name) »"
        self.base1904 = base1904
        styles = try Self.styles(archive)
        strings = try SharedStrings(archive)
        var merges: [MergedCells] = []
        let what = what
        guard let reader = try archive.withFile(path, { (file: String) throws(SourceError) -> XMLPullReader in
            merges = Self.merges(inFile: file)
            // Opened before the file is removed: the reader keeps reading it.
            return try XMLPullReader(path: file, what: what)
        }) else {
            throw SourceError(code: .format, message: "\(what) est annoncée mais absente du classeur (\(path)) : le classeur est endommagé.")
        }
        self.reader = reader
        self.merges = merges
    }

    mutating func next() throws(SourceError) -> SheetRow? {
        while try reader.read() {
            guard reader.node == .element, reader.named("row") else { continue }
            let number = reader.attribute("r").flatMap(Int.init) ?? lastRow + 1
            guard number > lastRow, number <= SheetLimits.rows else { throw .sheetTooLarge(what) }
            lastRow = number
            if reader.isEmptyElement { continue }
            let cells = try rowCells()
            if !cells.isEmpty { return SheetRow(number: number, cells: cells) }
        }
        return nil
    }

    /// The cells of the current `<row>`, up to its end.
    private func rowCells() throws(SourceError) -> [(column: Int, cell: SheetCell)] {
        var cells: [(column: Int, cell: SheetCell)] = []
        var column = -1
        while try reader.read() {
            if reader.node == .endElement, reader.named("row") { break }
            guard reader.node == .element, reader.named("c") else { continue }
            column = reader.attribute("r").flatMap(Self.column(ofReference:)) ?? column + 1
            guard column < SheetLimits.columns else { throw .sheetTooLarge(what) }
            let type = reader.attribute("t") ?? "n"
            let style = reader.attribute("s").flatMap(Int.init) ?? 0
            if reader.isEmptyElement { continue }
            var value: String?
            var inline: String?
            while try reader.read() {
                if reader.node == .endElement, reader.named("c") { break }
                guard reader.node == .element else { continue }
                // The text of `<v>` or `<is>` (all its runs); the nodes inside them that the
                // loop goes through next are neither.
                if reader.named("v") {
                    value = reader.text()
                } else if reader.named("is") {
                    inline = reader.text()
                }
            }
            if let cell = cell(type: type, style: style, value: value, inline: inline), !cell.text.isEmpty {
                cells.append((column, cell))
            }
        }
        return cells
    }

    private func cell(type: String, style: Int, value: String?, inline: String?) -> SheetCell? {
        switch type {
        case "s":
            guard let index = value.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
            return strings[index].map { SheetCell(text: $0, kind: .text) }
        case "inlineStr":
            return inline.map { SheetCell(text: $0, kind: .text) }
        case "str":
            return value.map { SheetCell(text: $0, kind: .text) }
        case "b":
            return value.map { SheetCell(text: $0 == "1" ? "true" : "false", kind: .boolean) }
        case "e":
            return value.map { SheetCell(text: $0, kind: .error) }
        case "d":
            return value.map { SheetCell(text: $0, kind: .date) }
        default:
            guard let value else { return nil }
            let dateStyle = style < styles.count ? styles[style] : .none
            if dateStyle != .none, let date = SheetNumbers.date(serial: value, base1904: base1904, timeOnly: dateStyle == .time) {
                return SheetCell(text: date, kind: .date)
            }
            return .number(value)
        }
    }

    /// `BC12` → 54 (columns from 0).
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "$"): continue
            default:
                return letters > 0 ? column - 1 : nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? column - 1 : nil
    }

    /// `B12` → row 12.
    static func row(ofReference reference: String) -> Int? {
        Int(String(reference.drop { !$0.isNumber }))
    }

    // MARK: - Styles

    /// Which cell styles show dates or times: Excel's built-in date formats (14–22, 45–47)
    /// and the workbook's own formats whose code has day, month, year or hour letters.
    static func styles(_ archive: WorkbookArchive) throws(SourceError) -> [DateStyle] {
        guard let data = try archive.data("xl/styles.xml") else { return [] }
        let xml = try XMLPullReader(data: data, what: "Les styles du classeur")
        var custom: [Int: DateStyle] = [:]
        var styles: [DateStyle] = []
        var inCellXfs = false
        while try xml.read() {
            if xml.node == .endElement, xml.named("cellXfs") { inCellXfs = false }
            guard xml.node == .element else { continue }
            if xml.named("numFmt"), let id = xml.attribute("numFmtId").flatMap(Int.init), let code = xml.attribute("formatCode") {
                custom[id] = dateStyle(ofFormat: code)
            } else if xml.named("cellXfs") {
                inCellXfs = !xml.isEmptyElement
            } else if inCellXfs, xml.named("xf") {
                let id = xml.attribute("numFmtId").flatMap(Int.init) ?? 0
                switch id {
                case 14...17, 22: styles.append(.date)
                case 18...21, 45...47: styles.append(.time)
                default: styles.append(custom[id] ?? .none)
                }
            }
        }
        return styles
    }

    /// Whether a number format shows a date (`dd/mm/yyyy`), a time (`hh:mm`) or neither
    /// (`0.00`, `@`): its letters outside quotes, brackets and escapes.
    static func dateStyle(ofFormat code: String) -> DateStyle {
        var hasDate = false, hasTime = false
        var quoted = false, bracket = false, escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": if !quoted { bracket = true }
            case "]": if !quoted { bracket = false }
            case "d", "y": if !quoted && !bracket { hasDate = true }
            case "h", "s": if !quoted && !bracket { hasTime = true }
            case "m": if !quoted && !bracket { hasDate = hasDate || !hasTime }
            default: break
            }
        }
        if hasDate { return .date }
        return hasTime ? .time : .none
    }

    // MARK: - Merged cells

    /// The merged rectangles of a sheet, from the part of its file after the rows
    /// (`<mergeCells>` follows `<sheetData>`), read backwards from the end.
    static func merges(inFile path: String) -> [MergedCells] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return [] }
        var tail = Data()
        var start = size
        let marker = Data("</sheetData>".utf8)
        while start > 0 {
            let step = min(start, 1 << 20)
            start -= step
            try? handle.seek(toOffset: start)
            guard let chunk = try? handle.read(upToCount: Int(step)) else { return [] }
            tail = chunk + tail
            if let found = tail.range(of: marker, options: .backwards) {
                tail = tail[found.upperBound...]
                break
            }
            if tail.count > 64 << 20 { return [] }
        }
        let text = String(decoding: tail, as: UTF8.self)
        var merges: [MergedCells] = []
        var rest = text[...]
        while let found = rest.range(of: "<mergeCell ") {
            rest = rest[found.upperBound...]
            guard let ref = rest.range(of: "ref=\"") else { break }
            let afterRef = rest[ref.upperBound...]
            guard let close = afterRef.firstIndex(of: "\"") else { break }
            let parts = afterRef[..<close].split(separator: ":").map(String.init)
            if parts.count == 2, let c0 = column(ofReference: parts[0]), let c1 = column(ofReference: parts[1]),
                let r0 = row(ofReference: parts[0]), let r1 = row(ofReference: parts[1]), c0 <= c1, r0 <= r1
            {
                merges.append(MergedCells(rows: r0...r1, columns: c0...c1))
            }
            rest = afterRef[close...]
        }
        return merges
    }
}

/// The table of texts an Excel workbook shares between its cells, kept as one block of UTF-8
/// bytes and where each text starts.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]

    init(_ archive: WorkbookArchive) throws(SourceError) {
        let path = archive.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : "xl/SharedStrings.xml"
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        _ = try archive.withFile(path) { (file: String) throws(SourceError) -> Void in
            let xml = try XMLPullReader(path: file, what: "La table des textes du classeur")
            while try xml.read() {
                guard xml.node == .element, xml.named("si") else { continue }
                if !xml.isEmptyElement { bytes.append(contentsOf: xml.text().utf8) }
                starts.append(bytes.count)
            }
        }
        self.bytes = bytes
        self.starts = starts
    }

    subscript(index: Int) -> String? {
        guard index >= 0, index + 1 < starts.count else { return nil }
        return String(decoding: bytes[starts[index]..<starts[index + 1]], as: UTF8.self)
    }
}

/// Which sheet to read among a workbook's.
enum SheetChoice {
    /// A sheet's name as it is compared: without case, accents nor surrounding spaces.
    static func fold(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }

    static func pick(_ selection: SheetSelection?, among names: [String]) throws(SourceError) -> Int {
        guard !names.isEmpty else {
            throw SourceError(code: .format, message: "Le classeur n'a aucune feuille.")
        }
        let list = names.enumerated().map { "\($0.offset + 1). « \($0.element) »" }.joined(separator: ", ")
        switch selection {
        case nil:
            return 0
        case .position(let position):
            guard position <= names.count else {
                throw SourceError(code: .format, message: "Le classeur n'a pas de feuille n° \(position) : ses feuilles sont \(list) (option --feuille).")
            }
            return position - 1
        case .name(let name):
            if let exact = names.firstIndex(of: name) { return exact }
            let folded = fold(name)
            if let close = names.firstIndex(where: { fold($0) == folded }) {
                return close
            }
            throw SourceError(code: .format, message: "Le classeur n'a pas de feuille « \(name) » : ses feuilles sont \(list) (option --feuille).")
        }
    }
}
