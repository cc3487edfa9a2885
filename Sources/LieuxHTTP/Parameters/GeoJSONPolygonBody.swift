import Foundation
import LieuxModel

/// The body of `POST /collections/lieux/search`: a GeoJSON Polygon or MultiPolygon (RFC 7946),
/// bare or as the geometry of a Feature.
enum GeoJSONPolygonBody {
    /// The largest body, in bytes: the detailed outline of a région fits; a polygon of a
    /// million vertices does not (reading one costs half a gigabyte of memory).
    static let maximumSize = 5 * 1024 * 1024
    /// The most positions of all rings together (a 5 MB body holds about 200,000).
    static let maximumPositions = 100_000

    /// The polygon of `bytes`; a 400 problem says what is wrong.
    static func parse(_ bytes: Data) throws(Problem) -> GeoPolygon {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            throw Problem.invalidBody("Le corps n'est pas du JSON lisible. Envoyez une géométrie GeoJSON : {\"type\":\"Polygon\",\"coordinates\":[[[lon,lat],…]]}.")
        }
        guard var geometry = object as? [String: Any] else { throw notGeometry() }
        if geometry["type"] as? String == "Feature" {
            guard let inner = geometry["geometry"] as? [String: Any] else {
                throw Problem.invalidBody("La Feature envoyée n'a pas de géométrie : il faut un Polygon ou un MultiPolygon.")
            }
            geometry = inner
        }
        let type = geometry["type"] as? String
        var counted = 0
        switch type {
        case "Polygon":
            return GeoPolygon(polygons: [try polygon(geometry["coordinates"], path: "coordinates", counted: &counted)])
        case "MultiPolygon":
            guard let list = geometry["coordinates"] as? [Any], !list.isEmpty else {
                throw Problem.invalidBody("« coordinates » d'un MultiPolygon doit être une liste non vide de polygones.")
            }
            var polygons: [[[GeoPolygon.Position]]] = []
            for (index, item) in list.enumerated() {
                polygons.append(try polygon(item, path: "coordinates[\(index)]", counted: &counted))
            }
            return GeoPolygon(polygons: polygons)
        default:
            throw Problem.invalidBody(
                "La géométrie est de type « \(type ?? "absent") » : la recherche prend un Polygon ou un MultiPolygon GeoJSON (les bbox et points passent par GET /collections/lieux/items).")
        }
    }

    private static func notGeometry() -> Problem {
        Problem.invalidBody("Le corps doit être un objet GeoJSON : une géométrie Polygon ou MultiPolygon, ou une Feature qui en porte une.")
    }

    /// The rings of one polygon; `counted`: the positions read so far, of every polygon.
    private static func polygon(_ value: Any?, path: String, counted: inout Int) throws(Problem) -> [[GeoPolygon.Position]] {
        guard let rings = value as? [Any], !rings.isEmpty else {
            throw Problem.invalidBody("« \(path) » doit être une liste d'anneaux : [[[lon,lat],…]].")
        }
        var result: [[GeoPolygon.Position]] = []
        for (index, ring) in rings.enumerated() {
            guard let points = ring as? [Any] else {
                throw Problem.invalidBody("« \(path)[\(index)] » doit être une liste de positions [lon,lat].")
            }
            counted += points.count
            guard counted <= maximumPositions else {
                throw Problem.invalidBody(
                    "Le polygone a plus de \(maximumPositions) positions : simplifiez-le (QGIS : Vecteur › Géométrie › Simplifier ; mapshaper -simplify) avant de chercher dedans.")
            }
            var positions: [GeoPolygon.Position] = []
            for point in points {
                guard let pair = point as? [Any], pair.count >= 2,
                    let longitude = jsonNumber(pair[0]), let latitude = jsonNumber(pair[1]),
                    abs(longitude) <= 180, abs(latitude) <= 90
                else {
                    throw Problem.invalidBody(
                        "Une position de « \(path)[\(index)] » n'est pas [longitude, latitude] en degrés (longitude entre -180 et 180, latitude entre -90 et 90).")
                }
                positions.append(GeoPolygon.Position(longitude: longitude, latitude: latitude))
            }
            guard positions.count >= 4, positions.first == positions.last else {
                throw Problem.invalidBody(
                    "L'anneau « \(path)[\(index)] » doit être fermé et avoir au moins 4 positions, la dernière égale à la première (RFC 7946).")
            }
            result.append(positions)
        }
        return result
    }
}
