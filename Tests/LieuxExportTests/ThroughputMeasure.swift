import Foundation
import LieuxExport
import LieuxModel
import Testing

/// Not a timed test: a measure, run on request (`LIEUX_MEASURE=1`, in release), that prints
/// what writing a feature or a row costs.
@Suite("Throughput (LIEUX_MEASURE=1)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["LIEUX_MEASURE"] != nil))
struct ThroughputMeasure {
    static let count = 100_000

    /// Real venues if the shared data is there, synthetic ones otherwise, repeated.
    static func makeSample() -> [Lieu] {
        if SharedData.isAvailable, let real = try? Fixtures.realLieux().lieux, !real.isEmpty { return real }
        return (0..<1000).map { Fixtures.full(id: "lieu-\($0)") }
    }

    /// CPU time of the calling thread, in seconds: unlike wall time, not inflated by other
    /// processes competing for the cores.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func measure(_ label: String, _ body: () throws -> Int) rethrows {
        let clock = ContinuousClock()
        var bytes = 0
        let cpuStart = threadCPUTime()
        let duration = try clock.measure { bytes = try body() }
        let cpu = threadCPUTime() - cpuStart
        let wall = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        print("\(label): \(count) records, \(bytes / count) bytes each; CPU \(f(cpu, 3)) s = \(f(cpu / Double(count) * 1e9, 0)) ns each, \(f(Double(bytes) / cpu / 1e6, 0)) MB/s (wall \(f(wall, 3)) s)")
    }

    static let sample = ThroughputMeasure.makeSample()

    @Test("GeoJSON features into memory")
    func geoJSON() throws {
        let sample = Self.sample
        for round in 1...3 {
            try Self.measure("GeoJSON (round \(round))") {
                var writer = GeoJSONWriter(sink: DataSink(capacity: 1 << 28))
                for index in 0..<Self.count {
                    try writer.write(sample[index % sample.count], extras: FeatureExtras(sourceImport: "anct", distance: Double(index)))
                }
                try writer.end()
                return writer.sink.count
            }
        }
    }

    @Test("GeoJSON text sequences into memory")
    func geoJSONSeq() throws {
        let sample = Self.sample
        for round in 1...3 {
            try Self.measure("GeoJSONSeq (round \(round))") {
                var writer = GeoJSONSeqWriter(sink: DataSink(capacity: 1 << 28))
                for index in 0..<Self.count { try writer.write(sample[index % sample.count]) }
                try writer.end()
                return writer.sink.count
            }
        }
    }

    @Test("CSV rows into memory")
    func csv() throws {
        let sample = Self.sample
        for round in 1...3 {
            try Self.measure("CSV (round \(round))") {
                var writer = CSVWriter(sink: DataSink(capacity: 1 << 28))
                for index in 0..<Self.count { try writer.write(sample[index % sample.count]) }
                try writer.end()
                return writer.sink.count
            }
        }
    }

    @Test("GeoJSON features into a file")
    func geoJSONFile() throws {
        let sample = Self.sample
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-measure-\(UUID().uuidString).geojson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for round in 1...3 {
            try Self.measure("GeoJSON to a file (round \(round))") {
                var writer = GeoJSONWriter(sink: try FileSink(path: path))
                for index in 0..<Self.count { try writer.write(sample[index % sample.count]) }
                try writer.end()
                try writer.sink.close()
                return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            }
        }
    }

    @Test("JSONEncoder on the same values, for comparison")
    func jsonEncoder() throws {
        let sample = Self.sample
        let encoder = JSONEncoder()
        try Self.measure("JSONEncoder on the Lieu values") {
            var total = 0
            for index in 0..<Self.count { total += try encoder.encode(sample[index % sample.count]).count }
            return total
        }
    }
}
