import Foundation

/// A position in WGS 84 degrees (fields `latitude` and `longitude`).
public struct Coordinates: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double

    /// Coordinates within the valid ranges (latitude ±90, longitude ±180), finite.
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The great-circle distance to `other`, in metres (haversine, mean Earth radius).
    /// The mean radius of the Earth, in metres, of ``distance(to:)``.
    public static let earthRadius = 6_371_008.8

    public func distance(to other: Coordinates) -> Double {
        let radius = Self.earthRadius
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let Δφ = φ2 - φ1, Δλ = (other.longitude - longitude) * .pi / 180
        let a = sin(Δφ / 2) * sin(Δφ / 2) + cos(φ1) * cos(φ2) * sin(Δλ / 2) * sin(Δλ / 2)
        return 2 * radius * asin(min(1, a.squareRoot()))
    }
}
