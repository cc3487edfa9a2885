import Hummingbird

/// The map page and its files.
extension LieuxAPI {
    static let mapEndpoints: [Endpoint] = []
}
