import Foundation
import Testing

@testable import LieuxSchema

@Suite("JSONRowReader")
struct JSONRowReaderTests {
    /// What reading a source to its end gave: the labels at the end, the rows, the error that stopped it.
    struct Reading {
        var labels: [String] = []
        var rows: [SourceRow] = []
        var error: SourceError?
    }

    static func read(_ reader: inout JSONRowReader) -> Reading {
        var reading = Reading()
        do {
            while let row = try reader.nextRow() {
                reading.rows.append(row)
            }
        } catch {
            reading.error = error
        }
        reading.labels = reader.labels
        return reading
    }

    static func read(bytes: [UInt8], chunkSize: Int = JSONScanner.defaultChunkSize, sourceName: String? = nil) -> Reading {
        var reader = JSONRowReader(data: Data(bytes), sourceName: sourceName, chunkSize: chunkSize)
        return read(&reader)
    }

    static func read(_ json: String, chunkSize: Int = JSONScanner.defaultChunkSize) -> Reading {
        read(bytes: Array(json.utf8), chunkSize: chunkSize)
    }

    // MARK: - Values

    @Test(
        "each kind of JSON value becomes the documented cell",
        arguments: [
            (#""Médiathèque""#, "Médiathèque"),
            (#""""#, ""),
            ("45.681367", "45.681367"),
            ("-0.331217", "-0.331217"),
            ("1e3", "1e3"),
            ("-1.50E+07", "-1.50E+07"),
            ("0", "0"),
            ("123456789012345678901234567890", "123456789012345678901234567890"),
            ("1e999999999999", "1e999999999999"),
            ("true", "true"),
            ("false", "false"),
            ("null", nil),
            (#"["Jeunes","Seniors"]"#, "Jeunes|Seniors"),
            (#"[ "Jeunes" , null , "Seniors" ]"#, "Jeunes|Seniors"),
            ("[]", nil),
            ("[null, null]", nil),
            (#"[1, true, false, "a", 2.5]"#, "1|true|false|a|2.5"),
            (#"[["a", "b"], [], [null], "c"]"#, "a|b|c"),
            (#"["", "a"]"#, "|a"),
            (#"[{"x": 1}, "y"]"#, #"{"x":1}|y"#),
            (#"{ "a" : [1, 2.0, null], "b": {}, "c": [], "d": "é\"" }"#, #"{"a":[1,2.0,null],"b":{},"c":[],"d":"é\""}"#),
        ] as [(String, String?)])
    func valueKinds(value: String, expected: String?) {
        let reading = Self.read(#"[{"k": "#+value+"}]")
        #expect(reading.error == nil)
        #expect(reading.labels == ["k"])
        #expect(reading.rows == [SourceRow(number: 2, cells: [expected])])
    }

    @Test(
        "escapes are decoded, surrogate pairs included, a lone surrogate becomes U+FFFD",
        arguments: [
            (#"\"\\\/\b\f\n\r\t"#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#"\u00e9t\u00C9"#, "étÉ"),
            (#"\u0041\u20AC\u0000"#, "A€\u{0}"),
            (#"\ud83d\ude00 \uD83C\uDDEB\uD83C\uDDF7"#, "😀 🇫🇷"),
            (#"a\ud800"#, "a\u{FFFD}"),
            (#"\udc00x"#, "\u{FFFD}x"),
            (#"\ud83d\u0041"#, "\u{FFFD}A"),
            (#"\ud83d\ud83d\ude00"#, "\u{FFFD}😀"),
        ])
    func escapes(escaped: String, expected: String) {
        let reading = Self.read(#"[{"k": ""#+escaped+#""}]"#)
        #expect(reading.error == nil)
        #expect(reading.rows.first?.cells == [expected])
    }

    @Test("a key written with escapes is the same label as the key written plainly")
    func escapedKeys() {
        let reading = Self.read(#"[{"clé": "1", "cl\u00e9": "2", "a\"b": "3"}, {"cl\u00E9": "4", "a\"b": "5"}]"#)
        #expect(reading.error == nil)
        #expect(reading.labels == ["clé", "a\"b"])
        #expect(reading.rows.map(\.cells) == [["2", "3"], ["4", "5"]])
    }

    @Test("a nested object keeps its escapes as written in its compact JSON text")
    func nestedObjectText() {
        let reading = Self.read(#"[{"a": {"k" : "\u00e9 \"x\"", "n": [ true, null ]}}]"#)
        #expect(reading.rows.first?.cells == [#"{"k":"\u00e9 \"x\"","n":[true,null]}"#])
        // What it keeps is JSON that Foundation reads back to the same value.
        let text = reading.rows.first?.cells.first??.data(using: .utf8) ?? Data()
        let object = try? JSONSerialization.jsonObject(with: text) as? [String: Any]
        #expect(object?["k"] as? String == "é \"x\"")
    }

    @Test("a key repeated inside an object keeps its last value, as Python's json does")
    func duplicateKeys() {
        let reading = Self.read(#"[{"a": "1", "b": "2", "a": "3"}, {"a": "4", "a": null}]"#)
        #expect(reading.labels == ["a", "b"])
        #expect(reading.rows.map(\.cells) == [["3", "2"], [nil, nil]])
    }

    // MARK: - Labels and rows

    @Test("keys appearing late extend the labels, earlier rows keep their shorter cells")
    func lateKeys() throws {
        var reader = JSONRowReader(data: Data(#"[{"a": 1, "b": 2}, {"b": 3, "c": 4}, {"c": 5, "a": 6, "d": null}, {}]"#.utf8))
        #expect(reader.labels == [])
        #expect(try reader.nextRow() == SourceRow(number: 2, cells: ["1", "2"]))
        #expect(reader.labels == ["a", "b"])
        #expect(try reader.nextRow() == SourceRow(number: 3, cells: [nil, "3", "4"]))
        #expect(reader.labels == ["a", "b", "c"])
        #expect(try reader.nextRow() == SourceRow(number: 4, cells: ["6", nil, "5", nil]))
        #expect(reader.labels == ["a", "b", "c", "d"])
        #expect(try reader.nextRow() == SourceRow(number: 5, cells: [nil, nil, nil, nil]))
        #expect(try reader.nextRow() == nil)
        #expect(try reader.nextRow() == nil)
        #expect(reader.format == .json)
    }

    @Test("keys in a different order from one object to the next land in the right cells")
    func keyOrderChanges() {
        let reading = Self.read(#"[{"a": 1, "b": 2, "c": 3}, {"c": 4, "b": 5, "a": 6}, {"b": 7, "c": 8}, {"a": 9, "b": 10, "c": 11}]"#)
        #expect(reading.rows.map(\.cells) == [["1", "2", "3"], ["6", "5", "4"], [nil, "7", "8"], ["9", "10", "11"]])
    }

    @Test("a byte order mark at the start is skipped")
    func byteOrderMark() {
        let reading = Self.read(bytes: [0xEF, 0xBB, 0xBF] + Array(#"[{"a": "b"}]"#.utf8))
        #expect(reading.error == nil)
        #expect(reading.labels == ["a"])
        #expect(reading.rows == [SourceRow(number: 2, cells: ["b"])])
    }

    @Test("an empty array has no rows and no labels", arguments: ["[]", " [ ] ", "\n[\n]\n", "\u{FEFF}[]", "\t[\r\n\t]"])
    func emptyArray(json: String) {
        let reading = Self.read(json)
        #expect(reading.error == nil)
        #expect(reading.rows.isEmpty)
        #expect(reading.labels.isEmpty)
    }

    @Test("whitespace is allowed between every token")
    func whitespaceEverywhere() {
        let json = " \t\r\n[ \n {\n \"a\" \t: \r\n \"x\" ,\n\"b\":[ 1 ,\n 2 ] ,\"c\" : { \"d\" : [ ] } } ,{ } \n] \n\t"
        let reading = Self.read(json)
        #expect(reading.error == nil)
        #expect(reading.labels == ["a", "b", "c"])
        #expect(reading.rows.map(\.cells) == [["x", "1|2", #"{"d":[]}"#], [nil, nil, nil]])
    }

    /// Every token kind, multi-byte characters and look-ahead (escapes, surrogate pairs), for chunk boundaries.
    static let chunkSample: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("""
        [
          {"id": "lieu-1", "nom": "Médiathèque d’Angoulême 😀", "latitude": 45.681367, "longitude": -0.331217,
           "publics": ["Jeunes", "Seniors", null], "note": "a\\"b\\\\c\\u00e9\\ud83d\\ude00\\n", "ok": true},
          {"cl\\u00e9": 1e3, "id": "lieu-2", "vide": [], "objet": {"x": [1, {"y": null}], "z": "\\u00e9"}, "ok": false,
           "nom": null},
          {}
        ]
        """.utf8)

    static let chunkSampleLabels = ["id", "nom", "latitude", "longitude", "publics", "note", "ok", "clé", "vide", "objet"]
    static let chunkSampleRows = [
        SourceRow(number: 2, cells: [
            "lieu-1", "Médiathèque d’Angoulême 😀", "45.681367", "-0.331217", "Jeunes|Seniors", "a\"b\\cé😀\n", "true",
        ]),
        SourceRow(number: 3, cells: [
            "lieu-2", nil, nil, nil, nil, nil, "false", "1e3", nil, #"{"x":[1,{"y":null}],"z":"\u00e9"}"#,
        ]),
        SourceRow(number: 4, cells: [String?](repeating: nil, count: 10)),
    ]

    @Test("the same rows whatever the chunk size", arguments: Array(1...17) + [64, 1000, JSONScanner.defaultChunkSize])
    func chunkBoundaries(chunkSize: Int) {
        let reading = Self.read(bytes: Self.chunkSample, chunkSize: chunkSize)
        #expect(reading.error == nil)
        #expect(reading.labels == Self.chunkSampleLabels)
        #expect(reading.rows == Self.chunkSampleRows)
    }

    @Test("a file read in chunks gives the same rows as its bytes in memory", arguments: [3, JSONScanner.defaultChunkSize])
    func fileAndMemory(chunkSize: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-json-\(UUID().uuidString).json")
        try Data(Self.chunkSample).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try JSONRowReader(url: url, chunkSize: chunkSize)
        let reading = Self.read(&reader)
        #expect(reading.error == nil)
        #expect(reading.labels == Self.chunkSampleLabels)
        #expect(reading.rows == Self.chunkSampleRows)
    }

    @Test("bytes in a slice of a larger Data are read from the slice's start")
    func dataSlice() {
        let whole = Data(#"garbage[{"a": "b"}]"#.utf8)
        var reader = JSONRowReader(data: whole[7...], chunkSize: 4)
        let reading = Self.read(&reader)
        #expect(reading.error == nil)
        #expect(reading.rows == [SourceRow(number: 2, cells: ["b"])])
    }

    // MARK: - Errors

    @Test(
        "bytes that are not UTF-8 are an encoding error, with the row being read",
        arguments: [
            (Array(#"[{"a": "x"}, {"a": "caf"#.utf8) + [0xE9] + Array(#""}]"#.utf8), 3),  // Latin-1 é
            (Array(#"[{""#.utf8) + [0xFF] + Array(#"": 1}]"#.utf8), 2),  // in a key
            (Array(#"[{"a": ""#.utf8) + [0xC0, 0xAF] + Array(#""}]"#.utf8), 2),  // overlong
            (Array(#"[{"a": ""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}]"#.utf8), 2),  // surrogate
            (Array(#"[{"a": ""#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#""}]"#.utf8), 2),  // above U+10FFFF
            (Array(#"[{"a": ""#.utf8) + [0xC3] + Array(#""}]"#.utf8), 2),  // missing continuation
            (Array(#"[{"a": ""#.utf8) + [0xE2, 0x82], 2),  // cut at the end of the file
            (Array(#"[{"a": 1}, "#.utf8) + [0xFF], 3),  // between values
            (Array(#"[{"a": {"b": ""#.utf8) + [0xE9] + Array(#""}}]"#.utf8), 2),  // in a nested object
            (Array(#"[{"a": [""#.utf8) + [0xE9] + Array(#""]}]"#.utf8), 2),  // in an array
            ([0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00], 2),  // UTF-16
        ] as [([UInt8], Int)])
    func encodingErrors(bytes: [UInt8], row: Int) {
        for chunkSize in [1, 2, 3, JSONScanner.defaultChunkSize] {
            let reading = Self.read(bytes: bytes, chunkSize: chunkSize, sourceName: "lieux.json")
            #expect(reading.error?.code == .encoding, "chunk size \(chunkSize)")
            #expect(reading.error?.rowNumber == row, "chunk size \(chunkSize)")
            #expect(reading.error?.message.contains("« lieux.json »") == true)
            #expect(reading.error?.message.contains("UTF-8") == true)
            #expect(reading.error?.message.contains("Enregistrez-le de nouveau en UTF-8") == true)
            #expect(reading.rows.count == row - 2)
        }
    }

    @Test(
        "what is not an array of objects is a format error, with the row being read",
        arguments: [
            ("", 2, "est vide"),
            ("  \n ", 2, "est vide"),
            (#"{"id": "1"}"#, 2, "un objet « { … } » seul"),
            ("42", 2, "« [ », le début d'un tableau d'objets, attendu, « 42 » trouvé"),
            (#"[{"a": 1}, {"a": "#, 3, "se termine trop tôt"),
            (#"[{"a": 1}"#, 3, "« , » ou « ] » après un objet attendu"),
            (#"[{"a": "abc"#, 2, "la fin de la chaîne de caractères ouverte ligne 1, colonne 8"),
            ("[", 2, "se termine trop tôt"),
            (#"[{"a": 1}] x"#, 3, "la fin du fichier après « ] » attendu, « x » trouvé"),
            (#"[{"a": 1}][]"#, 3, "la seule valeur du fichier"),
            (#"[{"a": 1}, 42]"#, 3, "doit être un objet « { … } », un nombre trouvé"),
            (#"["x"]"#, 2, "une chaîne de caractères trouvé"),
            ("[[]]", 2, "un tableau trouvé"),
            (#"[{"a": 1},]"#, 3, "virgule en trop avant « ] »"),
            (#"[{"a": 1,}]"#, 2, "virgule en trop avant « } »"),
            (#"[{"a": 1}}"#, 3, "« , » ou « ] » après un objet attendu, « } » trouvé"),
            (#"[{"a" 1}]"#, 2, "« : » après la clé « a » attendu"),
            (#"[{"a": 1 "b": 2}]"#, 2, "« , » ou « } » après la valeur de « a » attendu"),
            ("[{a: 1}]", 2, "une clé entre guillemets"),
            (#"[{"a": 01000}]"#, 2, "entre guillemets : \"01000\""),
            (#"[{"a": NaN}]"#, 2, "NaN et Infinity ne sont pas du JSON"),
            (#"[{"a": -Infinity}]"#, 2, "un chiffre attendu, « Infinity » trouvé"),
            (#"[{"a": 'x'}]"#, 2, "guillemets droits doubles"),
            (#"[{"a": True}]"#, 2, "en minuscules"),
            (#"[{"a": tru}]"#, 2, "« tru » trouvé"),
            ("[{\"a\": \"x\ny\"}]", 2, "caractère de contrôle 0x0A non échappé"),
            (#"[{"a": "\x"}]"#, 2, "séquence d'échappement « \\x » inconnue"),
            (#"[{"a": "\u12"}]"#, 2, "quatre chiffres hexadécimaux"),
            (#"[{"a": 1.}]"#, 2, "un chiffre après la virgule décimale"),
            (#"[{"a": 1e+}]"#, 2, "un chiffre dans l'exposant"),
            (#"[{"a": -}]"#, 2, "un chiffre attendu"),
            (#"[{"a": 12abc}]"#, 2, "« , » ou « } » après la valeur de « a » attendu, « abc » trouvé"),
            (#"[{"a": [1,]}]"#, 2, "une valeur (chaîne entre guillemets"),
            (#"[{"a": [1 2]}]"#, 2, "« , » ou « ] » attendu"),
            (#"[{"a": {"b"}}]"#, 2, "« : » après la clé attendu"),
            (#"[{"a": {"b": 1,}}]"#, 2, "une clé entre guillemets"),
            (#"[{"a": {"b": 1]}]"#, 2, "« , » ou « } » attendu"),
        ] as [(String, Int, String)])
    func formatErrors(json: String, row: Int, fragment: String) {
        for chunkSize in [1, 2, 5, JSONScanner.defaultChunkSize] {
            let reading = Self.read(json, chunkSize: chunkSize)
            #expect(reading.error?.code == .format, "chunk size \(chunkSize)")
            #expect(reading.error?.rowNumber == row, "chunk size \(chunkSize)")
            #expect(reading.error?.message.contains(fragment) == true, "\(reading.error?.message ?? "no error")")
            #expect(reading.rows.count == row - 2)
        }
    }

    @Test("a format error says the line, column and byte where it is")
    func errorLocation() {
        let reading = Self.read("[\n  {\"a\": 1},\n  {\"a\": x}\n]")
        #expect(reading.error?.message.hasPrefix("JSON invalide ligne 3, colonne 9 (octet n° 23) : ") == true)
        #expect(reading.error?.rowNumber == 3)
        let truncated = Self.read("[\n{\"a\":\n")
        #expect(truncated.error?.message.contains("(ligne 3, après 8 octets)") == true)
    }

    @Test("an error stops reading and is thrown again; the rows before it stay")
    func errorIsFinal() throws {
        var reader = JSONRowReader(data: Data(#"[{"a": "1"}, {"a": oops}, {"a": "3"}]"#.utf8))
        #expect(try reader.nextRow() == SourceRow(number: 2, cells: ["1"]))
        var first: SourceError?
        do { _ = try reader.nextRow() } catch { first = error }
        var second: SourceError?
        do { _ = try reader.nextRow() } catch { second = error }
        #expect(first?.code == .format)
        #expect(first?.rowNumber == 3)
        #expect(second == first)
    }

    @Test("deep nesting inside a cell is a format error, not a crash", arguments: ["[", #"{"b":"#])
    func deepNesting(opening: String) {
        let json = #"[{"a": "# + String(repeating: opening, count: 100_000)
        let reading = Self.read(json)
        #expect(reading.error?.code == .format)
        #expect(reading.error?.message.contains("imbriqués") == true)
        #expect(reading.error?.rowNumber == 2)
    }

    @Test("nesting up to the limit is read")
    func nestingAtTheLimit() {
        let depth = JSONScanner.maximumDepth
        let json = #"[{"a": "# + String(repeating: "[", count: depth) + "7" + String(repeating: "]", count: depth) + "}]"
        #expect(Self.read(json).rows.first?.cells == ["7"])
    }

    @Test("random garbage never crashes the reader", arguments: 0..<8)
    func garbage(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let alphabet = Array(#"[]{}",:\u0-9.eE+-tfnul "#.utf8) + [0x80, 0xC3, 0xA9, 0xFF, 0x0A]
        for _ in 0..<200 {
            var bytes: [UInt8] = Array(#"[{"a":"#.utf8)
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                bytes.append(alphabet.randomElement(using: &generator) ?? 0x20)
            }
            let reading = Self.read(bytes: bytes, chunkSize: Int.random(in: 1...9, using: &generator))
            let whole = Self.read(bytes: bytes)
            #expect(reading.rows == whole.rows)
            #expect(reading.error == whole.error)
            if let error = reading.error {
                #expect(error.code == .format || error.code == .encoding)
                #expect(error.rowNumber == reading.rows.count + 2)
            }
        }
    }

    @Test("a missing file is an I/O error naming the file")
    func missingFile() {
        let error = #expect(throws: SourceError.self) {
            _ = try JSONRowReader(url: URL(fileURLWithPath: "/nonexistent-lieux/absent.json"))
        }
        #expect(error?.code == .io)
        #expect(error?.message == "Impossible de lire le fichier « /nonexistent-lieux/absent.json » : fichier introuvable.")
    }

    @Test("a folder is an I/O error")
    func folder() {
        let error = #expect(throws: SourceError.self) {
            _ = try JSONRowReader(url: FileManager.default.temporaryDirectory)
        }
        #expect(error?.code == .io)
        #expect(error?.message.contains("c'est un dossier") == true)
    }

    @Test("a URL that is not a local file is an I/O error")
    func remoteURL() throws {
        let url = try #require(URL(string: "https://example.org/lieux.json"))
        let error = #expect(throws: SourceError.self) {
            _ = try JSONRowReader(url: url)
        }
        #expect(error?.code == .io)
        #expect(error?.message.contains("« https://example.org/lieux.json »") == true)
    }

    // MARK: - The national cartography's files

    @Test(
        "the cartography's files have their number of rows",
        .enabled(if: SharedData.isAvailable, SharedData.absent),
        arguments: [
            ("standard/v1/anct-hub-du-sud-paca-20230517-v1.json", 646),
            ("standard/v1/anct-charente-20230711-v1.json", 188),
            ("standard/v1/anct-nouvelle-caledonie-20240320-v1.json", 90),
        ])
    func realRowCounts(path: String, count: Int) throws {
        var reader = try JSONRowReader(url: SharedData.url(path))
        let reading = Self.read(&reader)
        #expect(reading.error == nil)
        #expect(reading.rows.count == count)
        #expect(reading.rows.last?.number == count + 1)
        #expect(reading.labels.starts(with: ["id", "nom", "services", "pivot"]))
    }

    @Test(
        "the cartography's files give the cells Foundation's JSONSerialization gives",
        .enabled(if: SharedData.isAvailable, SharedData.absent),
        arguments: [
            "standard/v1/anct-hub-du-sud-paca-20230517-v1.json",
            "standard/v1/anct-charente-20230711-v1.json",
            "standard/v1/anct-nouvelle-caledonie-20240320-v1.json",
            "standard/v0.1/anct-hub-du-sud-paca-20230516-v0.1.json",
        ])
    func realCells(path: String) throws {
        let url = SharedData.url(path)
        let objects = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        var reader = try JSONRowReader(url: url, chunkSize: 4096)
        let reading = Self.read(&reader)
        #expect(reading.error == nil)
        try #require(reading.rows.count == objects.count)
        #expect(Set(reading.labels) == Set(objects.flatMap(\.keys)))
        var compared = 0
        for (row, object) in zip(reading.rows, objects) {
            for (index, label) in reading.labels.enumerated() {
                let cell = index < row.cells.count ? row.cells[index] : nil
                switch object[label] {
                case nil, is NSNull:
                    #expect(cell == nil, "row \(row.number), \(label)")
                case let string as String:
                    #expect(cell == string, "row \(row.number), \(label)")
                case let number as NSNumber:
                    // Foundation's own number parsing can miss the correctly rounded double by
                    // an ulp (swift-corelibs-foundation); `Double(String)` does not.
                    let value = try #require(cell.flatMap(Double.init), "row \(row.number), \(label)")
                    #expect(abs(value - number.doubleValue) <= 2 * value.ulp, "row \(row.number), \(label)")
                default:
                    Issue.record("row \(row.number), \(label): a value of an unexpected type")
                }
                compared += 1
            }
        }
        #expect(compared == objects.count * reading.labels.count)
    }
}
