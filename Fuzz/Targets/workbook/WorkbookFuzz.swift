import FuzzSupport
import Foundation
@testable import LieuxSchema

/// Bytes read as a workbook by `SheetRowReader`, as `lieux validate` reads a `.xlsx` or an
/// `.ods` file: the zip archive, the XML of its parts.
///
/// Properties: reading never crashes and ends (a `SourceError`, or the end of the sheet); row
/// numbers grow; no row is longer than a sheet may be.
@main
enum WorkbookFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = fuzzInput(start, count)
    // An OpenDocument archive names its type in its first entry, `mimetype`.
    let format: SourceFormat = data.prefix(100).range(of: Data("opendocument".utf8)) != nil ? .ods : .xlsx
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-fuzz-\(getpid()).\(format.rawValue)")
    guard (try? data.write(to: url)) != nil else { return 0 }
    defer { try? FileManager.default.removeItem(at: url) }
    do {
        var reader = try SheetRowReader(url: url, format: format)
        var last = 0
        var rows = 0
        while let row = try reader.nextRow() {
            expect(row.number > last, "numéros de ligne non croissants : \(last) puis \(row.number)")
            expect(row.cells.count <= SheetLimits.columns, "une ligne de \(row.cells.count) cellules")
            last = row.number
            rows += 1
            _ = reader.takeIssues()
            if rows > 100_000 { break }
        }
    } catch {
        expect(!error.message.isEmpty, "une erreur sans message")
    }
    return 0
}
