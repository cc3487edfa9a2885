import Foundation
import Testing
@testable import OpeningHours

/// Writes Lieux' states for the real values at instants over a year, for
/// `tools/opening-hours-parity` to compare with the reference implementation. Runs only
/// when `LIEUX_OH_PARITY_OUT` names the file to write.
@Suite("Parity export", .enabled(if: ProcessInfo.processInfo.environment["LIEUX_OH_PARITY_OUT"] != nil))
struct ParityExportTests {
    /// 500 instants from 2026-01-01 00:00 Paris, 17 h 31 min apart: every weekday, hour
    /// and month of 2026, both daylight-saving changes, and the new year.
    static let instants: [Int] = (0..<500).map { 1_767_222_000 + $0 * 1051 * 60 }

    @Test("write value, instant and state for every real value")
    func export() throws {
        let path = try #require(ProcessInfo.processInfo.environment["LIEUX_OH_PARITY_OUT"])
        let values = RealHoraires.standardValues + RealHoraires.regionSudValues.compactMap {
            OpeningHours.suggestCorrection(for: $0)
        }
        var lines: [String] = []
        var seen: Set<String> = []
        for value in values where seen.insert(value).inserted {
            let hours = try? OpeningHours(parsing: value)
            for instant in Self.instants {
                let state = hours?.state(at: Date(timeIntervalSince1970: TimeInterval(instant))).rawValue ?? "error"
                lines.append("\(value)\t\(instant)\t\(state)")
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(lines.count == seen.count * Self.instants.count)
        #expect(seen.count > 400)
    }
}
