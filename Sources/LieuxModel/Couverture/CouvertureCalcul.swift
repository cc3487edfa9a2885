/// The coverage of a population by venues (see ``Couverture``), computed in memory: the
/// nearest venue of each population point from a ``SphereTree``, then sums and a greedy
/// choice of new places.
public enum CouvertureCalcul {
    /// The distance in metres from each point to the nearest of `venues` (infinity when there
    /// is none). Each search is bounded by the previous point's distance plus the way between
    /// the two points: grid squares and communes come in an order where neighbours follow.
    public static func distances(_ points: [PopulationPoint], to venues: SphereTree) -> [Double] {
        guard venues.count > 0 else { return Array(repeating: .infinity, count: points.count) }
        var result: [Double] = []
        result.reserveCapacity(points.count)
        var previous: (point: Coordinates, distance: Double)?
        for point in points {
            let bound = previous.map { $0.distance + $0.point.distance(to: point.coordinates) } ?? .infinity
            let distance = venues.nearest(to: point.coordinates, within: bound)!.distance
            result.append(distance)
            previous = (point.coordinates, distance)
        }
        return result
    }

    /// The coverage of `points` by `venues`.
    ///
    /// - Parameters:
    ///   - kind: what the points are (said in the result).
    ///   - communes: the communes' points, for the names and places of the communes beyond
    ///     and as the places suggestions choose from (the population points when empty).
    public static func couverture(
        points allPoints: [PopulationPoint], kind: Couverture.Points, venues: [Coordinates], communes allCommunes: [PopulationPoint] = [],
        options: CouvertureOptions
    ) -> Couverture {
        let points = allPoints.filter { inside($0, options.territoire) }
        let communes = allCommunes.filter { inside($0, options.territoire) }
        let distances = distances(points, to: SphereTree(venues))
        let total = points.reduce(0) { $0 + $1.population }
        var result = Couverture(
            points: kind, lieux: venues.count, population: total,
            seuils: seuils(points.indices, points, distances, options.seuilsKm),
            medianeKm: quantile(0.5, points.indices, points, distances), p90Km: quantile(0.9, points.indices, points, distances),
            par: nil, sansTerritoire: nil, auDelaKm: options.auDelaKm, nombreCommunesAuDela: 0, communesAuDela: [], suggestions: [])
        if let level = options.par {
            var groups: [String: [Int]] = [:]
            var outside = 0.0
            for i in points.indices {
                if let code = points[i].territoire(level) { groups[code, default: []].append(i) } else { outside += points[i].population }
            }
            result.par = groups.keys.sorted().map { code in
                let members = groups[code]!
                return CouvertureTerritoire(
                    code: code, nom: Aggregate.territoryName(level, code: code) ?? communes.first { $0.commune == code }?.nom,
                    population: members.reduce(0) { $0 + points[$1].population }, seuils: seuils(members, points, distances, options.seuilsKm),
                    medianeKm: quantile(0.5, members, points, distances))
            }
            result.sansTerritoire = outside
        }
        let threshold = options.auDelaKm * 1000
        let beyond = communesBeyond(points, distances, threshold: threshold, communes: communes)
        result.nombreCommunesAuDela = beyond.count
        result.communesAuDela = Array(beyond.prefix(max(0, options.limiteCommunes)))
        if options.suggestions > 0 {
            let uncovered = points.indices.filter { distances[$0] > threshold && points[$0].population > 0 }.map { points[$0] }
            result.suggestions = suggestions(
                options.suggestions, uncovered: uncovered, candidates: communes.isEmpty ? points : communes, threshold: threshold)
        }
        return result
    }

    /// Each commune's point and the distance to the nearest of `venues`.
    public static func communeDistances(_ communes: [PopulationPoint], venues: [Coordinates], territoire: AreaReference? = nil) -> [CommuneDistance] {
        let kept = communes.filter { inside($0, territoire) }
        let distances = distances(kept, to: SphereTree(venues))
        return zip(kept, distances).compactMap { point, distance in
            point.commune.map {
                CommuneDistance(code: $0, nom: point.nom, population: point.population, coordinates: point.coordinates, distance: distance.isFinite ? distance : nil)
            }
        }
    }

    static func inside(_ point: PopulationPoint, _ territoire: AreaReference?) -> Bool {
        guard let territoire else { return true }
        return point.territoire(territoire.kind) == territoire.code
    }

