import LieuxModel

/// The kinds of query measured, in the order of the report.
enum QueryKind: String, CaseIterable {
    case radius = "radius-5km"
    case radius10 = "radius-5km-limit-10"
    case bbox = "bbox-20km"
    case nearest = "nearest-10"
    case within = "within-departement"
    case radiusFiltered = "radius-5km-2-filters"
    case text = "text-q"

    /// What Lieux is asked, as the HTTP parameters say it.
    var question: String {
        switch self {
        case .radius: return "`lat`,`lon`,`radius=5000`, by distance, limit 100"
        case .radius10: return "`lat`,`lon`,`radius=5000`, by distance, limit 10"
        case .bbox: return "`bbox` of 20 × 20 km, limit 100"
        case .nearest: return "`nearest=10`"
        case .within: return "`within=departement:CODE`, limit 100"
        case .radiusFiltered: return "radius 5 km + `services` + `frais_a_charge`, by distance, limit 100"
        case .text: return "`q=` a frequent word of names and communes, limit 100"
        }
    }

    /// The same question in plain SpatiaLite SQL, as the reference asks it.
    var reference: String {
        switch self {
        case .radius, .radius10:
            return "`ST_Distance(geom, MakePoint(lon, lat, 4326), 1) <= 5000` over `SpatialIndex`, `ORDER BY` distance; count + page"
        case .bbox: return "`MbrIntersects(geom, BuildMbr(…))` over `SpatialIndex`; count + page"
        case .nearest: return "SpatiaLite's `KNN` virtual table, `max_items = 10`"
        case .within: return "`ST_Within(geom, area)` over `SpatialIndex`, areas kept as geometries; count + page"
        case .radiusFiltered: return "as radius, + `instr('|' || services || '|', '|label|') > 0` and the same on `frais_a_charge`"
        case .text: return "`nom LIKE '%word%' OR adresse LIKE … OR commune LIKE …` (a scan); count + page"
        }
    }
}

/// A service and a cost, both required (the filters of ``QueryKind/radiusFiltered``).
struct FilterPair {
    var service: Service
    var frais: FraisACharge
}

/// One random query: what Lieux is asked and what the reference is asked.
enum BenchmarkQuery {
    case near(Coordinates, radius: Double, filters: FilterPair?, limit: Int = LieuQuery.defaultLimit)
    case bbox(GeoBounds)
    case nearest(Coordinates, count: Int)
    case within(departement: String)
    case text(String)

    /// The query as the HTTP layer hands it to the repository (default limit 100).
    var lieuQuery: LieuQuery {
        switch self {
        case .near(let point, let radius, let filters, let limit):
            var f = LieuFilters()
            if let filters {
                f.services = [filters.service]
                f.fraisACharge = [filters.frais]
            }
            return LieuQuery(spatial: .near(point, radius: radius), filters: f, sort: .distance, limit: limit)
        case .bbox(let box):
            return LieuQuery(spatial: .bbox(box))
        case .nearest(let point, let count):
            return LieuQuery(spatial: .nearest(point, count: count), sort: .distance)
        case .within(let code):
            return LieuQuery(spatial: .within(AreaReference(kind: .departement, code: code)))
        case .text(let word):
            var f = LieuFilters()
            f.text = word
            return LieuQuery(filters: f)
        }
    }

    /// The number of venues of the first page.
    var limit: Int { lieuQuery.limit }
}
