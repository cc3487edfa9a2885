import Foundation

/// The times of one kind of query, pass by pass, in milliseconds.
struct Latency {
    private(set) var passes: [[Double]] = []

    mutating func append(pass: [Double]) { passes.append(pass) }

    /// The times of the first `n` queries of each pass.
    func prefix(_ n: Int) -> Latency {
        Latency(passes: passes.map { Array($0.prefix(n)) })
    }

    /// Queries per pass.
    var queries: Int { passes.first?.count ?? 0 }
    /// The median over passes of each pass's median.
    var p50: Double { Self.median(passes.map { Self.percentile($0, 0.50) }) }
    /// The median over passes of each pass's 99th percentile.
    var p99: Double { Self.median(passes.map { Self.percentile($0, 0.99) }) }
    var mean: Double {
        let all = passes.joined()
        return all.isEmpty ? .nan : all.reduce(0, +) / Double(all.count)
    }

    /// The nearest-rank percentile.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Milliseconds taken by `body`, and what it returned.
    static func time<T>(_ body: () throws -> T) rethrows -> (milliseconds: Double, value: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, value)
    }

    /// Milliseconds taken by `body`, and what it returned.
    static func time<T>(_ body: () async throws -> T) async rethrows -> (milliseconds: Double, value: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try await body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, value)
    }

    /// `ms` milliseconds, with as many decimals as they deserve.
    static func format(_ ms: Double) -> String {
        guard ms.isFinite else { return "—" }
        return ms < 1 ? String(format: "%.3f ms", ms) : ms < 100 ? String(format: "%.2f ms", ms) : String(format: "%.0f ms", ms)
    }
}
