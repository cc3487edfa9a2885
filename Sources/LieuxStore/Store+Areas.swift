import Foundation
import GRDB
import LieuxModel

/// What an import of areas did.
public struct AreaImportResult: Sendable, Codable {
    public var kind: AreaReference.Kind
    /// Areas stored (new or replaced).
    public var stored = 0
    /// Features skipped: no code, or a geometry that is not a (multi)polygon.
    public var skipped: [String] = []
    /// Areas stored without a population, when one was asked for.
    public var withoutPopulation = 0
    /// Features left out by the `only` condition.
    public var excluded = 0
}

extension Store {
    /// Imports administrative areas from a GeoJSON FeatureCollection of polygons, replacing
    /// areas of the same kind and code; in one transaction.
    ///
    /// - Parameters:
    ///   - codeProperty: the feature property holding the area's code (`code`, `code_insee`…).
    ///   - nameProperty: the property holding its name, if any.
    ///   - populationProperty: the property holding its population, if any (a number, or
    ///     digits in a string).
    ///   - only: a property and the value it must have for a feature to be imported
    ///     (`type` = `COM` keeps communes and leaves out the arrondissements that overlap them).
    ///
    /// Each area keeps a representative point: the area-weighted centroid of its polygon, or
    /// the feature's own geometry when it is a Point (the area then holds no venue).
    public func importAreas(
        at url: URL, kind: AreaReference.Kind, codeProperty: String = "code", nameProperty: String = "nom",
        populationProperty: String? = nil, only: (property: String, value: String)? = nil
    ) throws(StoreError) -> AreaImportResult {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        } catch {
            throw StoreError(code: .sql, message: "« \(url.path) » n'est pas un fichier GeoJSON lisible.", cause: error)
        }
        guard let collection = object as? [String: Any], let features = collection["features"] as? [Any] else {
            throw StoreError(code: .sql, message: "« \(url.path) » n'est pas une FeatureCollection GeoJSON.")
        }
        var result = AreaImportResult(kind: kind)
        do {
            try pool.write { db in
                let insert = try db.makeStatement(sql: """
                    INSERT OR REPLACE INTO area (kind, code, name, min_longitude, min_latitude, max_longitude, max_latitude, geometry,
                        population, point_longitude, point_latitude)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                func text(_ value: Any?) -> String? { (value as? String) ?? (value as? NSNumber)?.stringValue }
                for (index, any) in features.enumerated() {
                    let feature = any as? [String: Any]
                    let properties = feature?["properties"] as? [String: Any] ?? [:]
                    if let only, text(properties[only.property]) != only.value {
                        result.excluded += 1
                        continue
                    }
                    guard let code = text(properties[codeProperty]), !code.isEmpty else {
                        result.skipped.append("entité \(index + 1) : pas de propriété « \(codeProperty) »")
                        continue
                    }
                    let polygon: GeoPolygon, bounds: GeoBounds, point: Coordinates?
                    if let geometry = feature?["geometry"], let found = AreaGeometry.polygon(fromGeoJSONObject: geometry), let box = found.bounds {
                        (polygon, bounds, point) = (found, box, AreaGeometry.centroid(found))
                    } else if let geometry = feature?["geometry"], let found = AreaGeometry.point(fromGeoJSONObject: geometry) {
                        polygon = GeoPolygon(polygons: [])
                        bounds = GeoBounds(minLongitude: found.longitude, minLatitude: found.latitude, maxLongitude: found.longitude, maxLatitude: found.latitude)
                        point = found
                    } else {
                        result.skipped.append("\(code) : géométrie absente, ni polygone ni point")
                        continue
                    }
                    var population: Double?
                    if let populationProperty {
                        population = (properties[populationProperty] as? NSNumber)?.doubleValue
                            ?? text(properties[populationProperty]).flatMap { Double($0.replacingOccurrences(of: " ", with: "")) }
                        if population == nil || !(population!.isFinite && population! >= 0) {
                            population = nil
                            result.withoutPopulation += 1
                        }
                    }
                    try insert.execute(arguments: [
                        kind.rawValue, code, properties[nameProperty] as? String, bounds.minLongitude, bounds.minLatitude,
                        bounds.maxLongitude, bounds.maxLatitude, AreaGeometry.geoJSON(polygon), population, point?.longitude, point?.latitude,
                    ])
                    result.stored += 1
                }
                if result.stored > 0 { try Store.bumpVersion(db) }
            }
        } catch {
            throw StoreError.failed("L'import des territoires a échoué et n'a rien modifié.", cause: error)
        }
        return result
    }
}
