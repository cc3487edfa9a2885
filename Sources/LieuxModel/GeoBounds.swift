import Foundation

/// A longitude–latitude rectangle in WGS 84 degrees, edges included.
///
/// The order of the stored properties is the order of an RFC 7946 `bbox`
/// (`[minLongitude, minLatitude, maxLongitude, maxLatitude]`). A box never crosses the
/// antimeridian: `minLongitude` is west of `maxLongitude` and both lie in −180…180.
public struct GeoBounds: Hashable, Sendable, Codable {
    /// The western edge, in degrees east (−180…180).
    public var minLongitude: Double
    /// The southern edge, in degrees north (−90…90).
    public var minLatitude: Double
    /// The eastern edge, in degrees east (−180…180).
    public var maxLongitude: Double
    /// The northern edge, in degrees north (−90…90).
    public var maxLatitude: Double

    /// A box from its four edges, in the order of an RFC 7946 `bbox`.
    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// Whether the box has no area: an edge is past its opposite edge, or an edge is not a number.
    public var isEmpty: Bool {
        !(minLongitude < maxLongitude && minLatitude < maxLatitude)
    }

    /// Whether a point lies in the box or on its edges.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        latitude >= minLatitude && latitude <= maxLatitude
            && longitude >= minLongitude && longitude <= maxLongitude
    }

    /// Whether another box lies wholly in this one (edges included).
    public func contains(_ other: GeoBounds) -> Bool {
        other.minLongitude >= minLongitude && other.maxLongitude <= maxLongitude
            && other.minLatitude >= minLatitude && other.maxLatitude <= maxLatitude
    }

    /// Whether the two boxes share at least one point.
    public func intersects(_ other: GeoBounds) -> Bool {
        other.minLongitude <= maxLongitude && other.maxLongitude >= minLongitude
            && other.minLatitude <= maxLatitude && other.maxLatitude >= minLatitude
    }

    /// The box widened by `degrees` on every side, kept within −180…180 and −90…90.
    ///
    /// A negative value shrinks the box; it may then become empty.
    public func expanded(by degrees: Double) -> GeoBounds {
        GeoBounds(
            minLongitude: max(-180, minLongitude - degrees),
            minLatitude: max(-90, minLatitude - degrees),
            maxLongitude: min(180, maxLongitude + degrees),
            maxLatitude: min(90, maxLatitude + degrees)
        )
    }

    /// The smallest box that holds both boxes.
    public func union(_ other: GeoBounds) -> GeoBounds {
        GeoBounds(
            minLongitude: min(minLongitude, other.minLongitude),
            minLatitude: min(minLatitude, other.minLatitude),
            maxLongitude: max(maxLongitude, other.maxLongitude),
            maxLatitude: max(maxLatitude, other.maxLatitude)
        )
    }
}
