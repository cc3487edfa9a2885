import Foundation

/// The venues of a search counted by territory (région, département or commune), for a map
/// at small zooms: one entry per territory that has matching venues.
///
/// A venue's territory: its département is the store's (from its INSEE code, else its postal
/// code), its région that of its département, its commune its INSEE code. A venue without
/// one is counted in ``sansTerritoire``; a venue without coordinates is counted in its
/// territory but not placed (``sansCoordonnees``).
public struct Aggregate: Sendable, Hashable {
    /// The kind of territory counted.
    public var level: AreaReference.Kind
    /// The territories with venues, by code.
    public var territories: [AggregateTerritory]
    /// Every matching venue, with or without a territory.
    public var numberMatched: Int
    /// Matching venues without coordinates.
    public var sansCoordonnees: Int
    /// Matching venues without a territory of this kind.
    public var sansTerritoire: Int

    public init(
        level: AreaReference.Kind, territories: [AggregateTerritory], numberMatched: Int, sansCoordonnees: Int, sansTerritoire: Int
    ) {
        self.level = level
        self.territories = territories
        self.numberMatched = numberMatched
        self.sansCoordonnees = sansCoordonnees
        self.sansTerritoire = sansTerritoire
    }

    /// The territory of a venue at `level`, from its département code (the store's column)
    /// and INSEE code; `nil` when it has none.
    public static func territoryCode(_ level: AreaReference.Kind, departement: String?, codeINSEE: String?) -> String? {
        switch level {
        case .commune: return codeINSEE
        case .departement: return departement
        case .region: return departement.flatMap { Departement(code: $0) }?.region
        }
    }

    /// The name of a territory at `level` from the catalogues (`nil` for communes, whose names
    /// come from their venues).
    public static func territoryName(_ level: AreaReference.Kind, code: String) -> String? {
        switch level {
        case .commune: return nil
        case .departement: return Departement(code: code)?.nom
        case .region: return Region(code: code)?.nom
        }
    }
}

/// One territory of an ``Aggregate``: its code, name, count of venues and representative point.
public struct AggregateTerritory: Sendable, Hashable {
    /// The INSEE code of the commune, département or région.
    public var code: String
    /// Its name when known: from the catalogues for départements and régions, the smallest
    /// `commune` value of its venues for a commune.
    public var nom: String?
    /// Its matching venues, with or without coordinates.
    public var lieux: Int
    /// Those with coordinates.
    public var placed: Int
    /// The mean of the coordinates of its placed venues (not a centroid of the territory, nor
    /// always inside it); `nil` when none is placed.
    public var centre: Coordinates?

    public init(code: String, nom: String?, lieux: Int, placed: Int, centre: Coordinates?) {
        self.code = code
        self.nom = nom
        self.lieux = lieux
        self.placed = placed
        self.centre = centre
    }
}
