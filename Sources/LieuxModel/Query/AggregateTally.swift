import Foundation

/// Counts added venue by venue (or group by group) into an ``Aggregate``: one place for the
/// rules of territories, names and means, used by every ``LieuRepository``.
public struct AggregateTally: Sendable {
    public let level: AreaReference.Kind
    private var groups: [String: Group] = [:]
    private var matched = 0
    private var placed = 0
    private var withoutTerritory = 0

    private struct Group: Sendable {
        var lieux = 0
        var placed = 0
        var sumLongitude = 0.0
        var sumLatitude = 0.0
        var communeName: String?
    }

    public init(level: AreaReference.Kind) { self.level = level }

    /// Adds `count` venues of one territory (`nil`: none), `placed` of which have coordinates
    /// whose sums are given; `communeName` is the smallest commune name among them.
    public mutating func add(
        territory code: String?, count: Int, placed: Int, sumLongitude: Double, sumLatitude: Double, communeName: String? = nil
    ) {
        matched += count
        self.placed += placed
        guard let code, !code.isEmpty else {
            withoutTerritory += count
            return
        }
        var group = groups[code, default: Group()]
        group.lieux += count
        group.placed += placed
        group.sumLongitude += sumLongitude
        group.sumLatitude += sumLatitude
        if let communeName, group.communeName.map({ communeName < $0 }) ?? true { group.communeName = communeName }
        groups[code] = group
    }

    /// Adds one venue, from its département (the store's column), INSEE code, commune name and coordinates.
    public mutating func add(departement: String?, codeINSEE: String?, commune: String?, coordinates: Coordinates?) {
        add(
            territory: Aggregate.territoryCode(level, departement: departement, codeINSEE: codeINSEE), count: 1,
            placed: coordinates == nil ? 0 : 1, sumLongitude: coordinates?.longitude ?? 0, sumLatitude: coordinates?.latitude ?? 0,
            communeName: commune)
    }

    /// The aggregate of what was added, territories by code.
    public func result() -> Aggregate {
        let territories = groups.sorted { $0.key < $1.key }.map { code, group in
            AggregateTerritory(
                code: code, nom: level == .commune ? group.communeName : Aggregate.territoryName(level, code: code),
                lieux: group.lieux, placed: group.placed,
                centre: group.placed == 0
                    ? nil
                    : Coordinates(latitude: group.sumLatitude / Double(group.placed), longitude: group.sumLongitude / Double(group.placed)))
        }
        return Aggregate(
            level: level, territories: territories, numberMatched: matched, sansCoordonnees: matched - placed,
            sansTerritoire: withoutTerritory)
    }
}
