import Foundation
import LieuxTestSupport
import Testing

/// Import a real file, export it, validate and import the export again.
@Suite("lieux export: round trip of a real file", .enabled(if: SharedData.isAvailable, SharedData.absent))
final class ExportRoundTripTests {
    static let original = SharedData.url("standard/v1/anct-v1-combined-paca-charente-nc.csv")

    let folder = SharedData.temporaryFolder("lieux-cli-export")

    deinit { try? FileManager.default.removeItem(at: folder) }
    let store: String
    /// The original's records (header first).
    let records: [[String]]
    /// The physical row numbers (header = 1) of the original's rows with errors.
    let invalidRows: Set<Int>
    /// The original's validation report (frictionless' shape).
    let originalTask: [String: Any]

    init() throws {
        store = folder.appendingPathComponent("lieux.sqlite").path
        records = CSVRecords.parse(try String(contentsOf: Self.original, encoding: .utf8))
        let validation = try LieuxExecutable.json(["validate", Self.original.path, "--format", "json"])
        originalTask = try #require(((validation.value as? [String: Any])?["tasks"] as? [[String: Any]])?.first)
        invalidRows = Set((originalTask["errors"] as? [[String: Any]] ?? []).compactMap { $0["rowNumber"] as? Int })
        let imported = try LieuxExecutable.json(["import", Self.original.path, "--source", "anct", "--db", store, "--format", "json"])
        #expect(imported.status == 1, "rows are rejected: exit 1")
        let result = try #require(imported.value as? [String: Any])
        #expect(result["added"] as? Int == 912)
        #expect(result["rejected"] as? Int == 12)
        #expect(result["committed"] as? Bool == true)
    }

    /// The original's valid records, by id.
    var validRecords: [String: [String: String]] {
        let header = records[0]
        var byID: [String: [String: String]] = [:]
        for (index, record) in records.enumerated().dropFirst() where !invalidRows.contains(index + 1) {
            byID[record[0]] = Dictionary(uniqueKeysWithValues: zip(header, record))
        }
        return byID
    }

    /// The warnings of rows, as a multiset of (type, cell).
    static func warnings(_ task: [String: Any], excludingRows excluded: Set<Int> = []) -> [String: Int] {
        var counts: [String: Int] = [:]
        for warning in task["warnings"] as? [[String: Any]] ?? [] {
            guard let row = warning["rowNumber"] as? Int, !excluded.contains(row) else { continue }
            counts["\(warning["type"] ?? "?") | \(warning["cell"] ?? "-")", default: 0] += 1
        }
        return counts
    }

    @Test("the CSV export is valid, has the 912 valid rows and the same warnings, and reimports as `0 added, 0 updated, 0 removed`")
    func csvRoundTrip() throws {
        #expect(records.count == 925)
        #expect(invalidRows.count == 12)
        let exported = folder.appendingPathComponent("export.csv").path
        let export = try LieuxExecutable.run(["export", "--db", store, "--format", "csv", "-o", exported])
        #expect(export.status == 0, "\(export.error)")
        #expect(export.output.isEmpty, "with -o, nothing on standard output")

        let validation = try LieuxExecutable.json(["validate", exported, "--format", "json"])
        #expect(validation.status == 0)
        let task = try #require(((validation.value as? [String: Any])?["tasks"] as? [[String: Any]])?.first)
        #expect(task["valid"] as? Bool == true)
        let stats = try #require(task["stats"] as? [String: Any])
        #expect(stats["rows"] as? Int == 912)
        #expect(stats["errors"] as? Int == 0)
        let again = Self.warnings(task)
        let before = Self.warnings(originalTask, excludingRows: invalidRows)
        #expect(again.values.reduce(0, +) == before.values.reduce(0, +))
        #expect(again == before, "warnings only after: \(again.filter { before[$0.key] != $0.value }), only before: \(before.filter { again[$0.key] != $0.value })")

        // Exactly the standard's columns, in its order; the ids of the valid rows.
        let exportedRecords = CSVRecords.parse(try String(contentsOfFile: exported, encoding: .utf8))
        #expect(exportedRecords.first == GeneratedVenues.header)
        #expect(Set(exportedRecords.dropFirst().map { $0[0] }) == Set(validRecords.keys))

        let reimport = try LieuxExecutable.json(["import", exported, "--source", "anct", "--db", store, "--format", "json"])
        #expect(reimport.status == 0, "\(reimport.error)")
        let result = try #require(reimport.value as? [String: Any])
        #expect(result["added"] as? Int == 0)
        #expect(result["updated"] as? Int == 0)
        #expect(result["removed"] as? Int == 0)
        #expect(result["unchanged"] as? Int == 912)
        #expect(result["rejected"] as? Int == 0)
        #expect(result["stored"] as? Int == 912)
        let text = try LieuxExecutable.run(["import", exported, "--source", "anct", "--db", store])
        #expect(text.output.contains("0 ajoutés, 0 modifiés, 912 inchangés, 0 retirés, 0 rejetés"), "\(text.output)")
        #expect(text.output.contains("Rien n'a changé"))
    }

