import LieuxModel

/// The one k-nearest loop of the store, used by the point index and by SQL: the venues are
/// looked for in a box around the point that doubles until the `count`-th nearest found lies
/// within the box's inscribed circle. Every venue closer than that radius lies in the box, so
/// the first `count` are final; past half the Earth's circumference the box is the world.
enum NearestSearch {
    /// The radius of the first box, in metres.
    static let firstRadius = 2_000.0
    /// Half the Earth's circumference, in metres: no venue is farther.
    static let wholeEarth = 20_037_509.0

    /// The `count` nearest venues, by distance then row key; `candidates` gives every venue
    /// of a box (a superset of those within its inscribed circle) with its distance.
    static func run(around origin: Coordinates, count: Int, _ candidates: (GeoBounds) throws -> [Nearby]) rethrows -> [Nearby] {
        guard count > 0 else { return [] }
        var radius = firstRadius
        while true {
            let found = try candidates(SearchPlan.box(around: origin, radius: radius))
            let whole = radius >= wholeEarth
            if found.count >= count || whole {
                var lowest = LowestValues<Nearby>(keeping: count)
                for item in found { lowest.insert(item) }
                let result = lowest.sorted()
                if whole || result[count - 1].distance <= radius { return result }
            }
            radius = min(radius * 2, wholeEarth)
        }
    }
}
