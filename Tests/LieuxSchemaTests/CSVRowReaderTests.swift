import Foundation
import Testing

@testable import LieuxSchema

/// Expected rows were checked against Python's `csv` module, which frictionless reads CSV with:
/// `list(csv.reader(io.StringIO(bytes.decode("utf-8-sig"), newline="")))` (Python 3.11).
@Suite("CSVRowReader")
struct CSVRowReaderTests {
    /// What reading a source to its end gave: the labels, the delimiter, the rows, the error that stopped it.
    struct Reading {
        var labels: [String] = []
        var delimiter: UInt8 = 0
        var rows: [SourceRow] = []
        var error: SourceError?

        /// The cells of every row, for comparisons with Python's `csv` output.
        var records: [[String]] { rows.map { $0.cells.map { $0 ?? "<nil>" } } }
    }

    static func read(_ reader: inout CSVRowReader) -> Reading {
        var reading = Reading(labels: reader.labels, delimiter: reader.delimiter)
        do {
            while let row = try reader.nextRow() {
                reading.rows.append(row)
            }
        } catch {
            reading.error = error
        }
        return reading
    }

    /// Reads `bytes` in chunks of `chunkSize`; an error thrown while reading the header is in `error`.
    static func read(bytes: [UInt8], chunkSize: Int = 256 << 10) -> Reading {
        do {
            var reader = try CSVRowReader(source: .memory(Data(bytes), offset: 0), chunkSize: chunkSize)
            return read(&reader)
        } catch {
            return Reading(error: error)
        }
    }

    static func read(_ text: String, chunkSize: Int = 256 << 10) -> Reading {
        read(bytes: Array(text.utf8), chunkSize: chunkSize)
    }

    /// Writes `bytes` to a fresh temporary file and returns its URL.
    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    // MARK: - Encoding and byte order mark

    @Test("a UTF-8 byte order mark is skipped, and reading without one gives the same rows")
    func byteOrderMark() {
        let text = "nom,commune\nMédiathèque,Angoulême\n"
        let plain = Self.read(text)
        let marked = Self.read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(plain.error == nil)
        #expect(marked.error == nil)
        #expect(plain.labels == ["nom", "commune"])
        #expect(marked.labels == ["nom", "commune"])
        #expect(marked.rows == plain.rows)
        #expect(plain.rows == [SourceRow(number: 2, cells: ["Médiathèque", "Angoulême"])])
    }

    @Test(
        "bytes that are not UTF-8 stop reading with an encoding error on the right row",
        arguments: [
            // Latin-1 « é » (0xE9) in the header, in the first record, in a later one.
            (Array("nom,ville\n".utf8) + [0x4D, 0xE9, 0x64] + Array(",x\n".utf8), 2),
            ([0x6E, 0x6F, 0xE9] + Array(",ville\na,b\n".utf8), 1),
            (Array("a,b\n1,2\n\n3,\"".utf8) + [0xE9] + Array("\"\n".utf8), 4),
            // After a record spanning three lines: rows count records, not lines.
            (Array("a,b\n\"x\ny\nz\",1\n2,".utf8) + [0xE9], 3),
            // Windows-1252 « œ » (0x9C), a truncated sequence at the very end, an overlong « / ».
            (Array("a,b\n1,c".utf8) + [0x9C, 0x75, 0x72], 2),
            (Array("a,b\n1,2\n3,".utf8) + [0xC3], 3),
            (Array("a,b\n1,".utf8) + [0xC0, 0xAF], 2),
        ] as [([UInt8], Int)])
    func notUTF8(bytes: [UInt8], row: Int) {
        for chunkSize in [1, 2, 3, 7, 4096] {
            let reading = Self.read(bytes: bytes, chunkSize: chunkSize)
            #expect(reading.error?.code == .encoding, "chunk size \(chunkSize)")
            #expect(reading.error?.rowNumber == row, "chunk size \(chunkSize)")
            #expect(reading.rows.count == max(0, row - 2), "the rows before the error stay, chunk size \(chunkSize)")
        }
    }

    @Test("the rows read before an encoding error are kept, and the error says what to do")
    func rowsBeforeEncodingError() {
        let reading = Self.read(bytes: Array("a,b\n1,2\n3,4\n5,".utf8) + [0xE9] + Array("\n6,7\n".utf8))
        #expect(reading.rows == [SourceRow(number: 2, cells: ["1", "2"]), SourceRow(number: 3, cells: ["3", "4"])])
        #expect(reading.error?.code == .encoding)
        #expect(reading.error?.rowNumber == 4)
        #expect(reading.error?.message.contains("UTF-8") == true)
    }

