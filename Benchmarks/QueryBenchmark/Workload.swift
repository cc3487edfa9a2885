import Foundation
import LieuxModel
import LieuxTestSupport

/// What the store holds that random queries are drawn from: the venues' positions, the
/// départements that have venues and an area, the frequent labels and words.
struct Workload {
    /// Venues stored.
    let venueCount: Int
    /// The position of every venue that has one.
    let positions: [Coordinates]
    /// Codes of the départements having venues and a stored area, sorted.
    let departements: [String]
    /// The three most frequent services.
    let services: [Service]
    /// The most frequent cost.
    let frais: FraisACharge?
    /// The ten most frequent words (four letters or more) of names and communes that are
    /// never written with an accent, so that `LIKE` finds what full text finds.
    let words: [String]

    /// Half the side of the bbox query, in metres.
    static let bboxHalfSide = 10_000.0
    /// The radius of the radius queries, in metres.
    static let radius = 5_000.0
    /// How far a query's centre lies from the venue it is drawn from, at most, in metres.
    static let jitter = 1_000.0

    init(reading reference: ReferenceDatabase) throws {
        venueCount = try reference.venueCount()
        positions = try reference.positions()
        departements = try reference.departementsWithAreas()
        let sample = try reference.labelsAndWords(sampleSize: 100_000)
        var serviceCounts: [Service: Int] = [:]
        var fraisCounts: [FraisACharge: Int] = [:]
        var wordCounts: [String: Int] = [:]
        var accented = Set<String>()
        for row in sample {
            for label in row.services.split(separator: "|") {
                if let service = Service(rawValue: String(label)) { serviceCounts[service, default: 0] += 1 }
            }
            for label in row.frais.split(separator: "|") {
                if let frais = FraisACharge(rawValue: String(label)) { fraisCounts[frais, default: 0] += 1 }
            }
            for text in [row.nom, row.commune] {
                for part in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                    let lower = part.lowercased()
                    let folded = lower.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                    if lower != folded || !lower.allSatisfy(\.isASCII) { accented.insert(folded) }
                    if folded.count >= 4 && folded.allSatisfy(\.isLetter) { wordCounts[folded, default: 0] += 1 }
                }
            }
        }
        func top<K>(_ counts: [K: Int], _ n: Int) -> [K] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : "\($0.key)" < "\($1.key)" }.prefix(n).map(\.key)
        }
        services = top(serviceCounts, 3)
        frais = top(fraisCounts, 1).first
        words = top(wordCounts.filter { !accented.contains($0.key) }, 10)
    }

    /// `count` random queries of `kind`, the same for the same seed.
    func queries(_ kind: QueryKind, count: Int, seed: UInt64) -> [BenchmarkQuery] {
        let kindIndex = UInt64(QueryKind.allCases.firstIndex(of: kind)!)
        var random = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ kindIndex)
        return (0..<count).compactMap { _ in
            switch kind {
            case .radius:
                return .near(centre(&random), radius: Self.radius, filters: nil)
            case .radius10:
                return .near(centre(&random), radius: Self.radius, filters: nil, limit: 10)
            case .bbox:
                let c = centre(&random)
                let dLat = Self.bboxHalfSide / 111_195
                let dLon = Self.bboxHalfSide / (111_195 * max(cos(c.latitude * .pi / 180), 1e-6))
                return .bbox(
                    GeoBounds(
                        minLongitude: max(-180, c.longitude - dLon), minLatitude: max(-90, c.latitude - dLat),
                        maxLongitude: min(180, c.longitude + dLon), maxLatitude: min(90, c.latitude + dLat)))
            case .nearest:
                return .nearest(centre(&random), count: 10)
            case .within:
                guard !departements.isEmpty else { return nil }
                return .within(departement: departements[Int(random.next() % UInt64(departements.count))])
            case .radiusFiltered:
                guard !services.isEmpty, let frais else { return nil }
                let c = centre(&random)
                let service = services[Int(random.next() % UInt64(services.count))]
                return .near(c, radius: Self.radius, filters: FilterPair(service: service, frais: frais))
            case .text:
                guard !words.isEmpty else { return nil }
                return .text(words[Int(random.next() % UInt64(words.count))])
            }
        }
    }

    /// A venue's position moved by up to ``jitter`` metres in a random direction.
    private func centre(_ random: inout SplitMix64) -> Coordinates {
        let venue = positions[Int(random.next() % UInt64(positions.count))]
        let bearing = random.unit() * 2 * .pi
        let distance = Self.jitter * random.unit().squareRoot()
        let dLat = distance * cos(bearing) / 111_195
        let dLon = distance * sin(bearing) / (111_195 * max(cos(venue.latitude * .pi / 180), 1e-6))
        return Coordinates(
            latitude: min(89.9, max(-89.9, venue.latitude + dLat)),
            longitude: min(179.9, max(-179.9, venue.longitude + dLon)))!
    }
}
