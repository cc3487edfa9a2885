import Foundation

/// The grid of square cells that groups venues into clusters at a map zoom.
///
/// A cell measures 360° / 2^zoom / 4 in longitude and in latitude, in plain degrees (not
/// Web Mercator): a quarter of a map tile's width at that zoom, so about 64 pixels of a
/// 256-pixel tile (taller on screen away from the equator, by 1 / cos(latitude)). Cells are
/// counted from (−180°, −90°), so that a cell does not move when the map pans.
public struct ClusterGrid: Sendable, Hashable {
    /// The map zoom, 0 to ``maximumZoom``.
    public let zoom: Int
    /// The side of a cell, in degrees.
    public let cellSize: Double

    public static let maximumZoom = 20
    /// The most cells a box may cover at its zoom (a screen of 4,000 × 4,000 pixels holds 3,900).
    public static let maximumCells = 65_536

    /// The grid of `zoom`, `nil` outside 0…``maximumZoom``.
    public init?(zoom: Int) {
        guard (0...Self.maximumZoom).contains(zoom) else { return nil }
        self.zoom = zoom
        cellSize = 360 / Double(1 << zoom) / 4
    }

    /// The number of columns of the whole world.
    var columns: Int { Int((360 / cellSize).rounded()) }
    /// The number of rows of the whole world (a row more for the pole, 90° itself).
    var rows: Int { Int((180 / cellSize).rounded()) + 1 }

    /// The column of a longitude (−180…180; 180 itself falls in the last column).
    public func column(_ longitude: Double) -> Int { min(columns - 1, Int(((longitude + 180) / cellSize).rounded(.down))) }
    /// The row of a latitude (−90…90).
    public func row(_ latitude: Double) -> Int { Int(((latitude + 90) / cellSize).rounded(.down)) }

    /// The cell of a point, as one number (column-major).
    public func cell(longitude: Double, latitude: Double) -> Int { column(longitude) * rows + row(latitude) }

    /// The number of cells that `box` meets.
    public func cellCount(_ box: GeoBounds) -> Int {
        (column(box.maxLongitude) - column(box.minLongitude) + 1) * (row(box.maxLatitude) - row(box.minLatitude) + 1)
    }
}
