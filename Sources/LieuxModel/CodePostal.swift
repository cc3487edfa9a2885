/// A French postal code: five digits (field `code_postal`).
public struct CodePostal: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard rawValue.utf8.count == 5, rawValue.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The départements whose communes use this postal code.
    public var departements: [Departement] { Departement.candidates(forCodePostal: rawValue) }
}
