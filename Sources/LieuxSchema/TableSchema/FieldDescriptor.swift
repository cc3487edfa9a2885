/// One field of a Table Schema: its name, type, format and constraints.
public struct FieldDescriptor: Sendable, Decodable {
    public var name: String
    public var title: String?
    public var description: String?
    public var type: FieldType
    public var format: String?
    public var constraints: FieldConstraints
    /// Whether the field holds several values separated by the schema's separator (`lieux:multiValue`).
    public var isMultiValued: Bool
    /// The closed list of labels of a vocabulary field (`lieux:vocabulary`).
    public var vocabulary: [String]?

    enum CodingKeys: String, CodingKey {
        case name, title, description, type, format, constraints
        case multiValue = "lieux:multiValue"
        case vocabulary = "lieux:vocabulary"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        let typeName = try c.decodeIfPresent(String.self, forKey: .type) ?? "string"
        guard let type = FieldType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "type de champ non pris en charge : \(typeName)")
        }
        self.type = type
        format = try c.decodeIfPresent(String.self, forKey: .format)
        constraints = try c.decodeIfPresent(FieldConstraints.self, forKey: .constraints) ?? FieldConstraints()
        isMultiValued = try c.decodeIfPresent(Bool.self, forKey: .multiValue) ?? false
        vocabulary = try c.decodeIfPresent([String].self, forKey: .vocabulary)
    }
}

/// The Table Schema types Lieux validates.
public enum FieldType: String, Sendable, CaseIterable {
    case string, number, integer, date, boolean
    /// Any value: no type check.
    case any
}
