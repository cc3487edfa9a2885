/// The venue's national identifier (field `pivot`): a SIRET (14 digits), a SIREN (9 digits),
/// an RNA number (`W` + 9 characters) or a New Caledonian RIDET.
public struct Pivot: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// What kind of identifier the text looks like.
    public enum Kind: String, Sendable {
        case siret, siren, rna, ridet, other
    }

    public let rawValue: String

    /// A pivot from text matching the standard's pattern `^[a-zA-Z0-9]{9,14}$`.
    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard (9...14).contains(bytes.count),
            bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) })
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    private var isAllDigits: Bool { rawValue.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    public var kind: Kind {
        let first = rawValue.utf8.first
        if first == UInt8(ascii: "W") || first == UInt8(ascii: "w") { return .rna }
        guard isAllDigits else { return .other }
        switch rawValue.utf8.count {
        case 14: return .siret
        case 9: return .siren
        case 7, 10: return .ridet
        default: return .other
        }
    }

    /// A value producers use when they have no identifier: all digits the same
    /// (`00000000000000`, `11111111111111`…) or `123456789…`.
    public var isPlaceholder: Bool {
        guard isAllDigits else { return false }
        let digits = rawValue.utf8
        guard let first = digits.first else { return false }
        if digits.allSatisfy({ $0 == first }) { return true }
        return digits.enumerated().allSatisfy { index, digit in
            Int(digit) - 48 == (index + 1) % 10
        }
    }

    /// Whether a SIRET or SIREN passes the Luhn checksum that INSEE uses. La Poste's
    /// establishments (SIREN 356000000) follow another rule: their digits add up to a
    /// multiple of 5. `nil` for other kinds.
    public var hasValidChecksum: Bool? {
        switch kind {
        case .siret, .siren:
            let digits = rawValue.utf8.map { Int($0) - 48 }
            if digits.count == 14, rawValue.hasPrefix("356000000") {
                return digits.reduce(0, +) % 5 == 0
            }
            return Self.luhn(digits)
        default:
            return nil
        }
    }

    /// The Luhn checksum: from the right, every second digit doubled.
    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}
