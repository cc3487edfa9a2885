/// An e-mail address (field `courriels`, several separated by `|`).
public struct Courriel: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts `local@domain.tld` without spaces; nothing finer, since the standard has no pattern.
    public init?(rawValue: String) {
        let parts = rawValue.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !rawValue.contains(where: { $0.isWhitespace })
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
