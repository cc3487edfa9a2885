import Foundation

/// A span of a day during which a venue is open (or may be: unknown), for display.
public struct OpeningInterval: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after midnight, 0…1439.
    public var start: Int
    /// Minutes after midnight, up to 1440 (midnight at the end of the day).
    public var end: Int
    /// ``OpeningState/open`` or ``OpeningState/unknown``.
    public var state: OpeningState
    /// The comment of the rule that gave the span.
    public var comment: String?

    public init(start: Int, end: Int, state: OpeningState, comment: String? = nil) {
        self.start = start
        self.end = end
        self.state = state
        self.comment = comment
    }

    /// `09:00-12:00`.
    public var description: String {
        TimeSpan.clock(start) + "-" + TimeSpan.clock(end)
    }
}
