import Synchronization

/// The point index of the latest data the store has seen, and whether one is being built.
final class PointIndexCache: Sendable {
    private let state = Mutex<(index: PointIndex?, building: Bool)>((nil, false))

    var latest: PointIndex? { state.withLock { $0.index } }

    /// Whether the caller should build an index (no other build is under way).
    func beginBuilding() -> Bool {
        state.withLock { state in
            if state.building { return false }
            state.building = true
            return true
        }
    }

    /// Installs a built index (unless older than the one installed); `nil` when the build failed.
    func finish(_ index: PointIndex?) {
        state.withLock { state in
            state.building = false
            if let index, index.version >= (state.index?.version ?? .min) { state.index = index }
        }
    }
}
