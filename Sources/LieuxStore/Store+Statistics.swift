import GRDB
import LieuxModel

extension Store {
    /// Counts of the stored venues.
    public func statistics() throws(StoreError) -> StoreStatistics {
        try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu") ?? 0
            let located = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu WHERE geom IS NOT NULL") ?? 0
            let sources = try Row.fetchAll(db, sql: """
                SELECT source.name AS name, count(lieu.pk) AS lieux, count(lieu.geom) AS located,
                       (SELECT max(finished_at) FROM import WHERE import.source_id = source.id) AS last_import
                FROM source LEFT JOIN lieu ON lieu.source_id = source.id
                GROUP BY source.id ORDER BY source.name
                """).map {
                StoreStatistics.SourceCount(source: $0["name"], lieux: $0["lieux"], withCoordinates: $0["located"], lastImport: $0["last_import"])
            }
            let departements = try Row.fetchAll(db, sql: """
                SELECT coalesce(departement, '?') AS key, count(*) AS n FROM lieu GROUP BY 1 ORDER BY 1
                """).map { StoreStatistics.Count(key: $0["key"], lieux: $0["n"]) }
            // Services are `|`-separated: count each label with a LIKE on its delimited form.
            var services: [StoreStatistics.Count] = []
            for service in Service.allCases {
                let n = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM lieu WHERE '|' || services || '|' LIKE ?",
                    arguments: ["%|\(service.rawValue)|%"]) ?? 0
                services.append(StoreStatistics.Count(key: service.rawValue, lieux: n))
            }
            let none = try Int.fetchOne(db, sql: "SELECT count(*) FROM lieu WHERE services IS NULL") ?? 0
            services.append(StoreStatistics.Count(key: "(aucun service renseigné)", lieux: none))
            return StoreStatistics(
                lieux: total, withCoordinates: located, sources: sources, departements: departements, services: services)
        }
    }
}
