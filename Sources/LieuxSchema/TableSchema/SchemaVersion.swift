import Foundation

/// The versions of the standard Lieux supports, each with its schema file in `schemas/`.
public enum SchemaVersion: String, Sendable, CaseIterable, Codable {
    case v1_0_2 = "1.0.2"
    case v0_1_0 = "0.1.0"

    /// The current version of the standard.
    public static let current = SchemaVersion.v1_0_2

    /// The schema of this version, read once from the files shipped with the module.
    public var schema: TableSchema {
        get throws(SchemaError) { try SchemaCatalogue.shared.schema(for: self) }
    }

    /// Guesses the version of a file from its column labels and its first rows: each
    /// version scores one point per column that only it has (`lieux:detectionColumns`), one
    /// per cell of a vocabulary field that matches its pattern, and ten when that field exists
    /// in every version (like `services`, whose labels changed). The current version wins ties.
    ///
    /// Producers mix versions (the national cartography's v1 exports still carry v0.1 keys),
    /// so the values of the fields both versions share decide.
    public static func detect(labels: [String], rows: [SourceRow] = []) -> SchemaVersion {
        let present = Set(labels.map { $0.trimmingCharacters(in: .whitespaces) })
        let schemas = allCases.compactMap { try? $0.schema }
        var shared = Set(schemas.first?.fields.map(\.name) ?? [])
        for schema in schemas.dropFirst() { shared.formIntersection(schema.fields.map(\.name)) }
        var best = (version: SchemaVersion.current, score: 0)
        for version in allCases {
            guard let schema = try? version.schema else { continue }
            var score = schema.detectionColumns.filter(present.contains).count
            for field in schema.fields where field.vocabulary != nil {
                guard let column = labels.firstIndex(of: field.name),
                    let pattern = field.constraints.pattern.flatMap({ try? PatternMatcher(pattern: $0) })
                else { continue }
                for row in rows where column < row.cells.count {
                    if let cell = row.cells[column], !cell.isEmpty, pattern.matches(cell) {
                        score += shared.contains(field.name) ? 10 : 1
                    }
                }
            }
            if score > best.score { best = (version, score) }
        }
        return best.version
    }
}

extension SchemaVersion {
    /// The bytes of `schemas/schema-<version>.json`, embedded at build time.
    var embeddedSchema: [UInt8] {
        switch self {
        case .v1_0_2: return PackageResources.schema_1_0_2_json
        case .v0_1_0: return PackageResources.schema_0_1_0_json
        }
    }
}

/// The schema files of the module's resources, parsed once.
final class SchemaCatalogue: Sendable {
    static let shared = SchemaCatalogue()

    private let schemas: [SchemaVersion: Result<TableSchema, SchemaError>]

    private init() {
        var schemas: [SchemaVersion: Result<TableSchema, SchemaError>] = [:]
        for version in SchemaVersion.allCases {
            schemas[version] = Result { () throws(SchemaError) -> TableSchema in
                try TableSchema(json: Data(version.embeddedSchema))
            }
        }
        self.schemas = schemas
    }

    func schema(for version: SchemaVersion) throws(SchemaError) -> TableSchema {
        try schemas[version]!.get()
    }
}
