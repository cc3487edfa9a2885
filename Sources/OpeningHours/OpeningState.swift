import Foundation

/// Whether a venue is open at an instant, according to its `horaires`.
public enum OpeningState: String, Sendable, Hashable, CaseIterable {
    /// Open.
    case open
    /// Closed (no rule opens it, or a rule says `off`).
    case closed
    /// Not known: a rule says `unknown`, a comment alone, or school holidays (`SH`), which
    /// Lieux does not know.
    case unknown

    /// The French word for the state, for display (`ouvert`, `fermé`, `inconnu`).
    public var frenchLabel: String {
        switch self {
        case .open: "ouvert"
        case .closed: "fermé"
        case .unknown: "inconnu"
        }
    }
}

/// A state together with the comment of the rule that gave it (`"sur rendez-vous"`).
public struct OpeningStatus: Sendable, Hashable {
    /// Open, closed or unknown.
    public var state: OpeningState
    /// The comment of the rule that decided, without its quotes.
    public var comment: String?

    /// Creates a status.
    public init(state: OpeningState, comment: String? = nil) {
        self.state = state
        self.comment = comment
    }
}
