import Foundation

/// A streaming reader of one sheet of a workbook (`.xlsx` or `.ods`), giving its rows as
/// a CSV reader gives records.
///
/// - The header is the first row that holds something; rows keep their numbers in the sheet,
///   so that a report's « ligne 12 » is the sheet's row 12. Rows without any value (layout)
///   are passed over.
/// - Numbers are written as people read them (`1000`, `48.8566`), dates and times as ISO
///   text (`2024-03-01`, `09:30`), booleans as `true` / `false`.
/// - A merged rectangle's value holds for each of its cells (a warning says so, once per
///   rectangle).
/// - Cells that spreadsheets damage are repaired by the column's name, each with a warning
///   (``SheetRepair``): a postal code or an INSEE code stored as a number (`1000` for
///   `01000`), a SIRET stored in scientific notation, a phone number that lost its 0.
public struct SheetRowReader: RowReader {
    public let format: SourceFormat
    public private(set) var labels: [String] = []
    private var rows: any SheetRows
    private var issues: [ValidationIssue] = []
    private var headerNumber = 0
    /// The value of each merged rectangle, by its index in `rows.merges`, once its first row is read.
    private var mergeValues: [Int: String] = [:]

    public init(url: URL, format: SourceFormat, sheet: SheetSelection? = nil) throws(SourceError) {
        self.format = format
        let archive = try WorkbookArchive(url: url)
        switch format {
        case .ods: rows = try ODSSheetRows(archive: archive, sheet: sheet)
        default: rows = try XLSXSheetRows(archive: archive, sheet: sheet)
        }
        if let header = try rows.next() {
            headerNumber = header.number
            var labels = Self.texts(header, width: 0)
            while labels.last?.isEmpty == true { labels.removeLast() }
            self.labels = labels
        }
    }

    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        guard let row = try rows.next() else { return nil }
        var cells = Self.texts(row, width: labels.count)
        for (column, cell) in row.cells where column < labels.count {
            guard let repaired = SheetRepair.repair(cell, label: labels[column]) else { continue }
            cells[column] = repaired.text
            issues.append(
                ValidationIssue(
                    type: IssueCode.celluleReparee.rawValue, severity: .warning, rowNumber: row.number,
                    fieldName: labels[column], fieldNumber: column + 1, cell: cell.text,
                    note: "réparée : \(repaired.text)",
                    message: "Ligne \(row.number), colonne « \(labels[column]) » : \(repaired.why) ; « \(cell.text) » est lu « \(repaired.text) ». Dans le tableur, mettez la colonne au format Texte.",
                    suggestion: repaired.text))
        }
        if !rows.merges.isEmpty { fillMerged(&cells, row: row.number) }
        return SourceRow(number: row.number, cells: cells.map { Optional($0) })
    }

    public mutating func takeIssues() -> [ValidationIssue] {
        defer { issues = [] }
        return issues
    }

    /// The row's texts by column, at least `width` of them.
    private static func texts(_ row: SheetRow, width: Int) -> [String] {
        let last = row.cells.last.map { $0.column + 1 } ?? 0
        var texts = [String](repeating: "", count: max(width, last))
        for (column, cell) in row.cells { texts[column] = cell.text }
        return texts
    }

    /// Gives each empty cell of a merged rectangle the rectangle's value (its first cell's).
    private mutating func fillMerged(_ cells: inout [String], row: Int) {
        for (index, merge) in rows.merges.enumerated() where merge.rows.contains(row) && merge.rows.lowerBound > headerNumber {
            if row == merge.rows.lowerBound {
                guard merge.columns.lowerBound < cells.count else { continue }
                let value = cells[merge.columns.lowerBound]
                guard !value.isEmpty else { continue }
                mergeValues[index] = value
                let first = Self.reference(row: merge.rows.lowerBound, column: merge.columns.lowerBound)
                let last = Self.reference(row: merge.rows.upperBound, column: merge.columns.upperBound)
                issues.append(
                    ValidationIssue(
                        type: IssueCode.cellulesFusionnees.rawValue, severity: .warning, rowNumber: row,
                        fieldName: merge.columns.lowerBound < labels.count ? labels[merge.columns.lowerBound] : nil,
                        fieldNumber: merge.columns.lowerBound + 1, cell: value, note: "\(first):\(last)",
                        message: "Ligne \(row) : les cellules \(first) à \(last) sont fusionnées ; leur valeur « \(value) » est reprise dans chacune. Défusionnez-les dans le tableur si ce n'est pas voulu."))
            }
            guard let value = mergeValues[index] else { continue }
            for column in merge.columns {
                if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
                if cells[column].isEmpty { cells[column] = value }
            }
        }
    }

    /// `B12` for row 12, column 1.
    static func reference(row: Int, column: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return "\(letters)\(row)"
    }
}
