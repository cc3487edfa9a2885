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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "LieuxModel"),
        .target(name: "OpeningHours"),
        .target(
            name: "LieuxSchema",
            dependencies: ["LieuxModel", "OpeningHours"],
            exclude: ["Schemas/README.md"],
            resources: [
                // Embedded in the binary: a copied `lieux` needs no resource bundle beside it.
                .embedInCode("Schemas/schema-1.0.2.json"),
                .embedInCode("Schemas/schema-0.1.0.json"),
            ]
        ),
        .executableTarget(
            name: "lieux",
            dependencies: [
                "LieuxModel", "LieuxSchema", "OpeningHours",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LieuxModelTests", dependencies: ["LieuxModel"]),
        .testTarget(name: "OpeningHoursTests", dependencies: ["OpeningHours"]),
        .testTarget(name: "LieuxSchemaTests", dependencies: ["LieuxSchema", "LieuxModel"]),
        .testTarget(name: "lieuxTests", dependencies: ["lieux"]),
    ],
    swiftLanguageModes: [.v6]
)
