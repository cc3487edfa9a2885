/// A streaming source of rows: one record at a time, never the whole file in memory.
public protocol RowReader {
    /// The format of the source, for reports.
    var format: SourceFormat { get }
    /// Column labels in source order. For a CSV file, the header row. For a JSON array of
    /// objects, the keys seen so far, in order of first appearance: it grows while reading.
    var labels: [String] { get }
    /// The next record, or `nil` at the end of the source.
    ///
    /// Throws ``SourceError`` when the bytes cannot be read any further (not UTF-8,
    /// broken JSON): the rows returned before stay valid.
    mutating func nextRow() throws(SourceError) -> SourceRow?

    /// Issues the reader found itself since the last call (a migrating reader's warnings
    /// about values without a mapping); the validator adds them to its report.
    mutating func takeIssues() -> [ValidationIssue]
}

extension RowReader {
    public mutating func takeIssues() -> [ValidationIssue] { [] }
}

/// The formats Lieux reads venue files from.
public enum SourceFormat: String, Sendable, CaseIterable, Codable {
    case csv
    case json
    /// An Excel workbook (Office Open XML).
    case xlsx
    /// A LibreOffice workbook (OpenDocument spreadsheet).
    case ods

    /// Guesses the format from a file name's extension (`.json`, `.xlsx`, `.ods`; anything
    /// else is CSV).
    public init(fileName: String) {
        let name = fileName.lowercased()
        if name.hasSuffix(".json") {
            self = .json
        } else if name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm") {
            self = .xlsx
        } else if name.hasSuffix(".ods") {
            self = .ods
        } else {
            self = .csv
        }
    }

    /// Whether the format is a workbook of sheets.
    public var isSpreadsheet: Bool { self == .xlsx || self == .ods }
}
