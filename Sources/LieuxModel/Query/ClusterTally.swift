import Foundation

/// Venues added one by one into the cells of a ``ClusterGrid``: counts, sums, boxes, and the
/// first venue of each cell as a `Reference` (a row key in the store, the venue itself in
/// memory) to name the cells that hold only one.
public struct ClusterTally<Reference: Sendable>: Sendable {
    public let grid: ClusterGrid
    private var cells: [Int: Cell] = [:]
    /// The venues added.
    public private(set) var count = 0

    private struct Cell: Sendable {
        var count: Int
        var sumLongitude: Double
        var sumLatitude: Double
        var bounds: GeoBounds
        var first: Reference
    }

    public init(grid: ClusterGrid) { self.grid = grid }

    /// Adds a venue at a point.
    public mutating func add(longitude: Double, latitude: Double, _ reference: @autoclosure () -> Reference) {
        count += 1
        let key = grid.cell(longitude: longitude, latitude: latitude)
        if var cell = cells[key] {
            cell.count += 1
            cell.sumLongitude += longitude
            cell.sumLatitude += latitude
            cell.bounds.minLongitude = min(cell.bounds.minLongitude, longitude)
            cell.bounds.maxLongitude = max(cell.bounds.maxLongitude, longitude)
            cell.bounds.minLatitude = min(cell.bounds.minLatitude, latitude)
            cell.bounds.maxLatitude = max(cell.bounds.maxLatitude, latitude)
            cells[key] = cell
        } else {
            cells[key] = Cell(
                count: 1, sumLongitude: longitude, sumLatitude: latitude,
                bounds: GeoBounds(minLongitude: longitude, minLatitude: latitude, maxLongitude: longitude, maxLatitude: latitude),
                first: reference())
        }
    }

    /// The references of the venues alone in their cell.
    public var singles: [Reference] { cells.values.filter { $0.count == 1 }.map(\.first) }

    /// The clusters, by cell; `member` names the venue of a cell that holds only one (`nil`
    /// leaves it unnamed).
    public func result(member: (Reference) throws -> LieuCluster.Member?) rethrows -> LieuClusters {
        let clusters = try cells.sorted { $0.key < $1.key }.map { key, cell in
            let n = Double(cell.count)
            // The mean of points inside the box lies inside it (rounding aside: clamp).
            let centre = Coordinates(
                latitude: min(max(cell.sumLatitude / n, cell.bounds.minLatitude), cell.bounds.maxLatitude),
                longitude: min(max(cell.sumLongitude / n, cell.bounds.minLongitude), cell.bounds.maxLongitude))!
            return LieuCluster(
                cell: key, count: cell.count, centre: centre, bounds: cell.bounds, lieu: cell.count == 1 ? try member(cell.first) : nil)
        }
        return LieuClusters(grid: grid, clusters: clusters, numberMatched: count)
    }
}
