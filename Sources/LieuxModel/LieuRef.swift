/// A venue's identity across sources: its source and its id.
public struct LieuRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let source: String
    public let id: String

    public init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    /// `source:id`, as `/items/{id}` accepts it.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else { return nil }
        source = String(text[..<colon])
        id = String(text[text.index(after: colon)...])
    }

    public var description: String { source + ":" + id }

    public static func < (a: LieuRef, b: LieuRef) -> Bool { (a.source, a.id) < (b.source, b.id) }
}
