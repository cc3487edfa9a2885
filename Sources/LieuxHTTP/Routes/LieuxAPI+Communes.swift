import Hummingbird

/// Suggestions of communes for the map's search field.
extension LieuxAPI {
    static let communeEndpoints: [Endpoint] = []
}
