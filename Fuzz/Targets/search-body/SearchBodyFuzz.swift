import FuzzSupport
import Foundation
import LieuxModel
@testable import LieuxHTTP

/// The body of `POST /collections/lieux/search`, a GeoJSON Polygon or MultiPolygon, parsed by
/// `GeoJSONPolygonBody`, then used as the search uses it: its box, point in polygon.
///
/// Properties: parsing never crashes, only answers a problem with status 400; a polygon
/// read has rings of at least four positions on the globe, and a box that holds them.
@main
enum SearchBodyFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let polygon: GeoPolygon
    do {
        polygon = try GeoJSONPolygonBody.parse(fuzzInput(start, count))
    } catch {
        expect(error.status == .badRequest, "statut \(error.status) pour un corps faux")
        return 0
    }
    let positions = polygon.polygons.flatMap { $0.flatMap { $0 } }
    expect(polygon.polygons.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.count >= 4 } }, "un anneau de moins de 4 positions")
    expect(positions.allSatisfy { abs($0.longitude) <= 180 && abs($0.latitude) <= 90 }, "une position hors du globe")
    guard let box = polygon.bounds else {
        expect(false, "un polygone lu sans emprise")
        return 0
    }
    for position in positions.prefix(64) {
        expect(box.contains(latitude: position.latitude, longitude: position.longitude), "une position hors de l'emprise")
        _ = polygon.contains(latitude: position.latitude, longitude: position.longitude)
    }
    _ = polygon.contains(latitude: (box.minLatitude + box.maxLatitude) / 2, longitude: (box.minLongitude + box.maxLongitude) / 2)
    return 0
}
