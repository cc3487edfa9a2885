import Hummingbird
import LieuxModel

/// Counts per territory and clusters of venues, for the map at small zooms: the page never
/// downloads every venue.
extension LieuxAPI {
    static let aggregateEndpoints: [Endpoint] = [
        Endpoint(
            .get, "/collections/lieux/aggregates", operationId: "getAggregates", tag: .donnees, summary: "Les lieux comptés par territoire",
            description: "Une Feature Point par région, département ou commune (par=…) ayant des lieux, avec les filtres des items : propriétés code, nom (connu pour les régions et départements ; pour une commune, le plus petit nom de commune de ses lieux) et lieux (le nombre). Le point est la moyenne des coordonnées des lieux du territoire, pas son centre géographique (geometry null si aucun n'a de coordonnées). Au niveau de la collection : numberMatched (tous les lieux), sansCoordonnees (comptés, non placés), sansTerritoire (comptés dans aucun territoire : sans département connu, ou collectivité d'outre-mer hors région, ou sans code INSEE pour les communes).",
            parameters: ItemsParameters.names(for: .aggregates),
            success: .init("Les territoires", [.init(MediaType.geoJSON, .object)]), failures: [.notModified, .notFound],
            handler: { try await $0.aggregates($1, context: $2) }),
        Endpoint(
            .get, "/collections/lieux/clusters", operationId: "getClusters", tag: .donnees, summary: "Les lieux groupés pour une carte",
            description: "Les lieux de la bbox (obligatoire), avec les filtres des items, groupés sur une grille dont la cellule mesure 360° / 2^zoom / 4 en longitude comme en latitude (degrés simples, comptés depuis -180°, -90° : un quart de tuile de carte au zoom donné). Une cellule de plusieurs lieux donne une Feature Point à la moyenne de leurs coordonnées, propriétés lieux (le nombre) et bbox (le rectangle de ses lieux) ; une cellule d'un seul lieu donne ce lieu, id « source:id » (l'adresse …/items/{id} l'accepte), propriétés lieux (1), source, nom et bbox. numberMatched : les lieux de la bbox.",
            parameters: ItemsParameters.names(for: .clusters),
            success: .init("Les groupes et les lieux seuls", [.init(MediaType.geoJSON, .object)]), failures: [.notModified],
            handler: { try await $0.clusters($1, context: $2) }),
    ]

    /// `GET /collections/lieux/aggregates?par=region|departement|commune`.
    @Sendable func aggregates(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let items = try ItemsParameters(parameters, route: .aggregates, now: configuration.now())
        let levels = AreaReference.Kind.allCases.map(\.rawValue)
        guard let text = try ParameterReader(parameters: parameters).text("par") else {
            throw Problem.invalidParameter(
                "par", "« par » est obligatoire : region, departement ou commune (exemple : par=departement).", allowed: levels)
        }
        guard let level = AreaReference.Kind(rawValue: text) else {
            throw Problem.invalidParameter(
                "par", "« \(text) » n'est pas un niveau de territoire : écrivez par=region, par=departement ou par=commune.", allowed: levels)
        }
        try await checkArea(items.query.spatial)
        let aggregate = items.fusionner
            ? try await repository.mergedAggregate(items.query, by: level, today: CalendarDate.paris(configuration.now()))
            : try await repository.aggregate(items.query, by: level)
        let features: [JSONValue] = aggregate.territories.map { territory in
            var properties: JSONValue = ["code": .string(territory.code)]
            if let nom = territory.nom { properties.append("nom", .string(nom)) }
            properties.append("lieux", .integer(territory.lieux))
            return [
                "type": "Feature", "id": .string(territory.code), "geometry": Self.point(territory.centre), "properties": properties,
            ]
        }
        let document: JSONValue = [
            "type": "FeatureCollection", "par": .string(level.rawValue),
            "numberMatched": .integer(aggregate.numberMatched), "numberReturned": .integer(features.count),
            "sansCoordonnees": .integer(aggregate.sansCoordonnees), "sansTerritoire": .integer(aggregate.sansTerritoire),
            "timeStamp": .string(Self.timestamp(configuration.now())),
            "links": Link.array(selfLinks(request, "/collections/lieux/aggregates", parameters, title: "Lieux par territoire")),
            "features": .array(features),
        ]
        return Self.geoJSONResponse(document)
    }

