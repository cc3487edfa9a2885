import Foundation
import LieuxModel

/// GeoJSON polygons of administrative areas, to and from the text the store keeps.
enum AreaGeometry {
    /// A Polygon or MultiPolygon from its GeoJSON geometry object.
    static func polygon(fromGeoJSONObject object: Any) -> GeoPolygon? {
        guard let geometry = object as? [String: Any], let type = geometry["type"] as? String,
            let coordinates = geometry["coordinates"] as? [Any]
        else { return nil }
        func position(_ any: Any) -> GeoPolygon.Position? {
            guard let pair = any as? [Any], pair.count >= 2,
                let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue,
                lon.isFinite, lat.isFinite
            else { return nil }
            return GeoPolygon.Position(longitude: lon, latitude: lat)
        }
        func rings(_ any: Any) -> [[GeoPolygon.Position]]? {
            guard let rings = any as? [Any] else { return nil }
            let parsed = rings.compactMap { ring in (ring as? [Any]).map { $0.compactMap(position) } }
            return parsed.count == rings.count && parsed.allSatisfy({ $0.count >= 4 }) ? parsed : nil
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
