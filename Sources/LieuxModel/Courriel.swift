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

    /// Keeps `text` as the producer wrote it, well formed or not: the standard has no pattern
    /// for this field, so nothing it holds is dropped (see ``isWellFormed``).
    public init(verbatim text: String) {
        rawValue = text
    }

    /// Whether the text has the form of an e-mail address (the failable initialiser's check).
    public var isWellFormed: Bool { Self(rawValue: rawValue) != nil }

    public var description: String { rawValue }
}