    @Test("the GeoJSON export is RFC 7946: 912 features, id = the venue's id, [lon, lat] with 6 decimals at most, null geometries, no crs")
    func geoJSON() throws {
        let exported = folder.appendingPathComponent("export.geojson")
        let export = try LieuxExecutable.run(["export", "--db", store, "--format", "geojson", "-o", exported.path])
        #expect(export.status == 0, "\(export.error)")
        let bytes = try Data(contentsOf: exported)
        let collection = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        #expect(collection["crs"] == nil)
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(features.count == 912)

        let expected = validRecords
        let withoutCoordinates = expected.values.count { ($0["latitude"] ?? "").isEmpty || ($0["longitude"] ?? "").isEmpty }
        #expect(withoutCoordinates > 0, "the file has venues without coordinates")
        var nullGeometries = 0
        var seen: Set<String> = []
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            let properties = try #require(feature["properties"] as? [String: Any])
            let id = try #require(feature["id"] as? String)
            #expect(properties["id"] as? String == id)
            #expect(properties["source_import"] as? String == "anct")
            seen.insert(id)
            let record = try #require(expected[id], "id \(id) is a valid row of the file")
            #expect(properties["nom"] as? String == record["nom"])
            #expect(feature.keys.contains("geometry"), "geometry is always present, null when unknown")
            if feature["geometry"] is NSNull {
                nullGeometries += 1
                #expect((record["latitude"] ?? "").isEmpty || (record["longitude"] ?? "").isEmpty)
                continue
            }
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let coordinates = try #require(geometry["coordinates"] as? [Double])
            #expect(coordinates.count == 2)
            let latitude = try #require(Double(record["latitude"] ?? ""))
            let longitude = try #require(Double(record["longitude"] ?? ""))
            #expect(abs(coordinates[0] - longitude) <= 0.5e-6 + 1e-12, "id \(id): longitude first")
            #expect(abs(coordinates[1] - latitude) <= 0.5e-6 + 1e-12, "id \(id): then latitude")
        }
        #expect(nullGeometries == withoutCoordinates)
        #expect(seen == Set(expected.keys))

        // Six decimals at most, read in the bytes themselves.
        let text = String(decoding: bytes, as: UTF8.self)
        let pattern = try NSRegularExpression(pattern: #""coordinates":\[([^\]]*)\]"#)
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(matches.count == 912 - withoutCoordinates)
        for match in matches {
            let pair = String(text[Range(match.range(at: 1), in: text)!])
            for number in pair.split(separator: ",") {
                let decimals = number.split(separator: ".").dropFirst().first?.count ?? 0
                #expect(decimals <= 6 && !number.contains("e") && !number.contains("E"), "\(pair)")
            }
        }
        #expect(!text.contains("\"crs\""))
    }

    @Test("the GeoJSON text sequence export has 912 records, each 0x1E then a Feature then a line feed")
    func geoJSONSeq() throws {
        let export = try LieuxExecutable.run(["export", "--db", store, "--format", "geojsonseq"])
        #expect(export.status == 0, "\(export.error)")
        let bytes = Array(export.output.utf8)
        #expect(bytes.first == 0x1E)
        #expect(bytes.last == 0x0A)
        let records = bytes.split(separator: 0x1E, omittingEmptySubsequences: false).dropFirst()
        #expect(records.count == 912)
        var ids: Set<String> = []
        for record in records {
            #expect(record.last == 0x0A)
            let feature = try #require(try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any])
            #expect(feature["type"] as? String == "Feature")
            if let id = feature["id"] as? String { ids.insert(id) }
        }
        #expect(ids == Set(validRecords.keys))
    }
}

