/// The INSEE code of a commune (field `code_insee`): département (2 characters, `2A`/`2B`
/// for Corsica, 97x/98x overseas) then the commune's number.
public struct CodeINSEE: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Follows the standard's pattern `^([013-9]\d|2[AB1-9])\d{3}$`.
    public init?(rawValue: String) {
        let b = Array(rawValue.utf8)
        guard b.count == 5 else { return nil }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        let head: Bool
        if b[0] == UInt8(ascii: "2") {
            head = b[1] == UInt8(ascii: "A") || b[1] == UInt8(ascii: "B") || (b[1] >= 49 && b[1] <= 57)
        } else {
            head = isDigit(b[0]) && isDigit(b[1])
        }
        guard head, isDigit(b[2]), isDigit(b[3]), isDigit(b[4]) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The département of the commune, when the code names a known one.
    public var departement: Departement? { Departement(codeINSEE: rawValue) }
}