    @Test(
        "a UTF-16 file is an encoding error on the header",
        arguments: [[0xFF, 0xFE] + Array("a\0,\0b\0".utf8), [0xFE, 0xFF] + Array("\0a\0,\0b".utf8), [0xFF, 0xFE]] as [[UInt8]])
    func utf16(bytes: [UInt8]) {
        for chunkSize in [1, 4096] {
            let reading = Self.read(bytes: bytes, chunkSize: chunkSize)
            #expect(reading.error?.code == .encoding)
            #expect(reading.error?.rowNumber == 1)
            #expect(reading.error?.message.contains("UTF-16") == true)
        }
    }

    // MARK: - Delimiter

    @Test(
        "the delimiter is the one the header uses most, outside quotes; a tie or none means a comma",
        arguments: [
            ("id,nom,commune\n1,a;b,c\n", ","),
            ("id;nom;commune\n1;a,b;c\n", ";"),
            ("id\tnom\tcommune\n1\ta,b\tc\n", "\t"),
            // `;` inside quotes do not count: three of them against two commas.
            ("id,\"nom;du;lieu;x\",note\n1,2,3\n", ","),
            ("id;\"nom,du,lieu,x\";note\n1;2;3\n", ";"),
            // A quoted `""` does not end the quotes.
            ("id,\"a\"\";b;c;d\",e\n", ","),
            // Only the first line counts, even when later ones hold more of the other.
            ("id;nom\n1,2,3,4,5\n", ";"),
            ("a;b,c\n", ","),
            ("a\n1\n", ","),
            ("a;b\rc,d,e\r", ";"),
            ("a;b\r\nc,d,e\r\n", ";"),
            ("\u{FEFF}a;b;c,d\n", ";"),
            // The first record, not the first line: a quoted newline in the header.
            ("\"x\ny\",a;b;c\n1;2;3;4\n", ";"),
            ("\"x;y\nz;w;v\",a,b\n1,2,3\n", ","),
            // A tie between `;` and a tab goes to `;`, whatever the order they come in.
            ("a;b\tc\n", ";"),
            ("a\tb;c\n", ";"),
            ("a\tb;c\td\n", "\t"),
        ] as [(String, String)])
    func delimiter(text: String, expected: String) {
        for chunkSize in Array(1...9) + [4096] {
            let reading = Self.read(text, chunkSize: chunkSize)
            #expect(reading.error == nil)
            #expect(reading.delimiter == UInt8(ascii: Unicode.Scalar(expected)!), "chunk size \(chunkSize)")
        }
    }

    @Test("a header with a quoted newline is one record, its labels read whole")
    func headerWithQuotedNewline() {
        for chunkSize in [1, 2, 3, 4096] {
            let reading = Self.read("\"x\ny\";a;b\n1;2;3\n", chunkSize: chunkSize)
            #expect(reading.labels == ["x\ny", "a", "b"], "chunk size \(chunkSize)")
            #expect(reading.rows == [SourceRow(number: 2, cells: ["1", "2", "3"])], "chunk size \(chunkSize)")
        }
    }

    @Test("a `;` file is split on `;` only, a comma stays inside its cell")
    func semicolonFile() {
        let reading = Self.read("id;nom;adresse\n1;Médiathèque, annexe;\"3; rue Haute\"\n")
        #expect(reading.labels == ["id", "nom", "adresse"])
        #expect(reading.records == [["1", "Médiathèque, annexe", "3; rue Haute"]])
    }

    // MARK: - Records

