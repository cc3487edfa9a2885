import Foundation
import LieuxExport
import LieuxModel
import Testing

@Suite("GeoJSONSeqWriter")
struct GeoJSONSeqWriterTests {
    @Test("each feature is preceded by RS and followed by LF, and parses alone")
    func records() throws {
        let lieux = [Fixtures.full(id: "a"), Fixtures.minimal(id: "b"), Fixtures.minimal(id: "c\u{1E}\n")]
        var writer = GeoJSONSeqWriter()
        for lieu in lieux { try writer.write(lieu, extras: FeatureExtras(distance: 12)) }
        try writer.end()
        #expect(writer.featureCount == 3)
        let bytes = writer.sink.bytes
        #expect(bytes.first == 0x1E)
        #expect(bytes.last == 0x0A)
        let parts = bytes.split(separator: 0x1E, omittingEmptySubsequences: false)
        #expect(parts.count == 4)
        #expect(parts[0].isEmpty)
        for (lieu, part) in zip(lieux, parts.dropFirst()) {
            #expect(part.last == 0x0A)
            #expect(part.dropLast().firstIndex(of: 0x0A) == nil, "un seul saut de ligne, à la fin")
            let feature = try Fixtures.object(part.dropLast())
            #expect(feature["type"] as? String == "Feature")
            #expect(feature["id"] as? String == lieu.id.rawValue)
            #expect((feature["properties"] as? [String: Any])?["distance"] as? Double == 12)
        }
    }

    @Test("a record is the feature of the collection writer")
    func sameFeature() throws {
        let lieu = Fixtures.full()
        var writer = GeoJSONSeqWriter()
        try writer.write(lieu)
        #expect(writer.sink.bytes == [0x1E] + lieu.geoJSONFeature() + [0x0A])
    }

    @Test("no feature, no byte")
    func empty() throws {
        var writer = GeoJSONSeqWriter()
        try writer.end()
        #expect(writer.sink.bytes.isEmpty)
    }
}
