/// How far people live from the nearest venue of a search: the population within each
/// threshold, the median and 90th percentile distance, by territory, the communes beyond a
/// threshold and where a new venue would bring the most people under it.
///
/// Computed by ``CouvertureCalcul``; its JSON (French keys) is that of `lieux couverture
/// --format json` and of `GET /couverture`.
public struct Couverture: Sendable, Hashable, Codable {
    /// What the population points are.
    public var points: Points
    /// The venues of the search with coordinates: those distances are measured to.
    public var lieux: Int
    /// Every inhabitant counted.
    public var population: Double
    public var seuils: [CouvertureSeuil]
    /// The distance (km) within which half the population lives; `nil` without venue or population.
    public var medianeKm: Double?
    /// The distance (km) within which 90 % of the population lives.
    public var p90Km: Double?
    /// The same per département or région (`par`), by code.
    public var par: [CouvertureTerritoire]?
    /// The population of points in no territory of `par` (no commune code).
    public var sansTerritoire: Double?
    /// The threshold of ``communesAuDela`` and ``suggestions``, in km.
    public var auDelaKm: Double
    /// Every commune with inhabitants beyond ``auDelaKm``.
    public var nombreCommunesAuDela: Int
    /// The most populated of them, first (at most the limit asked for).
    public var communesAuDela: [CommuneAuDela]
    /// Where new venues would bring the most inhabitants within ``auDelaKm``, chosen one after
    /// the other.
    public var suggestions: [Suggestion]

    enum CodingKeys: String, CodingKey {
        case points, lieux, population, seuils
        case medianeKm = "mediane_km", p90Km = "p90_km", par
        case sansTerritoire = "sans_territoire", auDelaKm = "au_dela_km"
        case nombreCommunesAuDela = "nombre_communes_au_dela", communesAuDela = "communes_au_dela", suggestions
    }
}

extension Couverture {
    /// Where the population comes from.
    public enum Points: String, Sendable, Hashable, Codable {
        /// A point per commune, with its population.
        case communes
        /// The squares of a population grid.
        case carreaux
        /// None: no population was imported.
        case aucun
    }

    /// What to say when no population was imported, and what to do.
    public static let sansPopulation =
        "Aucune population n'est importée : importez les communes avec leur population (« lieux areas import communes.geojson --kind commune --code-property code_insee --population population_municipale ») ou une grille de l'INSEE (« lieux areas import carreaux.csv --grille »)."
}

/// The population within a threshold.
public struct CouvertureSeuil: Sendable, Hashable, Codable {
    public var km: Double
    /// Inhabitants within `km` (edge included) of a venue.
    public var population: Double
    /// Their share of the population (0 when there is nobody).
    public var part: Double
}

/// The coverage of one territory.
public struct CouvertureTerritoire: Sendable, Hashable, Codable {
    public var code: String
    public var nom: String?
    public var population: Double
    public var seuils: [CouvertureSeuil]
    public var medianeKm: Double?

    enum CodingKeys: String, CodingKey {
        case code, nom, population, seuils, medianeKm = "mediane_km"
    }
}

/// A commune with inhabitants beyond the threshold.
public struct CommuneAuDela: Sendable, Hashable, Codable {
    /// The INSEE code.
    public var code: String
    public var nom: String?
    /// Inhabitants beyond the threshold: the whole commune with commune points, those of its
    /// squares beyond with a grid.
    public var population: Double
    /// The distance to the nearest venue (with a grid, the largest of its squares').
    public var distanceKm: Double?
    public var longitude: Double
    public var latitude: Double

    enum CodingKeys: String, CodingKey {
        case code, nom, population, distanceKm = "distance_km", longitude, latitude
    }
}

/// A place where a new venue would bring inhabitants within the threshold.
public struct Suggestion: Sendable, Hashable, Codable {
    /// The commune (its INSEE code) or, without communes, the population point's commune.
    public var code: String?
    public var nom: String?
    public var longitude: Double
    public var latitude: Double
    /// Inhabitants it would bring within the threshold, besides those of the suggestions before it.
    public var population: Double
}

/// What to compute, besides the search that selects the venues.
public struct CouvertureOptions: Sendable, Hashable {
    /// Thresholds in km, in increasing order.
    public var seuilsKm: [Double]
    /// The territories to give the coverage of (département or région), if any.
    public var par: AreaReference.Kind?
    /// The threshold of the communes beyond and of the suggestions, in km.
    public var auDelaKm: Double
    /// How many communes beyond to list.
    public var limiteCommunes: Int
    /// How many places to suggest.
    public var suggestions: Int
    /// The population counted: only that of this territory (commune, département, région), if given.
    public var territoire: AreaReference?

    public static let defaultSeuils: [Double] = [1, 2, 5, 10, 20, 30]
    public static let maximumSuggestions = 100

    public init(
        seuilsKm: [Double] = CouvertureOptions.defaultSeuils, par: AreaReference.Kind? = nil, auDelaKm: Double = 10,
        limiteCommunes: Int = 100, suggestions: Int = 0, territoire: AreaReference? = nil
    ) {
        self.seuilsKm = Array(Set(seuilsKm)).sorted()
        self.par = par
        self.auDelaKm = auDelaKm
        self.limiteCommunes = limiteCommunes
        self.suggestions = suggestions
        self.territoire = territoire
    }
}

/// A commune's population point and its distance to the nearest venue, for a map.
public struct CommuneDistance: Sendable, Hashable {
    public var code: String
    public var nom: String?
    public var population: Double
    public var coordinates: Coordinates
    /// Metres; `nil` when no venue matches.
    public var distance: Double?

    public init(code: String, nom: String?, population: Double, coordinates: Coordinates, distance: Double?) {
        self.code = code
        self.nom = nom
        self.population = population
        self.coordinates = coordinates
        self.distance = distance
    }
}
