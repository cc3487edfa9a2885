extension Lieu {
    /// The venue's local identifier, unique within its source (field `id`).
    public struct ID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
        public let rawValue: String

        /// An identifier from its text; `nil` when the text is empty or only spaces.
        public init?(rawValue: String) {
            guard rawValue.contains(where: { !$0.isWhitespace }) else { return nil }
            self.rawValue = rawValue
        }

        public var description: String { rawValue }
        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}
