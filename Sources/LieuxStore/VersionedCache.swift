import Synchronization

/// Values read for one data version of the store, by key: the venues and features of the
/// pages people ask for again and again (a town's box, the venues near a station), and the
/// pages themselves. Bounded: when it holds ``capacity`` values it starts afresh (the hot
/// ones come back first); a value of another version is never returned.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let capacity: Int
    private let state = Mutex<(version: Int, values: [Key: Value])>((.min, [:]))

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value of `key` read for data `version`, if kept.
    func value(_ key: Key, version: Int) -> Value? {
        state.withLock { state in state.version == version ? state.values[key] : nil }
    }

    /// The values kept among `keys` for data `version` (empty when the cache is older).
    func values(_ keys: [Key], version: Int) -> [Key: Value] {
        state.withLock { state in
            guard state.version == version else { return [:] }
            var found: [Key: Value] = [:]
            found.reserveCapacity(keys.count)
            for key in keys { if let value = state.values[key] { found[key] = value } }
            return found
        }
    }

    /// Keeps values read for data `version`, forgetting those of any other version.
    func keep(_ values: [Key: Value], version: Int) {
        guard !values.isEmpty else { return }
        state.withLock { state in
            if state.version != version || state.values.count + values.count > capacity {
                state.values = [:]
                state.version = version
            }
            state.values.merge(values) { _, new in new }
        }
    }
}
