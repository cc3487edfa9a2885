// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Lieux",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lieux", targets: ["lieux"]),
        .library(name: "LieuxModel", targets: ["LieuxModel"]),
        .library(name: "LieuxSchema", targets: ["LieuxSchema"]),
        .library(name: "OpeningHours", targets: ["OpeningHours"]),
        .library(name: "LieuxStore", targets: ["LieuxStore"]),
        .library(name: "LieuxExport", targets: ["LieuxExport"]),
        .library(name: "LieuxHTTP", targets: ["LieuxHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .target(name: "LieuxModel"),
        .target(name: "OpeningHours"),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "LieuxSchema",
            dependencies: [
                "LieuxModel", "OpeningHours", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Schemas/README.md"],
            resources: [
                // Embedded in the binary: a copied `lieux` needs no resource bundle beside it.
                .embedInCode("Schemas/schema-1.0.2.json"),
                .embedInCode("Schemas/schema-0.1.0.json"),
            ]
        ),
        .systemLibrary(
            name: "CSpatiaLite",
            pkgConfig: "spatialite",
            providers: [.apt(["libspatialite-dev", "libsqlite3-dev"])]
        ),
        .target(
            name: "LieuxStore",
            dependencies: [
                "LieuxModel", "LieuxSchema", "LieuxExport", "OpeningHours", "CSpatiaLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "LieuxExport", dependencies: ["LieuxModel"]),
        .target(
            name: "LieuxHTTP",
            dependencies: [
                "LieuxModel", "LieuxSchema", "LieuxExport", "OpeningHours",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [
                // The map page's own files, embedded in the binary (Leaflet is Debian's).
                .embedInCode("Carte/carte.html"),
                .embedInCode("Carte/carte.css"),
                .embedInCode("Carte/carte.js"),
            ]
        ),
        .executableTarget(
            name: "lieux",
            dependencies: [
                "LieuxModel", "LieuxSchema", "OpeningHours", "LieuxStore", "LieuxExport", "LieuxHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "OpeningHoursBenchmark", dependencies: ["OpeningHours"], path: "Benchmarks/OpeningHoursBenchmark"),
        .executableTarget(name: "CouvertureBenchmark", dependencies: ["LieuxStore", "LieuxModel", "LieuxTestSupport"], path: "Benchmarks/CouvertureBenchmark"),
        .executableTarget(name: "QueryBenchmark", dependencies: ["LieuxStore", "LieuxModel", "LieuxExport", "LieuxTestSupport", .product(name: "GRDB", package: "GRDB.swift")], path: "Benchmarks/QueryBenchmark"),
        .target(name: "LieuxTestSupport", dependencies: ["LieuxModel", "OpeningHours"], path: "Tests/LieuxTestSupport"),
        .testTarget(name: "LieuxModelTests", dependencies: ["LieuxModel", "LieuxTestSupport"]),
        .testTarget(name: "OpeningHoursTests", dependencies: ["OpeningHours"]),
        .testTarget(
            name: "LieuxSchemaTests",
            dependencies: ["LieuxSchema", "LieuxModel", "LieuxTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "LieuxStoreTests", dependencies: ["LieuxStore", "LieuxSchema", "LieuxModel", "LieuxExport", "LieuxTestSupport"],
            exclude: ["Fixtures"]  // read where they are, by path
        ),
        .testTarget(name: "LieuxExportTests", dependencies: ["LieuxExport", "LieuxModel", "LieuxSchema", "LieuxTestSupport"]),
        .testTarget(
            name: "LieuxHTTPTests",
            dependencies: [
                "LieuxHTTP", "LieuxModel", "LieuxExport", "LieuxStore", "LieuxTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .testTarget(name: "lieuxTests", dependencies: ["lieux", "LieuxTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
