import FuzzSupport
import Foundation
import LieuxModel
@testable import LieuxStore

/// A GeoJSON FeatureCollection of areas read as `lieux areas import` reads it
/// (`Store.importAreas`): each feature's geometry through `AreaGeometry` (polygon or point,
/// centroid, the compact text the store keeps and reads back), without a database.
///
/// Properties: reading never crashes; a polygon's text, read back, has the same rings.
@main
enum AreasFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let object = try? JSONSerialization.jsonObject(with: fuzzInput(start, count)),
        let collection = object as? [String: Any], let features = collection["features"] as? [Any]
    else { return 0 }
    for any in features {
        guard let geometry = (any as? [String: Any])?["geometry"] else { continue }
        if let polygon = AreaGeometry.polygon(fromGeoJSONObject: geometry), polygon.bounds != nil {
            _ = AreaGeometry.centroid(polygon)
            let text = AreaGeometry.geoJSON(polygon)
            let again = AreaGeometry.polygon(fromGeoJSON: text)
            expect(again?.polygons.map { $0.map(\.count) } == polygon.polygons.map { $0.map(\.count) },
                "le texte gardé d'un polygone ne se relit pas : \(text.prefix(200))")
        } else {
            _ = AreaGeometry.point(fromGeoJSONObject: geometry)
        }
    }
    return 0
}
