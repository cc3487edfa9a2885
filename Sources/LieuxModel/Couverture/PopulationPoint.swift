/// Where people live, for the coverage: a commune's representative point with its population,
/// or the centre of a square of a population grid.
public struct PopulationPoint: Sendable, Hashable {
    /// The INSEE code of the commune (for a square, the first commune it meets), if known.
    public var commune: String?
    /// The commune's name, if known.
    public var nom: String?
    public var coordinates: Coordinates
    /// Inhabitants (a grid's estimate may have decimals).
    public var population: Double

    public init(commune: String?, nom: String? = nil, coordinates: Coordinates, population: Double) {
        self.commune = commune
        self.nom = nom
        self.coordinates = coordinates
        self.population = population
    }

    /// The point's territory of `kind`, from its commune's INSEE code.
    public func territoire(_ kind: AreaReference.Kind) -> String? {
        guard let commune else { return nil }
        switch kind {
        case .commune: return commune
        case .departement: return Departement(codeINSEE: commune)?.code
        case .region: return Departement(codeINSEE: commune)?.region
        }
    }
}
