import Foundation

/// Counts events per client address over a sliding window, to answer 429 once an address
/// has had too many: failed token checks (10 a minute), reports sent (10 in ten minutes).
/// At most ``maximumAddresses`` addresses are remembered; the oldest are forgotten first.
actor AttemptLimiter {
    let limit: Int
    let window: Duration
    static let maximumAddresses = 100_000

    private var events: [String: [ContinuousClock.Instant]] = [:]

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// The seconds until `address` may try again, `nil` when it may now.
    func retryAfter(_ address: String, now: ContinuousClock.Instant = .now) -> Int? {
        let recent = prune(address, now: now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        let wait = window - (now - oldest)
        return max(1, Int(wait.components.seconds) + 1)
    }

    /// Records one event of `address`.
    func record(_ address: String, now: ContinuousClock.Instant = .now) {
        var recent = prune(address, now: now)
        recent.append(now)
        if events.count >= Self.maximumAddresses, events[address] == nil { events.removeAll(keepingCapacity: true) }
        events[address] = recent
    }

    private func prune(_ address: String, now: ContinuousClock.Instant) -> [ContinuousClock.Instant] {
        guard let list = events[address] else { return [] }
        let kept = list.filter { now - $0 < window }
        events[address] = kept.isEmpty ? nil : kept
        return kept
    }
}
