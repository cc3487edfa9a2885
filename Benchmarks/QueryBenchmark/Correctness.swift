import Foundation
import LieuxModel
import LieuxStore

/// Lieux's answers against the reference's, on a sample of queries of one kind: the first
/// page, `numberMatched`, and every matching venue. Differences are counted and shown,
/// never hidden; where the reference's meaning differs from Lieux's (the ellipsoid against
/// the sphere, `LIKE` against full text), an exact reference with Lieux's meaning is
/// checked too.
struct Correctness {
    var checked = 0
    /// Queries whose `numberMatched` differs from the reference's count.
    var countMismatches = 0
    /// Queries whose set of venues differs from the reference's.
    var setMismatches = 0
    /// Venues only Lieux found, only the reference found (over all checked queries).
    var onlyLieux = 0
    var onlyReference = 0
    /// Queries whose first page (ids in order) differs from the reference's.
    var pageMismatches = 0
    /// For radius queries: how far from the circle's edge (on the ellipsoid) the farthest
    /// differing venue lies, in metres.
    var largestEdgeGap: Double?
    /// The reference with Lieux's own meaning, if any, and the queries that differ from it.
    var exactReference: String?
    var exactMismatches = 0
    /// Queries where Lieux disagrees with itself: its page is not the head of its full
    /// answer, or `numberMatched` is not the length of that answer.
    var internalMismatches = 0
    var examples: [String] = []

    static let maximumExamples = 4

    private mutating func example(_ text: @autoclosure () -> String) {
        guard examples.count < Self.maximumExamples else { return }
        let text = text()
        if !examples.contains(text) { examples.append(text) }
    }

    /// `source:id` of a key.
    static func display(_ key: String) -> String { key.replacingOccurrences(of: "\u{1F}", with: ":") }

    static func key(_ found: FoundLieu) -> String { found.source + "\u{1F}" + found.lieu.id.rawValue }

    /// Checks `queries` of `kind`.
    static func check(
        _ kind: QueryKind, _ queries: some Collection<BenchmarkQuery>, store: Store, reference: ReferenceDatabase
    ) async throws -> Correctness {
        var result = Correctness()
        for query in queries {
            try await result.check(kind, query, store: store, reference: reference)
        }
        return result
    }

