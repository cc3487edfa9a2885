import Foundation
import Testing

/// Runs the built `lieux` executable, as users do.
enum LieuxExecutable {
    /// The `lieux` binary beside the test bundle.
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["LIEUX_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("lieux")
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `lieux` with `arguments`; returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}

@Suite("lieux validate")
struct ValidateCommandTests {
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-cli-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = temporary.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("the demonstration data is valid: exit 0 and a French summary")
    func demo() throws {
        let result = try LieuxExecutable.run(["validate", "data/demo/lieux-demonstration.csv"])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("VALIDE"))
        #expect(result.output.contains("Résumé : 1 fichier, 1 valide, 0 erreur"))
    }

    @Test("an invalid file exits 1 and names the row, the field and the value")
    func invalid() throws {
        let demo = try String(contentsOf: LieuxExecutable.repositoryRoot.appendingPathComponent("data/demo/lieux-demonstration.csv"), encoding: .utf8)
        var lines = demo.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: "Gratuit", with: "Gratos")
        let path = try write("invalide.csv", lines.joined(separator: "\n"))
        let result = try LieuxExecutable.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.output.contains("Ligne 2, colonne « frais_a_charge »"))
        #expect(result.output.contains("Gratos"))
        #expect(result.output.contains("NON VALIDE"))
    }

    @Test("a missing file exits 2 with a message saying what to check")
    func missingFile() throws {
        let result = try LieuxExecutable.run(["validate", temporary.appendingPathComponent("absent.csv").path])
        #expect(result.status == 2)
        #expect(result.output.contains("introuvable"))
    }

    @Test("bad usage exits 2")
    func badUsage() throws {
        #expect(try LieuxExecutable.run(["validate"]).status == 2)
        #expect(try LieuxExecutable.run(["validate", "x.csv", "--schema-version", "9.9"]).status == 2)
        #expect(try LieuxExecutable.run(["validate", "x.csv", "--format", "xml"]).status == 2)
    }

    @Test("the JSON report has frictionless' shape")
    func json() throws {
        let path = try write("doublon.csv", """
            id,pivot,nom,commune,code_postal,adresse,date_maj
            a,21510454800007,Lieu A,Reims,51100,1 rue,2025-01-01
            a,21510454800007,Lieu B,Reims,51100,2 rue,2025-13-01
            """)
        let result = try LieuxExecutable.run(["validate", path, "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let stats = try #require(object["stats"] as? [String: Any])
        #expect(stats["tasks"] as? Int == 1)
        #expect(stats["errors"] as? Int == 3)
        let task = try #require((object["tasks"] as? [[String: Any]])?.first)
        #expect(task["valid"] as? Bool == false)
        #expect(task["place"] as? String == path)
        let taskStats = try #require(task["stats"] as? [String: Any])
        #expect(taskStats["rows"] as? Int == 2)
        #expect(taskStats["errors"] as? Int == 3)
        #expect(taskStats["warnings"] != nil)
        let errors = try #require(task["errors"] as? [[String: Any]])
        let cells = errors.map { "\($0["type"]!)/\($0["rowNumber"]!)/\($0["fieldName"] ?? "-")" }.sorted()
        #expect(cells == ["primary-key/3/-", "type-error/3/date_maj", "unique-error/3/id"])
        for error in errors {
            for key in ["type", "rowNumber", "note", "message"] { #expect(error[key] != nil, "\(key)") }
        }
        let typeError = try #require(errors.first { $0["type"] as? String == "type-error" })
        #expect(typeError["fieldNumber"] as? Int == 7)
        #expect(typeError["cell"] as? String == "2025-13-01")
        #expect(typeError["note"] as? String == #"type is "date/default""#)
        #expect(task["warnings"] is [[String: Any]])
    }

    @Test("several files: each gets its task; one invalid file makes the run exit 1")
    func severalFiles() throws {
        let bad = try write("vide.csv", "")
        let result = try LieuxExecutable.run(["validate", "data/demo/lieux-demonstration.csv", bad, "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["valid"] as? Bool } == [true, false])
    }
}
