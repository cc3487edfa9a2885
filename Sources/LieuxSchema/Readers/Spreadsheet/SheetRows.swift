/// One row of a sheet: its number in the sheet (from 1) and its cells that hold something,
/// by column (from 0), in order.
struct SheetRow {
    var number: Int
    var cells: [(column: Int, cell: SheetCell)]
}

/// A rectangle of merged cells, by row numbers and columns (from 0).
struct MergedCells: Equatable {
    var rows: ClosedRange<Int>
    var columns: ClosedRange<Int>
}

/// The rows of one sheet of a workbook, streamed.
protocol SheetRows {
    /// The next row holding at least one cell, or `nil` at the end of the sheet.
    mutating func next() throws(SourceError) -> SheetRow?
    /// The merged rectangles known so far (all of them for `.xlsx`, read before the rows;
    /// those of the rows read so far for `.ods`).
    var merges: [MergedCells] { get }
}

/// The most columns and rows a sheet may have (Excel's own limits): beyond, the file is taken
/// for damaged or hostile.
enum SheetLimits {
    static let columns = 16_384
    static let rows = 1_048_576
}

extension SourceError {
    static func sheetTooLarge(_ what: String) -> SourceError {
        SourceError(
            code: .format,
            message: "\(what) dépasse les limites d'un tableur (\(SheetLimits.rows) lignes, \(SheetLimits.columns) colonnes) : le classeur est endommagé.")
    }
}
