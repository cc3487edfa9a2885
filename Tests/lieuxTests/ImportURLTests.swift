import Foundation
import LieuxTestSupport
import Testing

@Suite("lieux import URL")
final class ImportURLTests {
    let folder = SharedData.temporaryFolder("lieux-cli-url")

    deinit { try? FileManager.default.removeItem(at: folder) }
    /// The CLI's temporary folder (`TMPDIR`), to see what a download leaves behind.
    let temporary: URL
    let csv: Data
    let json: Data

    init() throws {
        temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let csvFile = folder.appendingPathComponent("lieux.csv")
        try GeneratedVenues(0..<300, revision: 1).writeCSV(to: csvFile)
        csv = try Data(contentsOf: csvFile)
        let jsonFile = folder.appendingPathComponent("lieux.json")
        try GeneratedVenues(500..<750, revision: 1).writeJSON(to: jsonFile)
        json = try Data(contentsOf: jsonFile)
    }

    /// `lieux` with the test's temporary folder as `TMPDIR`.
    func lieux(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try LieuxExecutable.run(arguments, environment: ["TMPDIR": temporary.path])
    }

    /// The import's results (`--format json`).
    func results(_ output: String) throws -> [[String: Any]] {
        [try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")]
    }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temporary.path)
    }

    @Test("a CSV served with Content-Length is imported exactly as the same local file")
    func csvWithLength() throws {
        let server = try LocalHTTPServer(routes: ["/lieux.csv": .file(csv, contentType: "text/csv; charset=utf-8")])
        defer { server.stop() }
        let remote = folder.appendingPathComponent("distant.sqlite").path
        let local = folder.appendingPathComponent("local.sqlite").path
        let viaHTTP = try lieux(["import", server.url("/lieux.csv"), "--source", "s", "--db", remote, "--format", "json"])
        let fromDisk = try lieux(["import", folder.appendingPathComponent("lieux.csv").path, "--source", "s", "--db", local, "--format", "json"])
        #expect(viaHTTP.status == 0, "\(viaHTTP.error)")
        #expect(fromDisk.status == 0, "\(fromDisk.error)")
        #expect(server.requestedPaths == ["/lieux.csv"])
        let a = try #require(try results(viaHTTP.output).first)
        let b = try #require(try results(fromDisk.output).first)
        let fileA = try #require((a["files"] as? [[String: Any]])?.first)
        let fileB = try #require((b["files"] as? [[String: Any]])?.first)
        #expect(fileA["place"] as? String == server.url("/lieux.csv"))
        for key in ["added", "updated", "unchanged", "removed", "rejected", "stored"] {
            #expect(String(describing: a[key] ?? "-") == String(describing: b[key] ?? "+"), "\(key)")
        }
        #expect(fileA["sha256"] as? String == fileB["sha256"] as? String)
        #expect(a["added"] as? Int == 300)
        let exportRemote = try LieuxExecutable.run(["export", "--db", remote, "--format", "csv"])
        let exportLocal = try LieuxExecutable.run(["export", "--db", local, "--format", "csv"])
        #expect(exportRemote.status == 0)
        #expect(exportRemote.output.count > 300 * 100)
        #expect(exportRemote.output == exportLocal.output)
        #expect(try leftovers() == [], "the download's temporary files are removed")
    }

    @Test(
        "a JSON array is imported, named by its path or by its Content-Type, with or without a length",
        arguments: [
            ("/lieux.json", false, "application/octet-stream"),
            ("/api/lieux?format=json", true, "application/json; charset=utf-8"),
        ])
    func jsonFile(path: String, chunked: Bool, type: String) throws {
        let server = try LocalHTTPServer(routes: [path: chunked ? .chunked(json, contentType: type) : .file(json, contentType: type)])
        defer { server.stop() }
        let store = folder.appendingPathComponent("json.sqlite").path
        let result = try lieux(["import", server.url(path), "--source", "hub", "--db", store, "--format", "json"])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let first = try #require(try results(result.output).first)
        #expect(first["added"] as? Int == 250)
        #expect(first["rejected"] as? Int == 0)
        #expect(first["committed"] as? Bool == true)
        #expect(try leftovers() == [])
    }

    @Test("a file served gzip-compressed, with the Content-Length of the compressed bytes, is imported")
    func gzipped() throws {
        let server = try LocalHTTPServer(routes: ["/lieux.csv": .gzipped(csv, contentType: "text/csv")])
        defer { server.stop() }
        let store = folder.appendingPathComponent("gzip.sqlite").path
        let result = try lieux(["import", server.url("/lieux.csv"), "--source", "s", "--db", store, "--format", "json"])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(try results(result.output).first?["added"] as? Int == 300)
        #expect(try leftovers() == [])
    }

    enum Failure: String, CaseIterable, CustomTestStringConvertible {
        case notFound, serverError, cutWithLength, cutChunked, cutGzipped

        var testDescription: String { rawValue }

        func reply(_ body: Data) -> LocalHTTPServer.Reply {
            switch self {
            case .notFound: .status(404, "Not Found")
            case .serverError: .status(500, "Internal Server Error")
            case .cutWithLength: .cutWithLength(body, sent: body.count / 2, contentType: "text/csv")
            case .cutChunked: .cutChunked(body, sent: body.count / 2, contentType: "text/csv")
            case .cutGzipped: .gzipped(body, contentType: "text/csv", sent: body.count / 2)
            }
        }
    }

    @Test("a failed download exits 2 with a French message and changes nothing, nor leaves any file", arguments: Failure.allCases)
    func failedDownload(failure: Failure) throws {
        // The store already holds 50 venues of the source: a half file imported would remove some.
        let store = folder.appendingPathComponent("avant.sqlite").path
        let before = folder.appendingPathComponent("avant.csv")
        try GeneratedVenues(0..<50, revision: 1).writeCSV(to: before)
        #expect(try LieuxExecutable.run(["import", before.path, "--source", "s", "--db", store]).status == 0)
        let snapshot = try StoreSnapshot.read(store)

        let path = failure == .notFound ? "/absent.csv" : "/lieux.csv"
        let server = try LocalHTTPServer(routes: failure == .notFound ? [:] : [path: failure.reply(csv)])
        defer { server.stop() }
        let result = try lieux(["import", server.url(path), "--source", "s", "--db", store])
        #expect(result.status == 2, "\(result.output)\(result.error)")
        #expect(server.requestedPaths == [path])
        #expect(result.error.contains("Rien n'a été modifié"), "\(result.error)")
        #expect(result.error.contains(server.url(path)))
        switch failure {
        case .notFound: #expect(result.error.contains("404") && result.error.contains("vérifiez l'adresse"), "\(result.error)")
        case .serverError: #expect(result.error.contains("500"), "\(result.error)")
        case .cutWithLength, .cutChunked, .cutGzipped: #expect(result.error.contains("téléchargement"), "\(result.error)")
        }
        #expect(try StoreSnapshot.read(store) == snapshot, "the store is exactly as before")
        #expect(try leftovers() == [], "no partial download is left in the temporary folder")
    }

    @Test("an unreachable server exits 2 and changes nothing")
    func unreachable() throws {
        // A port that was free a moment ago: nothing listens there.
        let server = try LocalHTTPServer(routes: [:])
        let address = server.url("/lieux.csv")
        server.stop()
        let store = folder.appendingPathComponent("injoignable.sqlite").path
        let result = try lieux(["import", address, "--source", "s", "--db", store])
        #expect(result.status == 2, "\(result.output)\(result.error)")
        #expect(result.error.contains("Rien n'a été modifié"))
        #expect(try StoreSnapshot.read(store).lieux == 0)
        #expect(try leftovers() == [])
    }
}
