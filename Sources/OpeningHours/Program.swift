import Foundation

/// The rules of a value compiled for evaluation (placeholder until evaluation lands).
struct Program: Sendable {
    init(rules: [Rule]) {}
}
