import Foundation

/// A Frictionless Table Schema, as the project's files in `schemas/` write it.
///
/// Only what validation needs is decoded: fields, their types and constraints, the primary
/// key, missing values, and the project's `lieux:*` properties.
public struct TableSchema: Sendable, Decodable {
    public var name: String?
    public var title: String?
    /// The version of the standard (`lieux:version`).
    public var version: String
    public var fields: [FieldDescriptor]
    public var primaryKey: [String]
    /// Cell texts that mean "no value" (`[""]` by default).
    public var missingValues: [String]
    /// The separator of multi-valued fields (`lieux:multiValueSeparator`).
    public var multiValueSeparator: String
    /// Columns that only exist in this version, for detection (`lieux:detectionColumns`).
    public var detectionColumns: [String]

    enum CodingKeys: String, CodingKey {
        case name, title, version, fields, primaryKey, missingValues
        case lieuxVersion = "lieux:version"
        case multiValueSeparator = "lieux:multiValueSeparator"
        case detectionColumns = "lieux:detectionColumns"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        version = try c.decodeIfPresent(String.self, forKey: .lieuxVersion)
            ?? c.decodeIfPresent(String.self, forKey: .version) ?? "inconnue"
        fields = try c.decode([FieldDescriptor].self, forKey: .fields)
        if let key = try? c.decodeIfPresent(String.self, forKey: .primaryKey) {
            primaryKey = [key]
        } else {
            primaryKey = try c.decodeIfPresent([String].self, forKey: .primaryKey) ?? []
        }
        missingValues = try c.decodeIfPresent([String].self, forKey: .missingValues) ?? [""]
        multiValueSeparator = try c.decodeIfPresent(String.self, forKey: .multiValueSeparator) ?? "|"
        detectionColumns = try c.decodeIfPresent([String].self, forKey: .detectionColumns) ?? []
    }

    /// Decodes a schema from its JSON text.
    public init(json: Data) throws(SchemaError) {
        do {
            self = try JSONDecoder().decode(TableSchema.self, from: json)
        } catch {
            throw SchemaError(message: "Le schéma n'est pas un Table Schema lisible : \(error)")
        }
    }

    /// The field named `name`, if any.
    public func field(named name: String) -> FieldDescriptor? {
        fields.first { $0.name == name }
    }
}

/// A schema file that cannot be read or used.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