    /// `GET /collections/lieux/clusters?bbox=…&zoom=Z`.
    @Sendable func clusters(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let items = try ItemsParameters(parameters, route: .clusters, now: configuration.now())
        guard case .bbox(let box) = items.query.spatial else {
            throw Problem.invalidParameter(
                "bbox", "« bbox » est obligatoire : le rectangle de la carte, minLon,minLat,maxLon,maxLat en degrés WGS 84 (exemple : bbox=3.9,49.2,4.1,49.3).")
        }
        let reader = ParameterReader(parameters: parameters)
        let zoom = try reader.integer("zoom", minimum: 0, maximum: ClusterGrid.maximumZoom, meaning: " (le niveau de zoom de la carte)")
        guard let zoom, let grid = ClusterGrid(zoom: zoom) else {
            throw Problem.invalidParameter(
                "zoom", "« zoom » est obligatoire : le niveau de zoom de la carte, un nombre entier entre 0 et \(ClusterGrid.maximumZoom).")
        }
        guard grid.cellCount(box) <= ClusterGrid.maximumCells else {
            throw Problem.invalidParameter(
                "bbox", "La bbox couvre \(grid.cellCount(box)) cellules au zoom \(zoom), plus que \(ClusterGrid.maximumCells) : réduisez-la ou diminuez le zoom.")
        }
        let result = try await repository.clusters(items.query, grid: grid)
        let features: [JSONValue] = result.clusters.map { cluster in
            let b = cluster.bounds
            let bbox: JSONValue = [.number(b.minLongitude), .number(b.minLatitude), .number(b.maxLongitude), .number(b.maxLatitude)]
            var feature: JSONValue = ["type": "Feature"]
            var properties: JSONValue = ["lieux": .integer(cluster.count)]
            if let lieu = cluster.lieu {
                feature.append("id", .string(lieu.source + ":" + lieu.id.rawValue))
                properties.append("source", .string(lieu.source))
                properties.append("nom", .string(lieu.nom))
            }
            properties.append("bbox", bbox)
            feature.append("geometry", Self.point(cluster.centre))
            feature.append("properties", properties)
            return feature
        }
        let document: JSONValue = [
            "type": "FeatureCollection", "zoom": .integer(zoom), "cellule": .number(grid.cellSize),
            "numberMatched": .integer(result.numberMatched), "numberReturned": .integer(features.count),
            "timeStamp": .string(Self.timestamp(configuration.now())),
            "links": Link.array(selfLinks(request, "/collections/lieux/clusters", parameters, title: "Lieux groupés")),
            "features": .array(features),
        ]
        return Self.geoJSONResponse(document)
    }

    /// A GeoJSON Point, or `null`.
    static func point(_ coordinates: Coordinates?) -> JSONValue {
        guard let coordinates else { return .null }
        return ["type": "Point", "coordinates": [.number(coordinates.longitude), .number(coordinates.latitude)]]
    }

    /// The self link of a GeoJSON answer, and the collection's.
    private func selfLinks(_ request: Request, _ path: String, _ parameters: QueryParameters, title: String) -> [Link] {
        let builder = links(request)
        return [
            Link(rel: "self", type: MediaType.geoJSON, href: builder.url(path, parameters), title: title),
            Link(rel: "collection", type: MediaType.json, href: builder.url("/collections/lieux"), title: Self.collectionTitle),
        ]
    }

    static func geoJSONResponse(_ document: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: MediaType.geoJSON, .contentCRS: MediaType.contentCRS84],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.serialized())))
    }
}
