// Measures the cost of evaluating parsed `opening_hours` values at an instant, against a
// reference run in the same process: one `Calendar.dateComponents` call per instant in
// Europe/Paris (the least a Foundation-based evaluator does), and parsing.
//
// Usage: swift run -c release OpeningHoursBenchmark [--write BENCHMARKS.md]
// Values: every distinct `horaires` of ../shared/data/standard (or $LIEUX_SHARED_DATA),
// else a built-in sample of typical values.
import Foundation
import OpeningHours

func realValues() -> [String] {
    let root = ProcessInfo.processInfo.environment["LIEUX_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    var values = Set<String>()
    let standard = root.appendingPathComponent("standard")
    for folder in ["v1", "v0.1"] {
        let dir = standard.appendingPathComponent(folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".json") && !name.hasPrefix("schema") {
            guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
                let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            else { continue }
            for row in rows { if let h = row["horaires"] as? String, !h.isEmpty { values.insert(h) } }
        }
    }
    if values.isEmpty {
        values = [
            "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00", "Tu-Sa 10:00-18:00; PH off", "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00",
            "24/7", "Mo,We,Fr 14:00-18:00", "Mo-Fr 09:00-17:00; Jul-Aug Mo-Fr 09:00-12:00",
        ]
    }
    return values.sorted()
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func measure(runs: Int, _ body: () -> Int) -> (nanoseconds: [Double], checksum: Int) {
    var times: [Double] = []
    var checksum = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        checksum &+= body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start))
    }
    return (times, checksum)
}

let texts = realValues()
let parsed = texts.compactMap { try? OpeningHours(parsing: $0) }
let start = ISO8601DateFormatter().date(from: "2026-01-01T00:00:00Z")!
let instants = (0..<1_000).map { start.addingTimeInterval(Double($0) * 31_557.6) }  // a year, every 8 h 46 min
let evaluations = parsed.count * instants.count
let runs = 9

let evaluation = measure(runs: runs) {
    var open = 0
    for hours in parsed { for instant in instants where hours.state(at: instant) == .open { open += 1 } }
    return open
}
var calendar = Calendar(identifier: .gregorian)
calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
let reference = measure(runs: runs) {
    var sum = 0
    for _ in parsed { for instant in instants { sum &+= calendar.dateComponents([.weekday, .hour, .minute], from: instant).minute ?? 0 } }
    return sum
}
let parsing = measure(runs: runs) {
    var n = 0
    for text in texts where (try? OpeningHours(parsing: text)) != nil { n += 1 }
    return n
}

let perEvaluation = median(evaluation.nanoseconds) / Double(evaluations)
let perReference = median(reference.nanoseconds) / Double(evaluations)
let perParse = median(parsing.nanoseconds) / Double(texts.count)
let ratio = perReference / perEvaluation

var machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores"
if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
    let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
{
    machine = line.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) + ", " + machine
}

let table = """
    <!-- opening-hours:begin -->
    ## Opening hours: evaluating `horaires` at an instant

    `swift run -c release OpeningHoursBenchmark --write BENCHMARKS.md` — \(texts.count) distinct real values (\(parsed.count) parse), \(instants.count) instants over 2026, \(runs) runs, medians; \(machine).

    | operation | median per call | ratio |
    |---|---|---|
    | `OpeningHours.state(at:)` on a parsed value (Europe/Paris) | \(String(format: "%.0f", perEvaluation)) ns | 1 |
    | reference: `Calendar.dateComponents([.weekday, .hour, .minute])` in Europe/Paris | \(String(format: "%.0f", perReference)) ns | \(String(format: "%.1f", ratio)) × slower |
    | `OpeningHours(parsing:)` | \(String(format: "%.1f", perParse / 1000)) µs | \(String(format: "%.0f", perParse / perEvaluation)) × slower |

    Target: under 1 µs per evaluation once parsed. Parsed values are kept (the store's search keeps them per distinct text), so a search pays the parsing once per distinct value.
    <!-- opening-hours:end -->
    """
print(table)
print("checksums: \(evaluation.checksum) \(reference.checksum) \(parsing.checksum)")

if let index = CommandLine.arguments.firstIndex(of: "--write"), index + 1 < CommandLine.arguments.count {
    let path = CommandLine.arguments[index + 1]
    var document = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmarks\n\nFigures measured on this project's machine; each section says the command that reproduces it.\n"
    if let begin = document.range(of: "<!-- opening-hours:begin -->"), let end = document.range(of: "<!-- opening-hours:end -->") {
        document.replaceSubrange(begin.lowerBound..<end.upperBound, with: table)
    } else {
        document += "\n" + table + "\n"
    }
    try document.write(toFile: path, atomically: true, encoding: .utf8)
}