    private mutating func check(_ kind: QueryKind, _ query: BenchmarkQuery, store: Store, reference: ReferenceDatabase) async throws {
        checked += 1
        let lieuQuery = query.lieuQuery
        let page = try await store.search(lieuQuery)
        var all: [FoundLieu] = []
        try store.forEachSynchronously(lieuQuery) { all.append($0) }
        let pageKeys = page.lieux.map(Self.key)
        let allKeys = all.map(Self.key)
        if page.numberMatched != all.count || pageKeys != Array(allKeys.prefix(lieuQuery.limit)) {
            internalMismatches += 1
            example("\(kind.rawValue): Lieux's page (\(page.lieux.count) venues, numberMatched \(page.numberMatched)) is not the head of its full answer (\(all.count) venues)")
        }
        let referencePage = try reference.page(query)
        if page.numberMatched != referencePage.count {
            countMismatches += 1
        }
        if pageKeys != referencePage.keys { pageMismatches += 1 }
        let lieuxSet = Set(allKeys)

        switch query {
        case .near(_, let radius, _, _):
            let candidates = try reference.matches(query)
            let byKey = Dictionary(candidates.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            let ellipsoid = Set(candidates.filter { $0.ellipsoid! <= radius }.map(\.key))
            let sphere = Set(candidates.filter { $0.sphere! <= radius }.map(\.key))
            compare(kind, lieuxSet, ellipsoid) { key in
                guard let m = byKey[key] else { return "not in the reference's box" }
                return String(format: "%.2f m on the ellipsoid, %.2f m on the sphere", m.ellipsoid!, m.sphere!)
            }
            for key in lieuxSet.symmetricDifference(ellipsoid) {
                if let m = byKey[key] { largestEdgeGap = max(largestEdgeGap ?? 0, abs(m.ellipsoid! - radius)) }
            }
            exactReference = "`ST_Distance(…, 0)` (great circle, Lieux's own distance)"
            if lieuxSet != sphere {
                exactMismatches += 1
                for key in lieuxSet.symmetricDifference(sphere).prefix(2) {
                    example("\(kind.rawValue): \(Self.display(key)) \(lieuxSet.contains(key) ? "only in Lieux" : "only in the great-circle reference"), sphere distance \(byKey[key]?.sphere.map { String(format: "%.3f m", $0) } ?? "?")")
                }
            }
        case .nearest(let point, let count):
            let knn = try reference.matches(query)
            let knnSet = Set(knn.map(\.key))
            compare(kind, lieuxSet, knnSet) { key in
                if let m = knn.first(where: { $0.key == key }) {
                    return String(format: "KNN: %.2f m on the ellipsoid, %.2f m on the sphere", m.ellipsoid!, m.sphere!)
                }
                if let f = all.first(where: { Self.key($0) == key }), let d = f.distance {
                    return String(format: "Lieux: %.2f m on the sphere; KNN's 10th: %.2f m on the ellipsoid", d, knn.last?.ellipsoid ?? .nan)
                }
                return ""
            }
            // The `count` nearest on the sphere, from every venue of a box large enough.
            let farthest = max(all.last?.distance ?? 0, knn.compactMap(\.sphere).max() ?? 0)
            let around = try reference.matches(.near(point, radius: farthest * 1.01 + 1, filters: nil))
            let sphere = Set(around.sorted { $0.sphere! < $1.sphere! }.prefix(count).map(\.key))
            exactReference = "the \(count) smallest `ST_Distance(…, 0)` (great circle, Lieux's own distance)"
            if lieuxSet != sphere {
                exactMismatches += 1
                example("\(kind.rawValue): Lieux's \(count) nearest differ from the great-circle reference's around (\(point.latitude), \(point.longitude))")
            }
        case .text(let word):
            let like = try reference.matches(query)
            let text = Dictionary(like.map { ($0.key, $0.text ?? "") }, uniquingKeysWith: { a, _ in a })
            compare(kind, lieuxSet, Set(like.map(\.key))) { key in
                if let t = text[key] { return "LIKE '%\(word)%' matches « \(t) »" }
                if let f = all.first(where: { Self.key($0) == key }) {
                    return "full text matches « \(f.lieu.nom) / \(f.lieu.adresse) / \(f.lieu.commune) »"
                }
                return ""
            }
            exactReference = "FTS5 `MATCH '\"word\"*'` on `lieu_fts` (Lieux's own meaning)"
            if try reference.fullTextMatches(word) != allKeys {
                exactMismatches += 1
                example("\(kind.rawValue): Lieux's answer to q=\(word) differs from FTS5's own")
            }
        case .bbox, .within:
            let ordered = try reference.matches(query).map(\.key)
            compare(kind, lieuxSet, Set(ordered)) { _ in "" }
            if ordered != allKeys && Set(ordered) == lieuxSet {
                example("\(kind.rawValue): same venues, another order")
            }
        }
    }

    /// Counts the venues found by one side only, with an example or two.
    private mutating func compare(_ kind: QueryKind, _ lieux: Set<String>, _ reference: Set<String>, explain: (String) -> String) {
        guard lieux != reference else { return }
        setMismatches += 1
        let onlyL = lieux.subtracting(reference), onlyR = reference.subtracting(lieux)
        onlyLieux += onlyL.count
        onlyReference += onlyR.count
        for key in onlyL.sorted().prefix(1) { example("\(kind.rawValue): \(Self.display(key)) only in Lieux (\(explain(key)))") }
        for key in onlyR.sorted().prefix(1) { example("\(kind.rawValue): \(Self.display(key)) only in the reference (\(explain(key)))") }
    }
}
