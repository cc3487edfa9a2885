import Foundation
import LieuxModel

/// GeoJSON polygons of administrative areas, to and from the text the store keeps.
enum AreaGeometry {
    /// A Polygon or MultiPolygon from its GeoJSON geometry object.
    static func polygon(fromGeoJSONObject object: Any) -> GeoPolygon? {
        guard let geometry = object as? [String: Any], let type = geometry["type"] as? String,
            let coordinates = geometry["coordinates"] as? [Any]
        else { return nil }
        // A position on the globe: a longitude beyond ±180° or a latitude beyond ±90° makes the
        // polygon unreadable rather than silently dropped (found by fuzzing: 4.55e+302).
        func position(_ any: Any) -> GeoPolygon.Position? {
            guard let pair = any as? [Any], pair.count >= 2, let lon = jsonNumber(pair[0]), let lat = jsonNumber(pair[1]),
                abs(lon) <= 180, abs(lat) <= 90
            else { return nil }
            return GeoPolygon.Position(longitude: lon, latitude: lat)
        }
        func rings(_ any: Any) -> [[GeoPolygon.Position]]? {
            guard let rings = any as? [Any] else { return nil }
            var parsed: [[GeoPolygon.Position]] = []
            for ring in rings {
                guard let positions = ring as? [Any] else { return nil }
                let read = positions.compactMap(position)
                guard read.count == positions.count, read.count >= 4 else { return nil }
                parsed.append(read)
            }
            return parsed
        }
        switch type {
        case "Polygon":
            return rings(coordinates).map { GeoPolygon(polygons: [$0]) }
        case "MultiPolygon":
            let polygons = coordinates.compactMap(rings)
            return polygons.count == coordinates.count && !polygons.isEmpty ? GeoPolygon(polygons: polygons) : nil
        default:
            return nil
        }
    }

    /// The position of a GeoJSON Point geometry object.
    static func point(fromGeoJSONObject object: Any) -> Coordinates? {
        guard let geometry = object as? [String: Any], geometry["type"] as? String == "Point",
            let pair = geometry["coordinates"] as? [Any], pair.count >= 2,
            let longitude = (pair[0] as? NSNumber)?.doubleValue, let latitude = (pair[1] as? NSNumber)?.doubleValue
        else { return nil }
        return Coordinates(latitude: latitude, longitude: longitude)
    }

    /// The area-weighted centroid of a polygon, holes taken out (in degrees as a plane: for a
    /// commune, metres away from the centroid on the ellipsoid); `nil` when it has no area.
    /// Not always inside it (a crescent's is not).
    static func centroid(_ polygon: GeoPolygon) -> Coordinates? {
        var area = 0.0, x = 0.0, y = 0.0
        for rings in polygon.polygons {
            for (r, ring) in rings.enumerated() {
                // Relative to the ring's first point, for precision.
                guard let origin = ring.first else { continue }
                var a = 0.0, cx = 0.0, cy = 0.0
                for i in 0..<(ring.count - 1) {
                    let x0 = ring[i].longitude - origin.longitude, y0 = ring[i].latitude - origin.latitude
                    let x1 = ring[i + 1].longitude - origin.longitude, y1 = ring[i + 1].latitude - origin.latitude
                    let cross = x0 * y1 - x1 * y0
                    a += cross
                    cx += (x0 + x1) * cross
                    cy += (y0 + y1) * cross
                }
                guard a != 0 else { continue }
                // The exterior counts positively and holes negatively, whatever their winding.
                let weight = (r == 0 ? 1.0 : -1.0) * abs(a) / 2
                area += weight
                x += weight * (cx / (3 * a) + origin.longitude)
                y += weight * (cy / (3 * a) + origin.latitude)
            }
        }
        guard area > 0 else { return nil }
        return Coordinates(latitude: y / area, longitude: x / area)
    }

    /// A polygon from the GeoJSON text of its geometry.
    static func polygon(fromGeoJSON text: String) -> GeoPolygon? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return nil }
        return polygon(fromGeoJSONObject: object)
    }

    /// The compact GeoJSON text of a polygon (a MultiPolygon).
    static func geoJSON(_ polygon: GeoPolygon) -> String {
        func number(_ x: Double) -> String { Lieu.format((x * 1e7).rounded() / 1e7) }
        let polygons = polygon.polygons.map { rings in
            "[" + rings.map { ring in
                "[" + ring.map { "[\(number($0.longitude)),\(number($0.latitude))]" }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
        }
        return #"{"type":"MultiPolygon","coordinates":["# + polygons.joined(separator: ",") + "]}"
    }
}
