import Foundation

/// The venues of a search grouped in the cells of a ``ClusterGrid``: what a map shows at a
/// zoom where markers would pile up.
public struct LieuClusters: Sendable, Hashable {
    public var grid: ClusterGrid
    /// One per cell with venues, by cell (column, then row).
    public var clusters: [LieuCluster]
    /// The placed venues that match (venues without coordinates are in no cell).
    public var numberMatched: Int

    public init(grid: ClusterGrid, clusters: [LieuCluster], numberMatched: Int) {
        self.grid = grid
        self.clusters = clusters
        self.numberMatched = numberMatched
    }
}

/// The venues of one cell: their number, mean position and box; the venue itself when alone.
public struct LieuCluster: Sendable, Hashable {
    /// The cell, as ``ClusterGrid/cell(longitude:latitude:)`` numbers it.
    public var cell: Int
    public var count: Int
    /// The mean of the venues' coordinates.
    public var centre: Coordinates
    /// The smallest box holding the venues.
    public var bounds: GeoBounds
    /// The venue, when the cell holds only one.
    public var lieu: Member?

    /// A venue alone in its cell: enough to draw and open it.
    public struct Member: Sendable, Hashable {
        public var source: String
        public var id: Lieu.ID
        public var nom: String

        public init(source: String, id: Lieu.ID, nom: String) {
            self.source = source
            self.id = id
            self.nom = nom
        }
    }

    public init(cell: Int, count: Int, centre: Coordinates, bounds: GeoBounds, lieu: Member?) {
        self.cell = cell
        self.count = count
        self.centre = centre
        self.bounds = bounds
        self.lieu = lieu
    }
}
