// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets of Lieux, one executable per reader or parser that takes outside bytes.
// Built and run by `tools/fuzz`, with `-sanitize=fuzzer,address` on every module (so that the
// parsers' own code is instrumented, not only these files) and testability, for the internal
// types (`@testable import`). libFuzzer brings `main`: the targets only define
// `LLVMFuzzerTestOneInput` and are compiled as libraries (`-parse-as-library`).
//
// Adding a target: a folder `Targets/<name>/` with one Swift file, one line below, its seeds in
// `tools/fuzz.d/seeds.py` and, if its input has keywords, a dictionary `tools/fuzz.d/<name>.dict`.

let package = Package(
    name: "LieuxFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Lieux", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        fuzzTarget("csv", ["LieuxSchema", "LieuxModel"]),
        fuzzTarget("json", ["LieuxSchema", "LieuxModel"]),
        fuzzTarget("workbook", ["LieuxSchema"]),
        fuzzTarget("correspondance", ["LieuxSchema"]),
        fuzzTarget("opening-hours", ["OpeningHours"]),
        fuzzTarget("query-parameters", ["LieuxHTTP"]),
        fuzzTarget("search-body", ["LieuxHTTP", "LieuxModel"]),
        fuzzTarget("areas", ["LieuxStore", "LieuxModel"]),
        fuzzTarget("venue-body", ["LieuxHTTP", "LieuxModel"]),
    ],
    swiftLanguageModes: [.v6]
)

/// An executable fuzz target in `Targets/<name>/`, depending on products of Lieux.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "Lieux") },
        path: "Targets/\(name)",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}
