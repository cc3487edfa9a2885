import Foundation
import LieuxTestSupport
import Testing

@Suite("lieux export memory", .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "needs /proc (Linux)"))
struct ExportMemoryTests {
    /// Venues of the large store; each Feature is about 10.5 KB, so the export is about 50 MB:
    /// an export that kept it in memory could not stay under the bound. (Few heavy venues
    /// rather than many light ones: a debug build imports only a few hundred venues a second.)
    static let large = 5_000
    static let small = 500
    /// The peak resident memory allowed to a GeoJSON export of the large store.
    static let boundMegabytes = 60.0

    @Test("exporting 5,000 venues (50 MB of GeoJSON) to a file stays under 60 MB of memory, about what 500 venues need")
    func geoJSONExportMemory() throws {
        let folder = SharedData.temporaryFolder("lieux-cli-export-memory")
        defer { try? FileManager.default.removeItem(at: folder) }
        var peaks: [Int: Double] = [:]
        var sizes: [Int: Int] = [:]
        for count in [Self.small, Self.large] {
            let file = folder.appendingPathComponent("lieux-\(count).csv")
            try GeneratedVenues(0..<count, revision: 1, detailLength: 10_000).writeCSV(to: file)
            let store = folder.appendingPathComponent("lieux-\(count).sqlite").path
            let imported = try LieuxExecutable.run(["import", file.path, "--source", "s", "--db", store])
            #expect(imported.status == 0, "\(imported.error)")
            let output = folder.appendingPathComponent("lieux-\(count).geojson")
            let run = try peakResidentMegabytes(running: ["export", "--db", store, "--format", "geojson", "-o", output.path])
            #expect(run.status == 0)
            peaks[count] = run.megabytes
            sizes[count] = (try FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0

            let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
            let features = try #require(collection["features"] as? [[String: Any]])
            #expect(features.count == count)
            #expect(features.count { $0["geometry"] is NSNull } == GeneratedVenues(0..<count).withoutCoordinates)
        }
        let large = try #require(peaks[Self.large]), small = try #require(peaks[Self.small])
        let megabytes = Double(sizes[Self.large] ?? 0) / 1_048_576
        print("export GeoJSON : \(Self.small) lieux → pic \(small) Mo ; \(Self.large) lieux (\(megabytes) Mo de GeoJSON) → pic \(large) Mo")
        #expect(megabytes > 45, "the export is larger than the bound, so it cannot have been held in memory")
        #expect(large < Self.boundMegabytes, "peak \(large) MB for \(megabytes) MB of GeoJSON")
        #expect(large < small + 10, "peak \(large) MB for \(Self.large) venues, \(small) MB for \(Self.small)")
    }
}
