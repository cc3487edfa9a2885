/// A venue found by a search, with what the search adds to it.
public struct FoundLieu: Sendable, Hashable {
    public var lieu: Lieu
    /// The import source the venue belongs to.
    public var source: String
    /// Distance from the search's point, in metres, for nearby searches.
    public var distance: Double?

    public init(lieu: Lieu, source: String, distance: Double? = nil) {
        self.lieu = lieu
        self.source = source
        self.distance = distance
    }
}

/// One page of results.
public struct LieuPage: Sendable, Hashable {
    public var lieux: [FoundLieu]
    /// How many venues match, over all pages.
    public var numberMatched: Int

    public init(lieux: [FoundLieu], numberMatched: Int) {
        self.lieux = lieux
        self.numberMatched = numberMatched
    }
}

/// Where venues are read from: the SQLite store, or an in-memory double in tests.
public protocol LieuRepository: Sendable {
    /// One page of the venues matching `query`.
    func search(_ query: LieuQuery) async throws -> LieuPage
    /// Every venue matching `query`, ignoring its page, in order: read by the repository on
    /// a thread of its own, taken in batches by the caller (see ``ItemStream``).
    func venues(_ query: LieuQuery) -> ItemStream<FoundLieu>
    /// A venue by source and id; `nil` when there is none.
    func lieu(source: String, id: Lieu.ID) async throws -> FoundLieu?
    /// A venue by id alone, when exactly one source has it (`nil` when none; the first when several).
    func lieu(id: Lieu.ID) async throws -> FoundLieu?
    /// A value that changes whenever the stored venues change (for ETags).
    func version() async throws -> String
    /// Whether an area is known.
    func hasArea(_ area: AreaReference) async throws -> Bool
    /// The venues matching `query` (its page and order ignored) counted by territory of `level`.
    func aggregate(_ query: LieuQuery, by level: AreaReference.Kind) async throws -> Aggregate
    /// The placed venues matching `query` (its page and order ignored; usually in a box)
    /// grouped in the cells of `grid`.
    func clusters(_ query: LieuQuery, grid: ClusterGrid) async throws -> LieuClusters
    /// How far the population lives from the located venues matching `query` (its page and
    /// order ignored).
    func couverture(_ query: LieuQuery, options: CouvertureOptions) async throws -> Couverture
    /// Each commune with a population, and its distance to the nearest venue matching `query`;
    /// only those of `territoire` when given.
    func couvertureCommunes(_ query: LieuQuery, territoire: AreaReference?) async throws -> [CommuneDistance]
    /// The duplicates among the stored venues, with the decisions people recorded.
    func doublons() async throws -> DoublonIndex
}

extension Array where Element == FoundLieu {
    /// The venues in `order` when it is by name or by date (ties by source, then id); as they
    /// are for the id and distance orders, which the caller's search already gives. Names
    /// compare by ``LieuSort/nameKey(_:)``, computed once per venue.
    public func sorted(by order: LieuSort) -> [FoundLieu] {
        func identity(_ a: FoundLieu, _ b: FoundLieu) -> Bool { (a.source, a.lieu.id) < (b.source, b.lieu.id) }
        switch order {
        case .identifiant, .distance:
            return self
        case .nom, .nomDescendant:
            let descending = order == .nomDescendant
            return map { (key: LieuSort.nameKey($0.lieu.nom), found: $0) }.sorted { a, b in
                let ka = (a.key, a.found.lieu.nom), kb = (b.key, b.found.lieu.nom)
                if ka != kb { return descending ? ka > kb : ka < kb }
                return identity(a.found, b.found)
            }.map(\.found)
        case .dateMaj, .dateMajDescendant:
            let descending = order == .dateMajDescendant
            return sorted { a, b in
                if a.lieu.dateMaj != b.lieu.dateMaj { return descending ? a.lieu.dateMaj > b.lieu.dateMaj : a.lieu.dateMaj < b.lieu.dateMaj }
                return identity(a, b)
            }
        }
    }
}