    @Test(
        "LF, CRLF and lone CR line ends give the same records",
        arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) {
        let text = ["id,nom", "1,a", "2,b", "3,"].joined(separator: end) + end
        let reading = Self.read(text)
        #expect(reading.error == nil)
        #expect(reading.labels == ["id", "nom"])
        #expect(
            reading.rows == [
                SourceRow(number: 2, cells: ["1", "a"]), SourceRow(number: 3, cells: ["2", "b"]),
                SourceRow(number: 4, cells: ["3", ""]),
            ])
    }

    @Test(
        "cells are read as Python's csv module reads them",
        arguments: [
            // Doubled quotes, an empty quoted cell, quotes in a cell that does not start with one.
            ("\"dit \"\"La Source\"\"\",\"\"\"\",\"\"\"\"\"\"", [#"dit "La Source""#, #"""#, #""""#]),
            (#"ab"cd,x"y"#, [#"ab"cd"#, #"x"y"#]),
            // Text after a closing quote is kept, a later quote included.
            (#""ab"cd,"a"b"c,"ab" ,z"#, ["abcd", #"ab"c"#, "ab ", "z"]),
            // A space before the opening quote makes the quotes ordinary characters.
            (#" "a",b"#, [#" "a""#, "b"]),
            // A trailing delimiter gives a final empty cell; an empty cell between two.
            ("a,b,", ["a", "b", ""]),
            (",,", ["", "", ""]),
            ("\"\"", [""]),
            // Newlines inside quotes are kept as they are.
            ("\"l1\nl2\r\nl3\rl4\",x", ["l1\nl2\r\nl3\rl4", "x"]),
        ] as [(String, [String])])
    func cells(line: String, expected: [String]) {
        let reading = Self.read("h\n" + line + "\n")
        #expect(reading.error == nil)
        #expect(reading.records == [expected])
    }

    @Test("a record spanning several lines is one row: row numbers count records, not lines")
    func multiLineRecord() {
        let reading = Self.read("id,description\n1,\"sur\ntrois\r\nlignes\"\n2,x\n")
        #expect(
            reading.rows == [
                SourceRow(number: 2, cells: ["1", "sur\ntrois\r\nlignes"]),
                SourceRow(number: 3, cells: ["2", "x"]),
            ])
    }

    @Test(
        "an empty line is a record without cells, and it counts as a row",
        arguments: ["\n", "\r\n", "\r"])
    func emptyLine(end: String) {
        let reading = Self.read("a,b" + end + "1,2" + end + end + "3,4" + end + end)
        #expect(
            reading.rows == [
                SourceRow(number: 2, cells: ["1", "2"]), SourceRow(number: 3, cells: []),
                SourceRow(number: 4, cells: ["3", "4"]), SourceRow(number: 5, cells: []),
            ])
    }

    @Test(
        "the last record needs no final newline",
        arguments: [("a,b\n1,2", ["1", "2"]), ("a,b\n1,", ["1", ""]), ("a,b\n1,\"x\"", ["1", "x"]), ("a,b\n\"\"", [""])]
            as [(String, [String])])
    func lastRecordWithoutNewline(text: String, expected: [String]) {
        for chunkSize in [1, 2, 4096] {
            let reading = Self.read(text, chunkSize: chunkSize)
            #expect(reading.error == nil)
            #expect(reading.rows == [SourceRow(number: 2, cells: expected)], "chunk size \(chunkSize)")
        }
    }

    @Test(
        "an unclosed quote at the end of the file makes the rest of the file its cell",
        arguments: [
            ("a,b\n1,\"x,y\n2,z\n", ["1", "x,y\n2,z\n"]),
            ("a,b\n1,\"x\"\"y", ["1", #"x"y"#]),
            ("a,b\n\"", [""]),
            ("a,b\n\"\"\"\"", [#"""#]),
        ] as [(String, [String])])
    func unclosedQuote(text: String, expected: [String]) {
        for chunkSize in [1, 3, 4096] {
            let reading = Self.read(text, chunkSize: chunkSize)
            #expect(reading.error == nil)
            #expect(reading.rows == [SourceRow(number: 2, cells: expected)], "chunk size \(chunkSize)")
        }
    }

    @Test(
        "an empty file has no labels and no rows, nor has a file holding only a byte order mark",
        arguments: [[], [0xEF, 0xBB, 0xBF]] as [[UInt8]])
    func emptyFile(bytes: [UInt8]) throws {
        let reading = Self.read(bytes: bytes)
        #expect(reading.error == nil)
        #expect(reading.labels.isEmpty)
        #expect(reading.rows.isEmpty)

        let url = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVRowReader(url: url)
        #expect(reader.labels.isEmpty)
        #expect(try reader.nextRow() == nil)
    }

    @Test("a header alone gives labels and no rows", arguments: ["a,b", "a,b\n", "a,b\r\n"])
    func headerOnly(text: String) {
        let reading = Self.read(text)
        #expect(reading.error == nil)
        #expect(reading.labels == ["a", "b"])
        #expect(reading.rows.isEmpty)
    }

    // MARK: - Chunk boundaries

    /// Every case above in one file: byte order mark, quoted `;` in a `,` header, LF, CRLF and
    /// lone CR ends, `""`, quoted newlines, text after a closing quote, empty lines, multi-byte
    /// characters, trailing delimiters and an unclosed quote at the end.
    static let chunkSample: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
        ("id,\"nom;du;lieu;x\",note,vide\r\n"
            + "1,Médiathèque,\"dit \"\"La Source\"\"\",\r\n"
            + "2,\"sur\ndeux lignes\",\"et\r\ntrois\rlignes\",x\n"
            + "\n"
            + "3,\"ab\"cd,\"a\"b\"c,ab\"cd\r"
            + "\r\n"
            + "4,« é »,😀,\"\"\r"
            + "5,,,\n"
            + "6,\"\"\"\",\"\"\"\"\"\",\" \"\" \",z\r\n"
            + "7,\"fin sans guillemet fermant,\r\nsuite\"\"\n").utf8)

    /// Python's `csv.reader` on `chunkSample`, with frictionless' row numbers (header = 1).
    static let chunkSampleRows = [
        SourceRow(number: 2, cells: ["1", "Médiathèque", #"dit "La Source""#, ""]),
        SourceRow(number: 3, cells: ["2", "sur\ndeux lignes", "et\r\ntrois\rlignes", "x"]),
        SourceRow(number: 4, cells: []),
        SourceRow(number: 5, cells: ["3", "abcd", #"ab"c"#, #"ab"cd"#]),
        SourceRow(number: 6, cells: []),
        SourceRow(number: 7, cells: ["4", "« é »", "😀", ""]),
        SourceRow(number: 8, cells: ["5", "", "", ""]),
        SourceRow(number: 9, cells: ["6", #"""#, #""""#, #" " "#, "z"]),
        SourceRow(number: 10, cells: ["7", "fin sans guillemet fermant,\r\nsuite\"\n"]),
    ]

    @Test("the same rows whatever the chunk size, CRLF and `\"\"` split across chunks included", arguments: Array(1...17) + [4096])
    func chunkBoundaries(chunkSize: Int) {
        let reading = Self.read(bytes: Self.chunkSample, chunkSize: chunkSize)
        #expect(reading.error == nil)
        #expect(reading.delimiter == UInt8(ascii: ","))
        #expect(reading.labels == ["id", "nom;du;lieu;x", "note", "vide"])
        #expect(reading.rows == Self.chunkSampleRows)
    }

    @Test("a file read in chunks gives the same rows as its bytes in memory", arguments: [1, 3, 256 << 10])
    func fileAndMemory(chunkSize: Int) throws {
        let url = try Self.temporaryFile(Self.chunkSample)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVRowReader(source: ByteSource.open(url), chunkSize: chunkSize)
        let reading = Self.read(&reader)
        #expect(reading.error == nil)
        #expect(reading.labels == ["id", "nom;du;lieu;x", "note", "vide"])
        #expect(reading.rows == Self.chunkSampleRows)

        var publicReader = try CSVRowReader(url: url)
        #expect(Self.read(&publicReader).rows == Self.chunkSampleRows)
    }

    @Test("bytes in a slice of a larger Data are read from the slice's start")
    func dataSlice() throws {
        let whole = Data(Array("garbage".utf8) + Array("a,b\n1,2\n".utf8))
        var reader = try CSVRowReader(data: whole[7...])
        #expect(reader.labels == ["a", "b"])
        #expect(try reader.nextRow() == SourceRow(number: 2, cells: ["1", "2"]))
        #expect(try reader.nextRow() == nil)
    }

    // MARK: - Files

    @Test("a file that does not exist, or a folder, cannot be read: an I/O error")
    func missingFile() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-absent-\(UUID().uuidString).csv")
        #expect(throws: SourceError.self) { try CSVRowReader(url: missing) }
        do {
            _ = try CSVRowReader(url: missing)
        } catch {
            #expect(error.code == .io)
            #expect(error.message.contains(missing.path))
        }
        do {
            _ = try CSVRowReader(url: FileManager.default.temporaryDirectory)
            Issue.record("a folder was read as a CSV file")
        } catch {
            #expect(error.code == .io)
        }
    }
}

@Suite("UTF8Bytes")
struct UTF8BytesTests {
    @Test("accepts and rejects exactly what String(validating:as:) does, on edge cases and random bytes")
    func sameAsTheStandardLibrary() {
        var cases: [[UInt8]] = [
            [], Array("Médiathèque €𝄞 ok".utf8), [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE9], Array("abcdefgh".utf8) + [0xE9],
            Array("abcdefghijklmnop".utf8) + [0xC3], [0xC3, 0xA9, 0x41],
        ]
        var random = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 12)
            // Mostly bytes that make sequences: ASCII, lead bytes and continuation bytes.
            let pool: [UInt8] = [0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xC0]
            cases.append((0..<length).map { _ in pool[Int(random.next() % UInt64(pool.count))] })
        }
        var mismatches = 0
        var valid = 0
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self)
            let found = bytes.withUnsafeBufferPointer { UTF8Bytes.string($0) }
            if expected != found || (expected.map { Array($0.utf8) != bytes } ?? false) { mismatches += 1 }
            if expected != nil { valid += 1 }
        }
        #expect(mismatches == 0)
        #expect(valid > 100 && valid < cases.count - 100)  // both kinds were tried
    }
}
