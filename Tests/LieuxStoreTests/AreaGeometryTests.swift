import Foundation
import LieuxModel
import Testing

@testable import LieuxStore

/// The outlines of areas read from GeoJSON, and the compact text the store keeps of them.
@Suite("Area outlines")
struct AreaGeometryTests {
    func polygon(_ ring: String) -> GeoPolygon? {
        AreaGeometry.polygon(fromGeoJSON: #"{"type":"Polygon","coordinates":[["# + ring + "]]}")
    }

    @Test("a ring read keeps its positions, and its text reads back the same")
    func roundTrip() throws {
        let read = try #require(polygon("[0.1,45.6],[0.2,45.6],[0.2,45.7,120],[0.1,45.6]"))
        #expect(read.polygons[0][0].count == 4)
        let again = try #require(AreaGeometry.polygon(fromGeoJSON: AreaGeometry.geoJSON(read)))
        #expect(again.polygons.map { $0.map(\.count) } == read.polygons.map { $0.map(\.count) })
    }

    @Test("a position off the globe, not a number or a boolean makes the outline unreadable, never a ring with fewer positions",
        arguments: [
            "[0.1,45.6],[0.2,4.55e+302],[0.2,45.7],[0.1,45.6]",  // found by fuzzing: written back as "inf"
            "[0.1,45.6],[0.2,45406],[0.2,45.7],[0.1,45.6]",
            "[0.1,45.6],[200,45.6],[0.2,45.7],[0.1,45.6]",
            "[0.1,45.6],[true,45.6],[0.2,45.7],[0.1,45.6]",
            "[0.1,45.6],[\"0.2\",45.6],[0.2,45.7],[0.1,45.6]",
            "[0.1,45.6],[0.2],[0.2,45.7],[0.1,45.6]",
        ])
    func unreadable(_ ring: String) {
        #expect(polygon(ring) == nil)
    }
}
