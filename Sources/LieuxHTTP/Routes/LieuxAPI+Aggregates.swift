import Hummingbird

/// Counts per territory and clusters of venues, for the map at small zooms.
extension LieuxAPI {
    static let aggregateEndpoints: [Endpoint] = []
}
