import Foundation
import Hummingbird
import LieuxModel

/// How far people live from the venues: the coverage of the population, in a summary and
/// commune by commune.
extension LieuxAPI {
    static let coverageEndpoints: [Endpoint] = [
        Endpoint(
            .get, "/couverture", operationId: "getCoverage", tag: .donnees, summary: "La population à moins de N km d'un lieu",
            description: "Pour chaque point de population (les carreaux de la grille de population si elle est importée, sinon le point de chaque commune), la distance à vol d'oiseau (grand cercle) au lieu le plus proche parmi ceux des filtres des items. Réponse : population, seuils (km, population, part), mediane_km, p90_km, par (seuils=… par departement ou region), communes_au_dela (au-delà de au_dela km, défaut 10, les plus peuplées d'abord, au plus limit), suggestions (suggestions=N : les communes où un lieu ajouterait le plus d'habitants à moins de au_dela km, choisies l'une après l'autre). territoire=departement:16 ne compte que la population de ce territoire ; les lieux restent ceux des filtres.",
            parameters: ItemsParameters.names(for: .couverture),
            success: .init("La couverture", [.init(MediaType.json, .object)]), failures: [.notModified, .notFound],
            handler: { try await $0.couverture($1, context: $2) }),
        Endpoint(
            .get, "/couverture/communes", operationId: "getCoverageCommunes", tag: .donnees,
            summary: "La distance au lieu le plus proche, commune par commune",
            description: "Une Feature Point par commune importée avec sa population (son point représentatif), propriétés code, nom, population et distance_km (au lieu le plus proche parmi ceux des filtres des items ; null si aucun), pour une carte choroplèthe ; territoire=… les restreint.",
            parameters: ItemsParameters.names(for: .couvertureCommunes),
            success: .init("Les communes", [.init(MediaType.geoJSON, .object)]), failures: [.notModified, .notFound],
            handler: { try await $0.couvertureCommunes($1, context: $2) }),
    ]

    /// `GET /couverture`.
    @Sendable func couverture(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try CouvertureParameters(QueryParameters(query: request.uri.query), route: .couverture, now: configuration.now())
        try await checkArea(parameters.query.spatial)
        let couverture = try await repository.couverture(parameters.query, options: parameters.options)
        guard couverture.points != .aucun else { throw Self.withoutPopulation }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok, headers: [.contentType: MediaType.json], body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(couverture))))
    }

    /// 404: the store has no population to measure.
    static let withoutPopulation = Problem(
        status: .notFound, code: "population-absente", title: "Population absente", detail: Couverture.sansPopulation)

    /// `GET /couverture/communes`.
    @Sendable func couvertureCommunes(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let query = try QueryParameters(query: request.uri.query)
        let parameters = try CouvertureParameters(query, route: .couvertureCommunes, now: configuration.now())
        try await checkArea(parameters.query.spatial)
        let communes = try await repository.couvertureCommunes(parameters.query, territoire: parameters.options.territoire)
        let document = Self.communesDocument(communes, timeStamp: Self.timestamp(configuration.now()))
        return Self.geoJSONResponse(document)
    }

    /// The communes and their distances as a GeoJSON FeatureCollection: a Point each, with
    /// code, nom, population and distance_km (to the metre; null without venue).
    static func communesDocument(_ communes: [CommuneDistance], timeStamp: String?) -> JSONValue {
        let features: [JSONValue] = communes.map { commune in
            var properties: JSONValue = ["code": .string(commune.code)]
            properties.append("nom", commune.nom.map(JSONValue.string) ?? .null)
            properties.append("population", .number(commune.population))
            properties.append("distance_km", commune.distance.map { .number(($0).rounded() / 1000) } ?? .null)
            return ["type": "Feature", "id": .string(commune.code), "geometry": point(commune.coordinates), "properties": properties]
        }
        var document: JSONValue = ["type": "FeatureCollection", "numberMatched": .integer(features.count), "numberReturned": .integer(features.count)]
        if let timeStamp { document.append("timeStamp", .string(timeStamp)) }
        document.append("features", .array(features))
        return document
    }
}

/// The GeoJSON of the communes and their distances, for `lieux couverture --format geojson`.
public enum CouvertureGeoJSON {
    public static func communes(_ communes: [CommuneDistance]) -> [UInt8] {
        LieuxAPI.communesDocument(communes, timeStamp: nil).serialized()
    }
}
