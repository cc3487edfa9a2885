import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

/// A CSV file validated in pieces on several threads gives the report of one thread, byte
/// for byte (but the time it took).
@Suite("Validator: a file cut into pieces")
struct PieceValidationTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    /// The JSON of a report, its seconds set to 0.
    static func json(_ report: TaskReport) throws -> String {
        var report = report
        report.stats.seconds = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// Validates `url` on one thread, then in pieces of `pieceBytes` on `workers` threads, and
    /// expects the same report; returns it.
    @discardableResult
    static func expectSameReport(
        _ url: URL, pieceBytes: Int, workers: Int = 2, listLimit: Int = 1000, version: SchemaVersion? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TaskReport {
        var options = ValidationOptions(listLimit: listLimit, today: today)
        options.workers = 1
        let oneThread = try Validator(version: version, options: options).validate(fileAt: url, place: "f.csv")
        options.workers = workers
        options.pieceBytes = pieceBytes
        let pieces = try #require(
            try Validator(version: version, options: options).validateInPieces(fileAt: url, place: "f.csv"),
            "the file was not cut into pieces", sourceLocation: sourceLocation)
        #expect(try json(pieces) == json(oneThread), sourceLocation: sourceLocation)
        return pieces
    }

    static func write(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-pieces-\(UUID().uuidString).csv")
        try data.write(to: url)
        return url
    }

    /// 3,000 rows with what makes cutting hard: duplicate ids and pivots far apart, quoted
    /// cells holding line ends and quotes, a quote inside an unquoted cell, empty lines,
    /// rows with a cell too many or too few, errors and warnings of every kind.
    static func hardRows(lineEnd: String) -> Data {
        var lines = [StandardCSV.labels.joined(separator: ",")]
        for n in 1...3_000 {
            var row = StandardCSV.row(["id": "lieu-\(n)", "nom": "Lieu \(n)"])
            switch n % 17 {
            case 0: row[0] = "lieu-\(max(1, n - 1_234))"  // an id seen 1,234 rows earlier
            case 1: row[2] = "\"Le \"\"Cyber\"\" de la gare\r\nsecond line\nthird\""
            case 2: row[2] = "Chez \"Marie\" et Paul"
            case 3: lines.append("")
            case 4: row.append("en trop")
            case 5: row.removeLast(3)
            case 6: row[8] = "91.5"  // latitude beyond its maximum
            case 7: row[14] = "Lu-Ve 9h-12h"  // opening hours in French: a warning
            case 8: row[1] = "00000000000000"  // a placeholder pivot: a warning
            case 9: row[0] = "lieu-7"  // the same id again and again
            case 10: row[21] = "\"Aide aux démarches administratives|Inconnu\""
            default: break
            }
            lines.append(row.joined(separator: ","))
        }
        return Data((lines.joined(separator: lineEnd) + lineEnd).utf8)
    }

    @Test("the same report for pieces of every size and line ends LF, CRLF and CR", arguments: ["\n", "\r\n", "\r"])
    func hardFile(lineEnd: String) throws {
        let url = try Self.write(Self.hardRows(lineEnd: lineEnd))
        defer { try? FileManager.default.removeItem(at: url) }
        for pieceBytes in [97, 1_000, 20_000, 300_000] {
            let report = try Self.expectSameReport(url, pieceBytes: lineEnd == "\r" ? 97 : pieceBytes, workers: 3)
            #expect(report.stats.errors > 1_000)
            #expect(report.partial)
        }
        // A small list limit: the first issues are listed, the rest counted.
        try Self.expectSameReport(url, pieceBytes: 1_000, listLimit: 5)
        try Self.expectSameReport(url, pieceBytes: 1_000, listLimit: 0)
    }

    @Test("a duplicate id in another piece names the first row, as on one thread")
    func duplicateAcrossPieces() throws {
        var rows = (1...2_000).map { StandardCSV.row(["id": "lieu-\($0)"]) }
        rows[1_900][0] = "lieu-2"
        let url = try Self.write(StandardCSV.csv(rows))
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try Self.expectSameReport(url, pieceBytes: 4_096)
        let duplicates = report.errors.filter { $0.type == "unique-error" || $0.type == "primary-key" }
        #expect(duplicates.count == 2)
        #expect(duplicates.allSatisfy { $0.rowNumber == 1_902 && $0.note == "the same as in the row at position 3" })
        #expect(report.stats.validRows == 1_999)
    }

    @Test("bytes that are not UTF-8 stop the reading at their row, and the pieces after them count for nothing")
    func encodingError() throws {
        var data = StandardCSV.csv((1...3_000).map { StandardCSV.row(["id": "lieu-\($0)"]) })
        let at = try #require(data.range(of: Data("lieu-2000,".utf8)))
        data[at.upperBound + 2] = 0xE9  // « é » in Latin-1
        let url = try Self.write(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try Self.expectSameReport(url, pieceBytes: 10_000)
        #expect(report.failure?.code == "encoding-error")
        #expect(report.failure?.rowNumber == 2_001)
        #expect(report.stats.rows == 1_999)
    }

    @Test("a quote never closed: the record too long is reported where one thread reports it")
    func unclosedQuote() throws {
        var data = StandardCSV.csv((1...500).map { StandardCSV.row(["id": "lieu-\($0)"]) })
        data.append(Data("\"lieu-501,".utf8))
        let filler = Data(StandardCSV.csv([StandardCSV.row()]).dropFirst(StandardCSV.labels.joined(separator: ",").utf8.count + 1))
        while data.count < Validator.longestPiece + 2 * filler.count { data.append(filler) }
        let url = try Self.write(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try Self.expectSameReport(url, pieceBytes: 64_000)
        #expect(report.failure?.code == "format-error")
        #expect(report.failure?.rowNumber == 502)
        #expect(report.stats.rows == 500)
    }

    @Test("a small file and a single worker are read on one thread")
    func smallFile() throws {
        let url = try Self.write(StandardCSV.csv([StandardCSV.row()]))
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ValidationOptions(today: Self.today)
        options.pieceBytes = 1 << 20
        #expect(try Validator(options: options).validateInPieces(fileAt: url, place: "f.csv") == nil)
        options.pieceBytes = 100
        options.workers = 1
        #expect(try Validator(options: options).validateInPieces(fileAt: url, place: "f.csv") == nil)
    }

    @Test("the scanner counts the records the reader reads, and cuts only after an LF")
    func scanner() throws {
        let text = "a,b\n\"x\ny\",\"q\"\"\r\n\"\r\n\n1,2\r3,\"4\"z\n5"
        var reader = try CSVRowReader(data: Data(text.utf8))
        var records = 1
        while try reader.nextRow() != nil { records += 1 }
        var scanner = CSVRecordScanner(delimiter: UInt8(ascii: ","))
        var cuts: [Int] = []
        let bytes = Array(text.utf8)
        // Fed byte by byte: the state carries over from one call to the next.
        for (index, byte) in bytes.enumerated() {
            [byte].withUnsafeBufferPointer { scanner.scan($0) { position, _ in cuts.append(index + position) } }
        }
        #expect(scanner.records + 1 == records)  // the last record has no line end
        #expect(cuts.allSatisfy { bytes[$0 - 1] == UInt8(ascii: "\n") })
        #expect(cuts == [4, 19, 20, 31])
    }
}

@Suite("Validator: real files cut into pieces", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct RealFilePieceTests {
    @Test("every CSV file of ../shared/data gives the same report in pieces")
    func realFiles() throws {
        let root = SharedData.url("")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "csv" }
        #expect(files.count >= 10)
        for file in files {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
            try PieceValidationTests.expectSameReport(file, pieceBytes: max(64, size / 40), listLimit: 100_000)
        }
    }
}
