import Foundation
import LieuxExport
import LieuxModel
import Testing

@Suite("Sinks")
struct SinkTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lieux-sink-\(UUID().uuidString)").path
    }

    @Test("a file sink writes what a data sink holds, whatever its buffer size", arguments: [1, 7, 4096, FileSink.defaultCapacity])
    func fileMatchesMemory(capacity: Int) throws {
        let lieux = (0..<200).map { index -> Lieu in
            var lieu = Fixtures.full(id: "lieu-\(index)")
            lieu.presentationDetail = String(repeating: "long texte ", count: index * 10)
            return lieu
        }
        var memory = GeoJSONWriter()
        for lieu in lieux { try memory.write(lieu) }
        try memory.end()

        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = GeoJSONWriter(sink: try FileSink(path: path, capacity: capacity))
        for lieu in lieux { try file.write(lieu) }
        try file.end()
        try file.sink.close()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == memory.sink.data)
        #expect(try Fixtures.object(written)["type"] as? String == "FeatureCollection")
    }

    @Test("bytes still buffered are written when the sink goes away")
    func releaseFlushes() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            var sink = try FileSink(path: path)
            try sink.write(Array("bonjour".utf8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "bonjour")
    }

    @Test("a file that cannot be created is an export error in French")
    func cannotOpen() {
        #expect {
            _ = try FileSink(path: "/nonexistent-folder-lieux/x.geojson")
        } throws: { error in
            guard let error = error as? ExportError else { return false }
            return error.code == .open && error.message.contains("/nonexistent-folder-lieux/x.geojson") && error.errno == ENOENT
        }
    }

    @Test("a data sink gives its bytes in chunks, as an HTTP body writer takes them")
    func chunks() throws {
        var writer = GeoJSONWriter()
        var body: [UInt8] = []
        var chunkCount = 0
        try writer.begin()
        for index in 0..<500 {
            try writer.write(Fixtures.full(id: "lieu-\(index)"))
            if writer.sink.count >= 16 << 10 {
                body += writer.sink.takeBytes()
                chunkCount += 1
                #expect(writer.sink.count == 0)
            }
        }
        try writer.end()
        body += writer.sink.takeBytes()
        #expect(chunkCount > 10)
        #expect((try Fixtures.object(body)["features"] as? [Any])?.count == 500)
    }
}
