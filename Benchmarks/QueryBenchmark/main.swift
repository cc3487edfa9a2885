// Measures in-process query latency of a store — radius, bbox, nearest, within a
// département, radius with two filters, full text — through the API the HTTP layer uses
// (`Store.featurePage(_:)`), against the same questions asked in plain SpatiaLite SQL in the same
// process; and checks, on a sample, that both find the same venues.
//
// Usage: QueryBenchmark --db PATH [--queries 1000] [--runs 5] [--seed 7] [--json OUT.json]
//                       [--write BENCHMARKS.md --label "100k"]
// (`QueryBenchmark --help` for every option.) The store: `lieux import FILE --source gen --db PATH`,
// then `lieux areas import …/france-geojson-departements-avec-outre-mer-2018.geojson --kind
// departement --db PATH` for the within query.
import Foundation
import LieuxExport
import LieuxModel
import LieuxStore

func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func run(_ arguments: [String]) async -> Int32 {
    if arguments.contains("--help") || arguments.contains("-h") {
        print(BenchmarkOptions.usage)
        return 0
    }
    let options: BenchmarkOptions
    do {
        options = try BenchmarkOptions(arguments: arguments)
    } catch {
        log("QueryBenchmark: \(error)\n\n\(BenchmarkOptions.usage)")
        return 2
    }
    guard FileManager.default.fileExists(atPath: options.database) else {
        log("QueryBenchmark: no store at \(options.database): make one with `lieux import FILE --source gen --db \(options.database)`.")
        return 2
    }
    let machine = Report.machine()
    let store: Store
    let reference: ReferenceDatabase
    let workload: Workload
    do {
        // Every page read from the table: the latency of a first request, not of a cached one.
        store = try Store.open(path: options.database, cachingVenues: false)
        // The positions in memory, as `lieux serve` builds them while it starts.
        try store.buildPointIndex()
        reference = try ReferenceDatabase(path: options.database)
        workload = try Workload(reading: reference)
    } catch {
        log("QueryBenchmark: the store \(options.database) cannot be read: \(error)")
        return 2
    }
    guard !workload.positions.isEmpty else {
        log("QueryBenchmark: the store \(options.database) has no venue with a position: nothing to measure.")
        return 2
    }
    log(
        "\(workload.venueCount) venues, \(workload.departements.count) départements with an area; services \(workload.services.map(\.rawValue)), "
            + "frais \(workload.frais?.rawValue ?? "—"), words \(workload.words)")

    do {
        var results: [KindResult] = []
        var skipped: [String] = []
        for kind in options.kinds {
            let queries = workload.queries(kind, count: options.queries, seed: options.seed)
            guard !queries.isEmpty else {
                skipped.append(
                    kind == .within
                        ? "\(kind.rawValue) (no département area matches the venues: `lieux areas import … --kind departement`)"
                        : "\(kind.rawValue) (the venues have no value to draw it from)")
                log("\(kind.rawValue): skipped")
                continue
            }
            let result = try await measure(kind, queries, options: options, store: store, reference: reference)
            log(
                "\(kind.rawValue): Lieux p50 \(Latency.format(result.lieux.p50)), p99 \(Latency.format(result.lieux.p99)); "
                    + "reference p50 \(Latency.format(result.reference.p50)) (n = \(result.reference.queries)); "
                    + "check: \(result.correctness.checked - result.correctness.setMismatches)/\(result.correctness.checked) same venues")
            results.append(result)
        }
        var floor = Latency()
        for _ in 0...options.runs {
            var times: [Double] = []
            for _ in 0..<min(options.queries, 1_000) {
                times.append(try await Latency.time { try await store.readVersion() }.milliseconds)
            }
            floor.append(pass: times)
        }
        let report = Report(
            label: options.label ?? "\(Report.grouped(workload.venueCount)) venues",
            command: BenchmarkOptions.command(arguments), machine: machine, venues: workload.venueCount,
            provenance: try reference.provenance(), options: options, results: results, skipped: skipped, floor: floor)
        print(report.markdown)
        if let path = options.json { try report.writeJSON(to: path) }
        if let path = options.write { try report.writeSection(to: path) }
        return 0
    } catch {
        log("QueryBenchmark: a measurement failed: \(error)")
        return 1
    }
}

/// Times Lieux and the reference on `queries`, then checks a sample of answers.
func measure(
    _ kind: QueryKind, _ queries: [BenchmarkQuery], options: BenchmarkOptions, store: Store, reference: ReferenceDatabase
) async throws -> KindResult {
    // A slow kind is timed over its first queries only, to stay within the budget.
    func affordable(_ probe: some Collection<Double>, budget: Double) -> Int {
        let perQuery = max(probe.reduce(0, +) / Double(probe.count), 1e-6)
        let n = Int(budget * 1_000 / (perQuery * Double(options.runs + 1)))
        return min(queries.count, max(20, n))
    }

    // The budget is estimated from the first 10 queries, asked twice (the first time warms up).
    var probe: [Double] = []
    for query in queries.prefix(10) + queries.prefix(10) {
        probe.append(try await Latency.time { try await store.featurePage(query.lieuQuery) }.milliseconds)
    }
    probe.removeFirst(probe.count / 2)
    let lieuQueries = queries.prefix(affordable(probe, budget: options.budget)).map(\.lieuQuery)
    log("\(kind.rawValue): Lieux, warm-up and \(options.runs) passes of \(lieuQueries.count) queries")
    for query in lieuQueries { _ = try await store.featurePage(query) }
    var lieux = Latency()
    var results = 0
    var matched = 0
    for pass in 0..<options.runs {
        var times: [Double] = []
        times.reserveCapacity(lieuQueries.count)
        for query in lieuQueries {
            let (ms, page) = try await Latency.time { try await store.featurePage(query) }
            times.append(ms)
            if pass == 0 {
                results += page.features.count
                matched += page.numberMatched
            }
        }
        lieux.append(pass: times)
    }

    let referenceProbe = try (queries.prefix(10) + queries.prefix(10)).map { query in
        try Latency.time { try reference.page(query) }.milliseconds
    }.suffix(min(queries.count, 10))
    let measured = queries.prefix(affordable(referenceProbe, budget: options.referenceBudget))
    log("\(kind.rawValue): reference, warm-up and \(options.runs) passes of \(measured.count) queries")
    for query in measured { _ = try reference.page(query) }
    var referenceLatency = Latency()
    for _ in 0..<options.runs {
        referenceLatency.append(pass: try measured.map { query in try Latency.time { try reference.page(query) }.milliseconds })
    }

    let sample = queries.prefix(min(options.check, measured.count, lieuQueries.count))
    log("\(kind.rawValue): checking \(sample.count) answers")
    let correctness = try await Correctness.check(kind, sample, store: store, reference: reference)
    for example in correctness.examples { log("  " + example) }
    return KindResult(
        kind: kind, lieux: lieux, meanResults: Double(results) / Double(lieuQueries.count),
        meanMatched: Double(matched) / Double(lieuQueries.count), reference: referenceLatency, correctness: correctness)
}

/// The exit status, handed from the task that runs the benchmark to the main thread.
final class ExitStatus: @unchecked Sendable {
    var value: Int32 = 0
}

// The main thread waits on a semaphore rather than in `dispatch_main` (what an async top level
// does), so that the benchmark also runs under valgrind, which fails in the latter.
let status = ExitStatus()
let done = DispatchSemaphore(value: 0)
Task.detached {
    status.value = await run(Array(CommandLine.arguments.dropFirst()))
    done.signal()
}
done.wait()
exit(status.value)