@Suite("lieux export")
final class ExportCommandTests {
    let folder = SharedData.temporaryFolder("lieux-cli-export")

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A store with two sources: `a` (40 venues) and `b` (25 venues).
    func twoSources() throws -> String {
        let store = folder.appendingPathComponent("deux.sqlite").path
        let a = folder.appendingPathComponent("a.csv"), b = folder.appendingPathComponent("b.json")
        try GeneratedVenues(0..<40).writeCSV(to: a)
        try GeneratedVenues(1_000..<1_025).writeJSON(to: b)
        #expect(try LieuxExecutable.run(["import", a.path, "--source", "a", "--db", store]).status == 0)
        #expect(try LieuxExecutable.run(["import", b.path, "--source", "b", "--db", store]).status == 0)
        return store
    }

    @Test("--source exports only that source; an unknown source exits 2 and says how to list them")
    func source() throws {
        let store = try twoSources()
        let all = try LieuxExecutable.json(["export", "--db", store, "--format", "geojson"])
        #expect(((all.value as? [String: Any])?["features"] as? [Any])?.count == 65)
        let only = try LieuxExecutable.json(["export", "--db", store, "--format", "geojson", "--source", "b"])
        let features = try #require((only.value as? [String: Any])?["features"] as? [[String: Any]])
        #expect(features.count == 25)
        #expect(features.allSatisfy { ($0["properties"] as? [String: Any])?["source_import"] as? String == "b" })
        let csv = try LieuxExecutable.run(["export", "--db", store, "--format", "csv", "--source", "a"])
        #expect(CSVRecords.parse(csv.output).count == 41)
        let unknown = try LieuxExecutable.run(["export", "--db", store, "--format", "csv", "--source", "inconnue"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("« inconnue » n'existe pas"), "\(unknown.error)")
        #expect(unknown.error.contains("lieux stats"))
    }

    @Test("an empty store exports an empty FeatureCollection, an empty sequence and a header-only CSV")
    func empty() throws {
        let store = folder.appendingPathComponent("vide.sqlite").path
        let geojson = try LieuxExecutable.json(["export", "--db", store, "--format", "geojson"])
        #expect(geojson.status == 0)
        #expect(((geojson.value as? [String: Any])?["features"] as? [Any])?.isEmpty == true)
        let seq = try LieuxExecutable.run(["export", "--db", store, "--format", "geojsonseq"])
        #expect(seq.status == 0)
        #expect(seq.output.isEmpty)
        let csv = try LieuxExecutable.run(["export", "--db", store, "--format", "csv"])
        #expect(CSVRecords.parse(csv.output) == [GeneratedVenues.header])
    }

    @Test("an output file that cannot be created exits 2 with a French message")
    func unwritableOutput() throws {
        let store = try twoSources()
        let target = folder.appendingPathComponent("dossier-absent/export.geojson").path
        let result = try LieuxExecutable.run(["export", "--db", store, "--format", "geojson", "-o", target])
        #expect(result.status == 2)
        #expect(result.error.contains("ne peut pas être créé"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("-o replaces the file only when the export is complete: a failed export leaves the previous file as it was")
    func atomicOutput() throws {
        let store = try twoSources()
        let target = folder.appendingPathComponent("lieux.geojson")
        let first = try LieuxExecutable.run(["export", "--db", store, "--format", "geojson", "-o", target.path, "--source", "a"])
        #expect(first.status == 0, "\(first.error)")
        let previous = try Data(contentsOf: target)
        #expect(((try JSONSerialization.jsonObject(with: previous) as? [String: Any])?["features"] as? [Any])?.count == 40)

        let failed = try LieuxExecutable.run(["export", "--db", store, "--format", "geojson", "-o", target.path, "--source", "inconnue"])
        #expect(failed.status == 2)
        #expect(try Data(contentsOf: target) == previous, "the previous export is untouched")

        let second = try LieuxExecutable.run(["export", "--db", store, "--format", "geojson", "-o", target.path])
        #expect(second.status == 0)
        #expect(((try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])?["features"] as? [Any])?.count == 65)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("geojson") }
        #expect(files == ["lieux.geojson"], "no temporary file is left beside the export")
    }

    @Test("a bad --format exits 2")
    func badFormat() throws {
        let result = try LieuxExecutable.run(["export", "--db", folder.appendingPathComponent("x.sqlite").path, "--format", "kml"])
        #expect(result.status == 2)
    }
}
