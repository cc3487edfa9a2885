import Foundation
import Testing

/// The peak resident memory of a child process, read from `/proc` while it runs.
func peakResidentMegabytes(running arguments: [String]) throws -> (status: Int32, megabytes: Double) {
    let process = Process()
    process.executableURL = LieuxExecutable.url
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var peak = 0.0
    while process.isRunning {
        if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            peak = max(peak, kilobytes / 1024)
        }
        usleep(20_000)
    }
    process.waitUntilExit()
    return (process.terminationStatus, peak)
}

@Suite("Streaming", .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "needs /proc (Linux)"))
struct StreamingMemoryTests {
    /// Writes `rows` valid rows of about 4 KB each.
    func writeFile(rows: Int, format: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-stream-\(UUID().uuidString).\(format)")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let detail = String(repeating: "Accompagnement aux usages du numérique pour tous. ", count: 80)
        var chunk = ""
        if format == "csv" {
            chunk = "id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,date_maj,presentation_detail,frais_a_charge\n"
        } else {
            chunk = "["
        }
        for i in 0..<rows {
            if format == "csv" {
                chunk += "lieu-\(i),21510454800007,Médiathèque \(i),Reims,51100,51454,2 rue des Fuseliers,49.25,4.03,2025-03-14,\(detail),Gratuit\n"
            } else {
                chunk += (i == 0 ? "" : ",") + #"{"id":"lieu-\#(i)","pivot":"21510454800007","nom":"Médiathèque \#(i)","commune":"Reims","code_postal":"51100","adresse":"2 rue","latitude":49.25,"longitude":4.03,"date_maj":"2025-03-14","presentation_detail":"\#(detail)","frais_a_charge":["Gratuit"]}"#
            }
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        if format == "json" { chunk += "]" }
        handle.write(Data(chunk.utf8))
        return url
    }

    @Test("validating a file 20 times larger does not need 20 times the memory", arguments: ["csv", "json"])
    func flatMemory(format: String) throws {
        let small = try writeFile(rows: 2_000, format: format)
        let large = try writeFile(rows: 40_000, format: format)
        defer {
            try? FileManager.default.removeItem(at: small)
            try? FileManager.default.removeItem(at: large)
        }
        let size = Double(try FileManager.default.attributesOfItem(atPath: large.path)[.size] as? Int ?? 0) / 1_048_576
        #expect(size > 150)
        let base = try peakResidentMegabytes(running: ["validate", small.path, "--format", "json"])
        let big = try peakResidentMegabytes(running: ["validate", large.path, "--format", "json"])
        #expect(base.status == 0)
        #expect(big.status == 0)
        // Only the ids (for uniqueness) grow with the rows: a few megabytes here.
        #expect(big.megabytes < base.megabytes + 30, "peak \(big.megabytes) MB for \(size) MB of \(format), \(base.megabytes) MB for a small file")
    }
}
