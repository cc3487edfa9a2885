import Foundation

/// The results of a run, as a markdown section and as JSON.
struct Report {
    var label: String
    var command: String
    var machine: String
    var venues: Int
    var provenance: (imports: [String], areas: Int)
    var options: BenchmarkOptions
    var results: [KindResult]
    var skipped: [String]
    /// An async read of the pool answering one row: what every search pays at least.
    var floor: Latency

    /// The radius target: p50 at a million venues.
    static let radiusTargetMilliseconds = 0.2

    var markdown: String {
        var out: [String] = []
        let day = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        out.append("<!-- queries-\(label):begin -->")
        out.append("## In-process queries: \(label)")
        out.append("")
        out.append(
            "`\(command)` — \(day); \(machine). Store: \(Report.grouped(venues)) venues from "
                + (provenance.imports.isEmpty ? "?" : provenance.imports.joined(separator: ", "))
                + "; \(provenance.areas) départements (`lieux areas import …départements….geojson --kind departement`).")
        out.append("")
        out.append(
            "Each kind: \(options.queries) random queries (seed \(options.seed); centres at the venues' own positions moved by up to 1 km), "
                + "a warm-up pass, then \(options.runs) timed passes; p50 and p99 are the medians of the passes' percentiles. "
                + "Lieux is called as the HTTP layer calls it for a GeoJSON page: `Store.featurePage(_:)`, which returns each venue's feature as the store keeps it (bytes written at import), "
                + "with its point index in memory (built before the passes, as `lieux serve` builds it while starting) and without its caches of features and pages: "
                + "every venue of every page is read from the table. "
                + "The reference runs plain SpatiaLite SQL on a second, read-only connection of the same process, statements prepared once, "
                + "reading the same columns. A kind whose passes would take more than \(Int(options.budget)) s (Lieux) or \(Int(options.referenceBudget)) s (reference) is timed over its first queries only (columns n).")
        out.append("")
        out.append("| query | n | Lieux p50 | Lieux p99 | mean results (matched) | reference | n | reference p50 | reference p99 | reference p50 ÷ Lieux p50 (same queries) |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for r in results {
            out.append(
                "| \(r.kind.rawValue): \(r.kind.question) | \(r.lieux.queries) | \(Latency.format(r.lieux.p50)) | \(Latency.format(r.lieux.p99)) | "
                    + String(format: "%.1f (%.0f)", r.meanResults, r.meanMatched)
                    + " | \(r.kind.reference) | \(r.reference.queries) | \(Latency.format(r.reference.p50)) | \(Latency.format(r.reference.p99)) | "
                    + String(format: "%.1f", r.ratio) + " |")
        }
        out.append("")
        out.append("Floor: an async read of the pool answering one row (`version()`): p50 \(Latency.format(floor.p50)), p99 \(Latency.format(floor.p99)).")
        if let radius = results.first(where: { $0.kind == .radius }) {
            let met = radius.lieux.p50 <= Self.radiusTargetMilliseconds
            out.append(
                "Target: radius p50 ≤ \(Self.radiusTargetMilliseconds) ms at 1,000,000 venues; here \(Latency.format(radius.lieux.p50)) at \(Report.grouped(venues)) venues"
                    + (venues >= 1_000_000 ? (met ? " — met." : " — **not met**.") : "."))
        }
        for s in skipped { out.append("Not measured: \(s).") }
        out.append("")
        out.append("### Same answers?")
        out.append("")
        out.append(
            "For the first queries of each kind (column n), Lieux's first page, its `numberMatched` and every venue it matches (`forEachSynchronously`) "
                + "against the reference's; where the reference means something else than Lieux, against an exact reference too.")
        out.append("")
        out.append("| query | n | `numberMatched` = reference count | same venues | same first page, in order | exact reference | same as exact | notes |")
        out.append("|---|---|---|---|---|---|---|---|")
        for r in results {
            let c = r.correctness
            var notes: [String] = []
            if c.setMismatches > 0 { notes.append("\(c.onlyLieux) venues only in Lieux, \(c.onlyReference) only in the reference") }
            if let gap = c.largestEdgeGap { notes.append(String(format: "every differing venue within %.1f m of the edge", gap)) }
            if c.internalMismatches > 0 { notes.append("**Lieux's page disagrees with its full answer in \(c.internalMismatches) queries**") }
            out.append(
                "| \(r.kind.rawValue) | \(c.checked) | \(c.checked - c.countMismatches) / \(c.checked) | \(c.checked - c.setMismatches) / \(c.checked) | "
                    + "\(c.checked - c.pageMismatches) / \(c.checked) | \(c.exactReference ?? "— (same meaning)") | "
                    + (c.exactReference == nil ? "—" : "\(c.checked - c.exactMismatches) / \(c.checked)") + " | \(notes.joined(separator: "; ")) |")
        }
        let examples = results.flatMap(\.correctness.examples)
        if !examples.isEmpty {
            out.append("")
            out.append("Examples of differences:")
            out.append("")
            for e in examples { out.append("- " + e) }
        }
        out.append("<!-- queries-\(label):end -->")
        return out.joined(separator: "\n")
    }

    var json: [String: Any] {
        [
            "label": label,
            "venues": venues,
            "command": command,
            "machine": machine,
            "queries_per_kind": options.queries,
            "runs": options.runs,
            "seed": options.seed,
            "floor_p50_ms": floor.p50,
            "floor_p99_ms": floor.p99,
            "skipped": skipped,
            "queries": results.map(\.json),
        ]
    }

    func writeJSON(to path: String) throws {
        let data = try JSONSerialization.data(withJSONObject: Self.finite(json), options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// `value` with every non-finite number replaced by `null` (JSON has no NaN).
    private static func finite(_ value: Any) -> Any {
        switch value {
        case let d as Double: return d.isFinite ? d : NSNull()
        case let a as [Any]: return a.map(finite)
        case let o as [String: Any]: return o.mapValues(finite)
        case let u as UInt64: return NSNumber(value: u)
        default: return value
        }
    }

    /// Writes or replaces this section of the markdown file at `path` (appended when absent).
    func writeSection(to path: String) throws {
        var document = (try? String(contentsOfFile: path, encoding: .utf8))
            ?? "# Benchmarks\n\nFigures measured on this project's machine; each section says the command that reproduces it.\n"
        let section = markdown
        if let begin = document.range(of: "<!-- queries-\(label):begin -->"),
            let end = document.range(of: "<!-- queries-\(label):end -->", range: begin.upperBound..<document.endIndex)
        {
            document.replaceSubrange(begin.lowerBound..<end.upperBound, with: section)
        } else {
            if !document.hasSuffix("\n") { document += "\n" }
            document += "\n" + section + "\n"
        }
        try document.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `n` with a comma every three digits.
    static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude)
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: i))
            i -= 3
        }
        return (n < 0 ? "-" : "") + digits
    }

    /// The CPU model and the number of cores, and the load average at the start.
    static func machine() -> String {
        var text = "\(ProcessInfo.processInfo.activeProcessorCount) cores"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
        {
            text = line.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) + ", " + text
        }
        if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8).split(separator: " ").first {
            text += " (load average \(load) at the start)"
        }
        return text
    }
}
