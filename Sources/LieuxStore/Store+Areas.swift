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
}

extension Store {
    /// Imports administrative areas from a GeoJSON FeatureCollection of polygons, replacing
    /// areas of the same kind and code; in one transaction.
    ///
    /// - Parameters:
    ///   - codeProperty: the feature property holding the area's code (`code`, `code_insee`…).
    ///   - nameProperty: the property holding its name, if any.
    public func importAreas(
        at url: URL, kind: AreaReference.Kind, codeProperty: String = "code", nameProperty: String = "nom"
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
                    INSERT OR REPLACE INTO area (kind, code, name, min_longitude, min_latitude, max_longitude, max_latitude, geometry)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (index, any) in features.enumerated() {
                    let feature = any as? [String: Any]
                    let properties = feature?["properties"] as? [String: Any] ?? [:]
                    let code = (properties[codeProperty] as? String) ?? (properties[codeProperty] as? NSNumber)?.stringValue
                    guard let code, !code.isEmpty else {
                        result.skipped.append("entité \(index + 1) : pas de propriété « \(codeProperty) »")
                        continue
                    }
                    guard let geometry = feature?["geometry"], let polygon = AreaGeometry.polygon(fromGeoJSONObject: geometry),
                        let bounds = polygon.bounds
                    else {
                        result.skipped.append("\(code) : géométrie absente ou qui n'est pas un polygone")
                        continue
                    }
                    try insert.execute(arguments: [
                        kind.rawValue, code, properties[nameProperty] as? String, bounds.minLongitude, bounds.minLatitude,
                        bounds.maxLongitude, bounds.maxLatitude, AreaGeometry.geoJSON(polygon),
                    ])
                    result.stored += 1
                }
                if result.stored > 0 { try Store.bumpVersion(db) }
            }
        } catch {
            throw StoreError(code: .sql, message: "L'import des territoires a échoué et n'a rien modifié.", cause: error)
        }
        return result
    }
}
