import Foundation

/// Points of the globe in a k-d tree over their unit vectors, for the nearest point and the
/// points within a distance of many positions in turn.
///
/// The straight line (chord) between two unit vectors grows with the great-circle distance
/// between them, so the nearest by chord is the nearest on the globe, at any distance and
/// across the antimeridian; the distance returned is then the haversine one
/// (``Coordinates/distance(to:)``), as the searches give it.
public struct SphereTree: Sendable {
    /// The points, reordered so that each subtree is a contiguous range, its median at the middle.
    private var xs: [Double] = []
    private var ys: [Double] = []
    private var zs: [Double] = []
    /// The splitting axis of the node at each position (0, 1, 2).
    private var axes: [UInt8] = []
    /// Each position's index in the array the tree was built from.
    private var original: [Int32] = []
    private var points: [Coordinates] = []

    static let earthRadius = 6_371_008.8

    /// A tree of `points`; results give their index in this array.
    public init(_ points: [Coordinates]) {
        self.points = points
        var order = Array(points.indices)
        let vectors = points.map(Self.vector)
        xs = Array(repeating: 0, count: points.count)
        ys = xs
        zs = xs
        axes = Array(repeating: 0, count: points.count)
        original = Array(repeating: 0, count: points.count)
        build(&order, vectors, 0, points.count)
    }

    public var count: Int { points.count }

    private static func vector(_ c: Coordinates) -> (Double, Double, Double) {
        let φ = c.latitude * .pi / 180, λ = c.longitude * .pi / 180
        return (cos(φ) * cos(λ), cos(φ) * sin(λ), sin(φ))
    }

    private mutating func build(_ order: inout [Int], _ vectors: [(Double, Double, Double)], _ low: Int, _ high: Int) {
        guard low < high else { return }
        // The widest axis of the range.
        var lower = (Double.infinity, Double.infinity, Double.infinity), upper = (-Double.infinity, -Double.infinity, -Double.infinity)
        for i in low..<high {
            let v = vectors[order[i]]
            lower = (min(lower.0, v.0), min(lower.1, v.1), min(lower.2, v.2))
            upper = (max(upper.0, v.0), max(upper.1, v.1), max(upper.2, v.2))
        }
        let spans = [upper.0 - lower.0, upper.1 - lower.1, upper.2 - lower.2]
        let axis = spans.indices.max { spans[$0] < spans[$1] }!
        func coordinate(_ i: Int) -> Double {
            let v = vectors[i]
            return axis == 0 ? v.0 : axis == 1 ? v.1 : v.2
        }
        order[low..<high].sort { (coordinate($0), $0) < (coordinate($1), $1) }
        let middle = (low + high) / 2
        let v = vectors[order[middle]]
        xs[middle] = v.0
        ys[middle] = v.1
        zs[middle] = v.2
        axes[middle] = UInt8(axis)
        original[middle] = Int32(order[middle])
        build(&order, vectors, low, middle)
        build(&order, vectors, middle + 1, high)
    }

    /// The chord, on the unit sphere, of a great-circle distance in metres.
    public static func chord(metres: Double) -> Double {
        2 * sin(min(.pi, metres / earthRadius) / 2)
    }

    /// The nearest point to `origin` and its distance in metres; `nil` when the tree is empty.
    /// `within`, a distance known to hold at least one point (the nearest of a neighbour
    /// plus the distance to it), spares looking further.
    public func nearest(to origin: Coordinates, within bound: Double = .infinity) -> (index: Int, distance: Double)? {
        guard !points.isEmpty else { return nil }
        let q = Self.vector(origin)
        let chordBound = bound.isFinite ? Self.chord(metres: bound * (1 + 1e-9) + 1e-3) : 4
        var best = (position: -1, squared: chordBound * chordBound + 1e-12)
        search(q, 0, points.count, &best)
        if best.position < 0 { search(q, 0, points.count, &best, restart: true) }
        let index = Int(original[best.position])
        return (index, origin.distance(to: points[index]))
    }

    private func search(_ q: (Double, Double, Double), _ low: Int, _ high: Int, _ best: inout (position: Int, squared: Double), restart: Bool = false) {
        if restart { best.squared = .infinity }
        var low = low, high = high
        while low < high {
            let middle = (low + high) / 2
            let dx = xs[middle] - q.0, dy = ys[middle] - q.1, dz = zs[middle] - q.2
            let squared = dx * dx + dy * dy + dz * dz
            if squared < best.squared || (squared == best.squared && best.position >= 0 && original[middle] < original[best.position]) {
                best = (middle, squared)
            }
            let delta: Double
            switch axes[middle] {
            case 0: delta = q.0 - xs[middle]
            case 1: delta = q.1 - ys[middle]
            default: delta = q.2 - zs[middle]
            }
            // The near side first, the far side only if the splitting plane is closer than the best.
            let (nearLow, nearHigh, farLow, farHigh) = delta < 0 ? (low, middle, middle + 1, high) : (middle + 1, high, low, middle)
            search(q, nearLow, nearHigh, &best)
            guard delta * delta <= best.squared else { return }
            low = farLow
            high = farHigh
        }
    }

    /// The indices of the points within `metres` of `origin` (great circle, edges included).
    public func within(_ metres: Double, of origin: Coordinates) -> [Int] {
        guard !points.isEmpty else { return [] }
        let q = Self.vector(origin)
        let c = Self.chord(metres: metres * (1 + 1e-9) + 1e-3)
        var found: [Int] = []
        collect(q, c * c, 0, points.count) { index in
            if origin.distance(to: points[index]) <= metres { found.append(index) }
        }
        return found
    }

    private func collect(_ q: (Double, Double, Double), _ squaredBound: Double, _ low: Int, _ high: Int, _ body: (Int) -> Void) {
        guard low < high else { return }
        let middle = (low + high) / 2
        let dx = xs[middle] - q.0, dy = ys[middle] - q.1, dz = zs[middle] - q.2
        if dx * dx + dy * dy + dz * dz <= squaredBound { body(Int(original[middle])) }
        let delta: Double
        switch axes[middle] {
        case 0: delta = q.0 - xs[middle]
        case 1: delta = q.1 - ys[middle]
        default: delta = q.2 - zs[middle]
        }
        if delta <= 0 || delta * delta <= squaredBound { collect(q, squaredBound, low, middle, body) }
        if delta >= 0 || delta * delta <= squaredBound { collect(q, squaredBound, middle + 1, high, body) }
    }
}
