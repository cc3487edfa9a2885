/// The constraints of a Table Schema field.
public struct FieldConstraints: Sendable, Decodable {
    public var required = false
    public var unique = false
    public var pattern: String?
    public var minLength: Int?
    public var maxLength: Int?
    /// Bounds as written in the schema: a number, or text for dates.
    public var minimum: Bound?
    public var maximum: Bound?
    public var `enum`: [Bound]?

    /// A constraint value: JSON numbers and strings are both allowed by Table Schema.
    public enum Bound: Sendable, Decodable, CustomStringConvertible {
        case number(Double)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Double.self) { self = .number(n) } else if let b = try? c.decode(Bool.self) {
                self = .text(b ? "true" : "false")
            } else { self = .text(try c.decode(String.self)) }
        }

        public var description: String {
            switch self {
            case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
            case .text(let t): return t
            }
        }
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case required, unique, pattern, minLength, maxLength, minimum, maximum
        case `enum`
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        unique = try c.decodeIfPresent(Bool.self, forKey: .unique) ?? false
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        minimum = try c.decodeIfPresent(Bound.self, forKey: .minimum)
        maximum = try c.decodeIfPresent(Bound.self, forKey: .maximum)
        self.enum = try c.decodeIfPresent([Bound].self, forKey: .enum)
    }
}
