import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

@Suite("CSV files as people save them: Windows-1252, ISO-8859-1, UTF-8")
struct EncodingTests {
    static let header = "id,nom,commune,adresse\n"
    static let text = header + "1,Médiathèque de l’Œuvre — €,Besançon,2 rue de l'Église\n2,Café numérique « à côté »,Évry,Place Noël\n"

    static func cells(_ data: Data, _ encoding: TextEncodingChoice) throws -> (rows: [[String?]], issues: [ValidationIssue], labels: [String]) {
        var reader = try CSVRowReader(data: data, encoding: encoding)
        var rows: [[String?]] = []
        var issues = reader.takeIssues()
        while let row = try reader.nextRow() {
            rows.append(row.cells)
            issues += reader.takeIssues()
        }
        return (rows, issues, reader.labels)
    }

    static func cp1252(_ text: String) -> Data { text.data(using: .windowsCP1252)! }

    @Test("a Windows-1252 file is detected and read letter for letter, with one warning")
    func windows1252() throws {
        let (rows, issues, labels) = try Self.cells(Self.cp1252(Self.text), .auto)
        let (expected, none, _) = try Self.cells(Data(Self.text.utf8), .auto)
        #expect(labels == ["id", "nom", "commune", "adresse"])
        #expect(rows == expected)
        #expect(rows[0][1] == "Médiathèque de l’Œuvre — €")
        #expect(none.isEmpty)
        #expect(issues.count == 1)
        #expect(issues.first?.type == IssueCode.encodageNonUtf8.rawValue && issues.first?.severity == .warning)
        #expect(issues.first?.message.contains("Windows-1252 (détecté") == true)
    }

    @Test("--encodage: ISO-8859-1 reads 0x80–0x9F as control characters, Windows-1252 as letters; utf-8 keeps today's error")
    func chosen() throws {
        let bytes = Data([0x69, 0x64, 0x0A, 0x80, 0xE9, 0x0A])  // "id\n" then 0x80 0xE9
        #expect(try Self.cells(bytes, .latin1).rows == [["\u{80}é"]])
        #expect(try Self.cells(bytes, .windows1252).rows == [["€é"]])
        #expect(try Self.cells(bytes, .windows1252).issues.first?.message.contains("choisi avec --encodage") == true)
        #expect(throws: SourceError.self) { _ = try Self.cells(bytes, .utf8) }
    }

    @Test("a UTF-8 file without a byte-order mark is never read as Windows-1252, even cut anywhere")
    func utf8() throws {
        let data = Data(Self.text.utf8)
        let (rows, issues, _) = try Self.cells(data, .auto)
        #expect(issues.isEmpty)
        #expect(rows[1][1] == "Café numérique « à côté »")
        // Chunks cut inside a letter's bytes: still UTF-8.
        for cut in 1..<data.count {
            var detection = EncodingDetection()
            detection.add(data.prefix(cut))
            detection.add(data.dropFirst(cut))
            detection.finish()
            #expect(detection.eightBit == nil, "cut at \(cut)")
        }
    }

    @Test("UTF-16, with or without its mark, and binary bytes are never read as Windows-1252")
    func utf16() throws {
        let text = "id,nom\n1,Médiathèque\n"
        for data in [text.data(using: .utf16)!, text.data(using: .utf16LittleEndian)!, Data([0x69, 0x64, 0x0A, 0x00, 0xE9, 0x0A])] {
            #expect(EncodingDetection.scan(data).eightBit == nil)
        }
        let error = #expect(throws: SourceError.self) { _ = try Self.cells(text.data(using: .utf16)!, .auto) }
        #expect(error?.message.contains("UTF-16") == true)
        // An ASCII file with one byte that is not UTF-8: Windows-1252, certainly.
        #expect(EncodingDetection.scan(Data([0x69, 0x64, 0x0A, 0x78, 0xC3, 0x28, 0x0A])).eightBit == .windows1252)
    }

    @Test("a file mixing UTF-8 and Windows-1252 is not guessed: an encoding-error, as before")
    func mixed() throws {
        var data = Data(Self.text.utf8)
        data.append(Self.cp1252("3,Forêt,Brive,rue\n"))
        #expect(EncodingDetection.scan(data).eightBit == nil)
        #expect(throws: SourceError.self) { _ = try Self.cells(data, .auto) }
    }

    @Test("a large Windows-1252 file gives the report of its UTF-8 copy, the warning aside")
    func largeFile() throws {
        var text = "id,nom,commune,code_postal,adresse,source,date_maj,services\n"
        for i in 0..<3000 {
            text += "lieu-\(i),Médiathèque n° \(i % 7 == 0 ? "" : "\(i)"),Besançon,25000,2 rue de l'Église,région,2024-03-0\(i % 9 + 1),Aide aux démarches administratives\n"
        }
        let directory = FileManager.default.temporaryDirectory
        let utf8 = directory.appendingPathComponent("lieux-utf8-\(UUID().uuidString).csv")
        let latin = directory.appendingPathComponent("lieux-1252-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: utf8)
        try Self.cp1252(text).write(to: latin)
        defer {
            try? FileManager.default.removeItem(at: utf8)
            try? FileManager.default.removeItem(at: latin)
        }
        var options = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)
        options.pieceBytes = 4096
        options.workers = 2
        let validator = Validator(version: .v1_0_2, options: options)
        let a = try validator.validate(fileAt: utf8, place: "f.csv")
        let b = try validator.validate(fileAt: latin, place: "f.csv")
        #expect(a.errors == b.errors)
        #expect(!a.errors.isEmpty)
        #expect(b.warnings.filter { $0.type != IssueCode.encodageNonUtf8.rawValue } == a.warnings)
        #expect(b.warnings.filter { $0.type == IssueCode.encodageNonUtf8.rawValue }.count == 1)
    }
}
