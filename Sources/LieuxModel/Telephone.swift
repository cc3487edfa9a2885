/// A phone number in the standard's international form: `+33` (or an overseas prefix)
/// followed by 6 to 9 digits, no spaces (field `telephone`).
public struct Telephone: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The country and overseas prefixes the standard accepts.
    public static let prefixes = ["+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681"]

    public let rawValue: String

    public init?(rawValue: String) {
        guard let prefix = Self.prefixes.first(where: { rawValue.hasPrefix($0) }) else { return nil }
        let rest = rawValue.utf8.dropFirst(prefix.utf8.count)
        guard (6...9).contains(rest.count), rest.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