    /// The population of `members` within each threshold.
    static func seuils(_ members: some Sequence<Int>, _ points: [PopulationPoint], _ distances: [Double], _ seuilsKm: [Double]) -> [CouvertureSeuil] {
        var total = 0.0
        var within = Array(repeating: 0.0, count: seuilsKm.count)
        for i in members {
            total += points[i].population
            for (k, km) in seuilsKm.enumerated() where distances[i] <= km * 1000 { within[k] += points[i].population }
        }
        return seuilsKm.indices.map { CouvertureSeuil(km: seuilsKm[$0], population: within[$0], part: total > 0 ? within[$0] / total : 0) }
    }

    /// The distance in km within which a share `q` of the population of `members` lives: that
    /// of the first point, nearest first, at which the population counted reaches `q` of the
    /// whole; `nil` when there is nobody or no venue.
    static func quantile(_ q: Double, _ members: some Collection<Int>, _ points: [PopulationPoint], _ distances: [Double]) -> Double? {
        let total = members.reduce(0) { $0 + points[$1].population }
        guard total > 0 else { return nil }
        var counted = 0.0
        for i in members.sorted(by: { (distances[$0], $0) < (distances[$1], $1) }) {
            counted += points[i].population
            if counted >= q * total { return distances[i].isFinite ? distances[i] / 1000 : nil }
        }
        return nil
    }

    /// The communes with inhabitants beyond `threshold` metres, most inhabitants first (then by code).
    static func communesBeyond(_ points: [PopulationPoint], _ distances: [Double], threshold: Double, communes: [PopulationPoint]) -> [CommuneAuDela] {
        var byCode: [String: (population: Double, distance: Double, longitude: Double, latitude: Double)] = [:]
        for i in points.indices where distances[i] > threshold && points[i].population > 0 {
            guard let code = points[i].commune else { continue }
            let p = points[i]
            var entry = byCode[code, default: (0, 0, 0, 0)]
            entry.population += p.population
            entry.distance = max(entry.distance, distances[i])
            entry.longitude += p.coordinates.longitude * p.population
            entry.latitude += p.coordinates.latitude * p.population
            byCode[code] = entry
        }
        var known: [String: PopulationPoint] = [:]
        for commune in communes { if let code = commune.commune { known[code] = commune } }
        for point in points where point.nom != nil { if let code = point.commune, known[code] == nil { known[code] = point } }
        return byCode.map { code, entry in
            let place = known[code]?.coordinates
            return CommuneAuDela(
                code: code, nom: known[code]?.nom, population: entry.population,
                distanceKm: entry.distance.isFinite ? entry.distance / 1000 : nil,
                longitude: place?.longitude ?? entry.longitude / entry.population, latitude: place?.latitude ?? entry.latitude / entry.population)
        }.sorted { ($1.population, $0.code) < ($0.population, $1.code) }
    }

    /// Up to `count` of `candidates`, chosen one after the other, each the one that brings
    /// the most inhabitants of `uncovered` within `threshold` metres besides those the
    /// previous ones brought (ties: the first candidate); none that would bring nobody.
    ///
    /// Lazily: what a candidate brings only shrinks as others are chosen, so a candidate whose
    /// gain, counted again, still beats every other's last count is the best.
    static func suggestions(_ count: Int, uncovered: [PopulationPoint], candidates: [PopulationPoint], threshold: Double) -> [Suggestion] {
        guard count > 0, !uncovered.isEmpty else { return [] }
        let tree = SphereTree(uncovered.map(\.coordinates))
        var covered = Array(repeating: false, count: uncovered.count)
        func gain(_ candidate: Int) -> (Double, [Int]) {
            let reached = tree.within(threshold, of: candidates[candidate].coordinates).filter { !covered[$0] }
            return (reached.reduce(0) { $0 + uncovered[$1].population }, reached)
        }
        // A max-heap of (gain, -candidate): the largest gain, then the first candidate.
        var heap = MaxHeap<Entry>()
        for c in candidates.indices {
            let (g, _) = gain(c)
            if g > 0 { heap.push(Entry(gain: g, candidate: c)) }
        }
        var chosen: [Suggestion] = []
        while chosen.count < count, let top = heap.pop() {
            let (g, reached) = gain(top.candidate)
            guard g > 0 else { continue }
            let fresh = Entry(gain: g, candidate: top.candidate)
            if let next = heap.peek, next > fresh {
                heap.push(fresh)
                continue
            }
            for i in reached { covered[i] = true }
            let place = candidates[top.candidate]
            chosen.append(
                Suggestion(code: place.commune, nom: place.nom, longitude: place.coordinates.longitude, latitude: place.coordinates.latitude, population: g))
        }
        return chosen
    }

    struct Entry: Comparable {
        var gain: Double
        var candidate: Int
        static func < (a: Entry, b: Entry) -> Bool { (a.gain, b.candidate) < (b.gain, a.candidate) }
    }
}
