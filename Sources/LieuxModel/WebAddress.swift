/// An http or https address (fields `site_web`, `fiche_acces_libre`, `prise_rdv`).
public struct WebAddress: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts `http://` and `https://` addresses with a host and no spaces.
    public init?(rawValue: String) {
        let lower = rawValue.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = rawValue.dropFirst(8) }
        else if lower.hasPrefix("http://") { rest = rawValue.dropFirst(7) }
        else { return nil }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !rawValue.contains(where: { $0.isWhitespace }) else { return nil }
        self.rawValue = rawValue
    }

    /// Keeps `text` as the producer wrote it, well formed or not: the standard has no pattern
    /// for this field, so nothing it holds is dropped (see ``isWellFormed``).
    public init(verbatim text: String) {
        rawValue = text
    }

    /// Whether the text has the form of a web address (the failable initialiser's check).
    public var isWellFormed: Bool { Self(rawValue: rawValue) != nil }

    public var description: String { rawValue }
}
