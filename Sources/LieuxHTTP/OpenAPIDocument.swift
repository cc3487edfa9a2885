import LieuxModel

/// The OpenAPI 3.0 document of the service (`GET /api`), built from the same vocabularies
/// and names as the parameter parsing. Self-contained: every `$ref` points inside it, every
/// parameter of every operation is declared.
enum OpenAPIDocument {
    struct Summary: Sendable {
        var method: String
        var path: String
        var summary: String
    }

    static let summaries: [Summary] = [
        Summary(method: "GET", path: "/", summary: "Page d'accueil (liens vers le reste)"),
        Summary(method: "GET", path: "/conformance", summary: "Classes de conformité OGC"),
        Summary(method: "GET", path: "/api", summary: "Ce document OpenAPI 3.0"),
        Summary(method: "GET", path: "/collections", summary: "Les collections (une : lieux)"),
        Summary(method: "GET", path: "/collections/lieux", summary: "La collection des lieux"),
        Summary(method: "GET", path: "/collections/lieux/queryables", summary: "Critères de recherche (JSON Schema)"),
        Summary(method: "GET", path: "/collections/lieux/items", summary: "Chercher des lieux (filtres, proximité, pages)"),
        Summary(method: "GET", path: "/collections/lieux/items/{featureId}", summary: "Un lieu, par identifiant"),
        Summary(method: "GET", path: "/collections/lieux/items/{featureId}/horaires", summary: "Les horaires d'un lieu : ouvert maintenant, prochain changement, semaine"),
        Summary(method: "POST", path: "/collections/lieux/search", summary: "Les lieux dans un polygone GeoJSON"),
        Summary(method: "GET", path: "/export/lieux.geojson", summary: "Export complet en GeoJSON"),
        Summary(method: "GET", path: "/export/lieux.geojsonseq", summary: "Export complet en GeoJSON Text Sequences"),
        Summary(method: "GET", path: "/export/lieux.csv", summary: "Export complet en CSV du standard"),
        Summary(method: "POST", path: "/validate", summary: "Valider un fichier CSV ou JSON du standard"),
        Summary(method: "GET", path: "/health", summary: "État du service"),
    ]

    // MARK: Parameters

    /// The parameters of the item routes, by name, as components.
    static var parameters: [(name: String, value: JSONValue)] {
        var list: [(String, JSONValue)] = [
            ("f", query("f", "Format de la réponse (sinon : en-tête Accept).", ["type": "string", "enum": ["json", "html"]])),
            ("limit", query(
                "limit", "Nombre de lieux par page ; au-delà de 10 000, 10 000.",
                ["type": "integer", "minimum": 1, "maximum": .integer(LieuQuery.maximumLimit), "default": .integer(LieuQuery.defaultLimit)])),
            ("offset", query("offset", "Nombre de lieux à sauter avant la page.", ["type": "integer", "minimum": 0, "default": 0])),
            ("bbox", [
                "name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
                "description": "Rectangle minLon,minLat,maxLon,maxLat en degrés WGS 84 (CRS84) ; six nombres : hauteurs ignorées.",
                "schema": [
                    "type": "array", "minItems": 4, "maxItems": 6, "items": ["type": "number"],
                ],
            ]),
            ("datetime", query(
                "datetime", "Date ou intervalle RFC 3339 (OGC API – Features). Les lieux n'ont pas de géométrie temporelle : accepté, sans effet.",
                ["type": "string"])),
            ("crs", query(
                "crs", "Système de coordonnées des géométries : seul CRS84 (WGS 84, longitude puis latitude) est proposé.",
                ["type": "string", "format": "uri", "enum": [.string(ParameterReader.crs84)], "default": .string(ParameterReader.crs84)])),
            ("bbox-crs", query(
                "bbox-crs", "Système de coordonnées de bbox : seul CRS84 est proposé.",
                ["type": "string", "format": "uri", "enum": [.string(ParameterReader.crs84)], "default": .string(ParameterReader.crs84)])),
            ("lat", query("lat", "Latitude du point de recherche (avec lon, et radius ou nearest).", ["type": "number", "minimum": -90, "maximum": 90])),
            ("lon", query("lon", "Longitude du point de recherche.", ["type": "number", "minimum": -180, "maximum": 180])),
            ("radius", query(
                "radius", "Rayon en mètres autour de lat/lon (au plus 200 km) : chaque lieu a une propriété distance, tri par distance.",
                ["type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": .number(LieuQuery.maximumRadius)])),
            ("nearest", query(
                "nearest", "Les K lieux les plus proches de lat/lon (au plus 100), avec leur distance.",
                ["type": "integer", "minimum": 1, "maximum": .integer(LieuQuery.maximumNearest)])),
            ("within", query(
                "within", "Lieux d'un territoire : commune:CODE_INSEE, departement:CODE ou region:CODE ; inconnu : 404.",
                ["type": "string", "pattern": "^(commune|departement|region):.+$"])),
        ]
        for queryable in Queryables.all {
            var schema: JSONValue = ["type": "string"]
            if let values = queryable.values { schema.append("enum", .strings(values)) }
            if let pattern = queryable.pattern { schema.append("pattern", .string(pattern)) }
            list.append((queryable.name, [
                "name": .string(queryable.name), "in": "query", "required": false, "style": "form", "explode": false,
                "description": .string(queryable.description + " Plusieurs valeurs séparées par des virgules : l'une ou l'autre."),
                "schema": ["type": "array", "items": schema],
            ]))
        }
        list += [
            ("date_maj_min", query(
                "date_maj_min", "Lieux mis à jour ce jour-là ou après (AAAA-MM-JJ).", ["type": "string", "format": "date"])),
            ("q", query("q", "Mots du nom, de l'adresse ou de la commune (accents et majuscules indifférents).", ["type": "string", "maxLength": 200])),
            ("ouvert", query(
                "ouvert", "Lieux ouverts à cet instant : maintenant, ou AAAA-MM-JJTHH:MM (heure de Paris sans décalage).",
                ["type": "string"])),
            ("sortby", query(
                "sortby", "Ordre : nom, -nom, date_maj, -date_maj, distance (avec un point), id. Par défaut : distance avec un point, sinon id.",
                ["type": "string", "enum": .strings(LieuSort.allCases.map(\.rawValue))])),
            ("featureId", [
                "name": "featureId", "in": "path", "required": true,
                "description": "Identifiant du lieu (champ id du standard) ; « source:id » choisit la source quand plusieurs l'ont.",
                "schema": ["type": "string"],
            ]),
            ("schema_version", query(
                "schema_version", "Version du standard pour la validation (auto : déduite des colonnes).",
                ["type": "string", "enum": .strings(["auto"] + ["1.0.2", "0.1.0"]), "default": "auto"])),
        ]
        return list
    }

    private static func query(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        [
            "name": .string(name), "in": "query", "required": false, "style": "form", "explode": false,
            "description": .string(description), "schema": schema,
        ]
    }

    /// Names and descriptions of the parameters of the items, for the HTML page of `/api`.
    static var itemParameterDescriptions: [(name: String, description: String)] {
        let names = ItemsParameters.names(for: .items)
        return parameters.filter { names.contains($0.name) }.map { entry in
            var description = ""
            if case .object(let members) = entry.value, let member = members.first(where: { $0.key == "description" }),
                case .string(let text) = member.value
            {
                description = text
            }
            return (entry.name, description)
        }
    }

    private static func references(_ names: [String]) -> JSONValue {
        .array(names.map { ["$ref": .string("#/components/parameters/\($0)")] })
    }

    // MARK: Document

    /// The document; `serverURL` is the service's base address.
    static func document(serverURL: String) -> JSONValue {
        [
            "openapi": "3.0.3",
            "info": [
                "title": "Lieux de médiation numérique",
                "version": "1.0.0",
                "description": "OGC API – Features (Core, GeoJSON, HTML, OpenAPI 3.0 ; Queryables de la partie 3) pour les lieux de médiation numérique du standard national (v1.0.2), avec recherche à proximité, exports complets et validation de fichiers. Les erreurs sont des problèmes RFC 9457 (application/problem+json) dont le champ detail est en français.",
                "license": ["name": "Code MIT ; données Licence Ouverte 2.0"],
            ],
            "servers": [["url": .string(serverURL.isEmpty ? "/" : serverURL)]],
            "tags": [
                ["name": "Capacités", "description": "Description du service"],
                ["name": "Données", "description": "Les lieux"],
                ["name": "Outils", "description": "Exports et validation"],
            ],
            "paths": paths,
            "components": components,
        ]
    }

    private static var paths: JSONValue {
        let fOnly = references(["f"])
        return .object([
            .init(key: "/", value: ["get": operation(
                "getLandingPage", "Capacités", "Page d'accueil", parameters: fOnly,
                ok: jsonOrHTML("#/components/schemas/landingPage"))]),
            .init(key: "/conformance", value: ["get": operation(
                "getConformanceDeclaration", "Capacités", "Classes de conformité", parameters: fOnly,
                ok: jsonOrHTML("#/components/schemas/confClasses"))]),
            .init(key: "/api", value: ["get": operation(
                "getAPIDefinition", "Capacités", "Ce document (OpenAPI 3.0)", parameters: fOnly,
                ok: response("Le document OpenAPI", [
                    MediaType.openAPI: ["schema": ["type": "object"]], MediaType.html: ["schema": ["type": "string"]],
                ]))]),
            .init(key: "/collections", value: ["get": operation(
                "getCollections", "Capacités", "Les collections", parameters: fOnly,
                ok: jsonOrHTML("#/components/schemas/collections"))]),
            .init(key: "/collections/lieux", value: ["get": operation(
                "describeCollection", "Capacités", "La collection des lieux", parameters: fOnly,
                ok: jsonOrHTML("#/components/schemas/collection"))]),
            .init(key: "/collections/lieux/queryables", value: ["get": operation(
                "getQueryables", "Capacités", "Critères de recherche (JSON Schema)", parameters: fOnly,
                ok: response("Les critères", [
                    MediaType.schemaJSON: ["schema": ["type": "object"]], MediaType.html: ["schema": ["type": "string"]],
                ]))]),
            .init(key: "/collections/lieux/items", value: ["get": operation(
                "getFeatures", "Données", "Chercher des lieux",
                description: "Filtres géographiques (un seul : bbox ; lat, lon et radius ou nearest ; within), filtres par champ du standard (valeurs séparées par des virgules : OU ; champs : ET), pages (limit, offset) et ordre (sortby). Un paramètre inconnu ou une valeur hors du vocabulaire donne 400.",
                parameters: references(ItemsParameters.names(for: .items)),
                ok: featureCollectionResponse, extra: ["404": ref("NotFound")])]),
            .init(key: "/collections/lieux/items/{featureId}", value: ["get": operation(
                "getFeature", "Données", "Un lieu", parameters: references(["featureId", "f", "crs"]),
                ok: response("Le lieu", [
                    MediaType.geoJSON: ["schema": ["$ref": "#/components/schemas/featureGeoJSON"]],
                    MediaType.html: ["schema": ["type": "string"]],
                ]), extra: ["404": ref("NotFound")])]),
            .init(key: "/collections/lieux/items/{featureId}/horaires", value: ["get": operation(
                "getOpeningHours", "Données", "Les horaires d'un lieu",
                description: "Ouvert, fermé ou inconnu à l'instant donné (ouvert=…, sinon maintenant, heure de Paris), prochain changement et semaine ; pour des horaires illisibles, la position de l'erreur et une correction proposée.",
                parameters: references(["featureId", "f", "ouvert"]),
                ok: response("Les horaires lus", [MediaType.json: ["schema": ["type": "object"]]]),
                extra: ["404": ref("NotFound")])]),
            .init(key: "/collections/lieux/search", value: ["post": operation(
                "searchFeatures", "Données", "Les lieux dans un polygone",
                description: "Le corps est une géométrie GeoJSON Polygon ou MultiPolygon (ou une Feature qui en porte une) ; les autres filtres, l'ordre et la page viennent de l'adresse.",
                parameters: references(ItemsParameters.names(for: .search)),
                body: ["required": true, "content": [
                    MediaType.geoJSON: ["schema": ["$ref": "#/components/schemas/polygonGeoJSON"]],
                    MediaType.json: ["schema": ["$ref": "#/components/schemas/polygonGeoJSON"]],
                ]],
                ok: featureCollectionResponse, extra: ["413": ref("ContentTooLarge"), "415": ref("UnsupportedMediaType")], conditional: false)]),
            .init(key: "/export/lieux.geojson", value: ["get": export(
                "exportGeoJSON", "Tous les lieux (avec les filtres) en une FeatureCollection GeoJSON, en flux.", MediaType.geoJSON,
                ["$ref": "#/components/schemas/featureCollectionGeoJSON"])]),
            .init(key: "/export/lieux.geojsonseq", value: ["get": export(
                "exportGeoJSONSeq", "Tous les lieux (avec les filtres), une Feature par ligne précédée de 0x1E (RFC 8142).",
                MediaType.geoJSONSeq, ["type": "string"])]),
            .init(key: "/export/lieux.csv", value: ["get": export(
                "exportCSV", "Tous les lieux (avec les filtres) en CSV du standard : mêmes colonnes, même ordre, | entre les valeurs.",
                "text/csv", ["type": "string"])]),
            .init(key: "/validate", value: ["post": operation(
                "validate", "Outils", "Valider un fichier",
                description: "Le corps est un fichier CSV ou JSON du standard ; la réponse est le rapport de lieux validate --format json (forme de frictionless validate --json), valide ou non.",
                parameters: references(["schema_version"]),
                body: ["required": true, "content": [
                    "text/csv": ["schema": ["type": "string"]],
                    MediaType.json: ["schema": ["type": "array", "items": ["type": "object"]]],
                ]],
                ok: response("Le rapport de validation", [MediaType.json: ["schema": ["$ref": "#/components/schemas/validationReport"]]]),
                extra: ["413": ref("ContentTooLarge"), "415": ref("UnsupportedMediaType")], conditional: false)]),
            .init(key: "/health", value: ["get": operation(
                "health", "Capacités", "État du service", parameters: [],
                ok: response("Le service répond", [MediaType.json: ["schema": ["$ref": "#/components/schemas/health"]]]),
                extra: ["503": ref("ServiceUnavailable")], conditional: false)]),
        ])
    }

    private static func operation(
        _ id: String, _ tag: String, _ summary: String, description: String? = nil, parameters: JSONValue,
        body: JSONValue? = nil, ok: JSONValue, extra: KeyValuePairs<String, JSONValue> = [:], conditional: Bool = true
    ) -> JSONValue {
        var responses: [JSONValue.Member] = [.init(key: "200", value: ok)]
        if conditional { responses.append(.init(key: "304", value: ref("NotModified"))) }
        responses.append(.init(key: "400", value: ref("BadRequest")))
        responses += extra.map { JSONValue.Member(key: $0.key, value: $0.value) }
        if conditional { responses.append(.init(key: "406", value: ref("NotAcceptable"))) }
        responses.append(.init(key: "500", value: ref("ServerError")))
        responses.sort { $0.key < $1.key }
        var value: JSONValue = ["operationId": .string(id), "tags": [.string(tag)], "summary": .string(summary)]
        if let description { value.append("description", .string(description)) }
        value.append("parameters", parameters)
        if let body { value.append("requestBody", body) }
        value.append("responses", .object(responses))
        return value
    }

    private static func export(_ id: String, _ description: String, _ type: String, _ schema: JSONValue) -> JSONValue {
        operation(
            id, "Outils", "Export complet", description: description + " Compressé en gzip si le client l'accepte.",
            parameters: references(ItemsParameters.names(for: .export)),
            ok: response("L'export", [type: ["schema": schema]]), extra: ["404": ref("NotFound"), "503": ref("ServiceUnavailable")],
            conditional: false)
    }

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/responses/\(name)")] }

    private static func response(_ description: String, _ content: KeyValuePairs<String, JSONValue>) -> JSONValue {
        [
            "description": .string(description),
            "headers": ["ETag": ["description": "Change quand les données changent.", "schema": ["type": "string"]]],
            "content": .object(content.map { JSONValue.Member(key: $0.key, value: $0.value) }),
        ]
    }

    private static func jsonOrHTML(_ schema: String) -> JSONValue {
        response("Le document", [MediaType.json: ["schema": ["$ref": .string(schema)]], MediaType.html: ["schema": ["type": "string"]]])
    }

    private static var featureCollectionResponse: JSONValue {
        response("Une page de lieux", [
            MediaType.geoJSON: ["schema": ["$ref": "#/components/schemas/featureCollectionGeoJSON"]],
            MediaType.html: ["schema": ["type": "string"]],
        ])
    }

    // MARK: Components

    private static var components: JSONValue {
        let problem: JSONValue = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/problem"]]]
        func problemResponse(_ description: String) -> JSONValue { ["description": .string(description), "content": problem] }
        return [
            "parameters": .object(parameters.map { JSONValue.Member(key: $0.name, value: $0.value) }),
            "responses": [
                "NotModified": ["description": "Non modifié depuis l'ETag donné (If-None-Match)."],
                "BadRequest": problemResponse("Paramètre inconnu ou invalide ; detail dit lequel et quoi écrire."),
                "NotFound": problemResponse("Lieu ou territoire inconnu."),
                "NotAcceptable": problemResponse("Aucun format demandé par Accept n'est disponible."),
                "ContentTooLarge": problemResponse("Corps de requête trop grand."),
                "UnsupportedMediaType": problemResponse("Type de contenu non pris en charge."),
                "ServerError": problemResponse("Erreur interne."),
                "ServiceUnavailable": problemResponse("Service indisponible ou occupé (Retry-After)."),
            ],
            "schemas": schemas,
        ]
    }

    private static let multiValuedFields: Set<Lieu.Field> = [
        .typologie, .courriels, .siteWeb, .itinerance, .services, .publicsSpecifiquementAdresses, .priseEnChargeSpecifique,
        .fraisACharge, .dispositifProgrammesNationaux, .formationsLabels, .modalitesAcces, .modalitesAccompagnement,
    ]

    private static var schemas: JSONValue {
        let link: JSONValue = [
            "type": "object", "required": ["href", "rel"],
            "properties": [
                "href": ["type": "string"], "rel": ["type": "string"], "type": ["type": "string"],
                "title": ["type": "string"], "method": ["type": "string"],
            ],
        ]
        let links: JSONValue = ["type": "array", "items": ["$ref": "#/components/schemas/link"]]
        var properties: [JSONValue.Member] = Lieu.Field.allCases.filter { $0 != .latitude && $0 != .longitude }.map { field in
            let schema: JSONValue = multiValuedFields.contains(field)
                ? ["type": "array", "items": ["type": "string"]] : ["type": "string"]
            return .init(key: field.rawValue, value: schema)
        }
        properties.append(.init(key: "source_import", value: ["type": "string", "description": "Source d'import du lieu."]))
        properties.append(.init(key: "distance", value: ["type": "number", "description": "Mètres depuis le point de recherche."]))
        let position: JSONValue = ["type": "array", "minItems": 2, "items": ["type": "number"]]
        let ring: JSONValue = ["type": "array", "minItems": 4, "items": position]
        return [
            "link": link,
            "landingPage": [
                "type": "object", "required": ["links"],
                "properties": ["title": ["type": "string"], "description": ["type": "string"], "links": links],
            ],
            "confClasses": [
                "type": "object", "required": ["conformsTo"],
                "properties": ["conformsTo": ["type": "array", "items": ["type": "string"]]],
            ],
            "extent": [
                "type": "object",
                "properties": [
                    "spatial": [
                        "type": "object",
                        "properties": [
                            "bbox": ["type": "array", "items": ["type": "array", "minItems": 4, "maxItems": 6, "items": ["type": "number"]]],
                            "crs": ["type": "string"],
                        ],
                    ]
                ],
            ],
            "collection": [
                "type": "object", "required": ["id", "links"],
                "properties": [
                    "id": ["type": "string"], "title": ["type": "string"], "description": ["type": "string"],
                    "links": links, "extent": ["$ref": "#/components/schemas/extent"],
                    "itemType": ["type": "string"], "crs": ["type": "array", "items": ["type": "string"]],
                ],
            ],
            "collections": [
                "type": "object", "required": ["links", "collections"],
                "properties": ["links": links, "collections": ["type": "array", "items": ["$ref": "#/components/schemas/collection"]]],
            ],
            "pointGeoJSON": [
                "type": "object", "required": ["type", "coordinates"],
                "properties": ["type": ["type": "string", "enum": ["Point"]], "coordinates": position],
            ],
            "polygonGeoJSON": [
                "type": "object", "required": ["type"],
                "properties": [
                    "type": ["type": "string", "enum": ["Polygon", "MultiPolygon", "Feature"]],
                    "coordinates": ["type": "array", "items": ["oneOf": [ring, ["type": "array", "items": ring]]]],
                    "geometry": ["type": "object"],
                ],
            ],
            "featureGeoJSON": [
                "type": "object", "required": ["type", "geometry", "properties"],
                "properties": [
                    "type": ["type": "string", "enum": ["Feature"]],
                    "id": ["type": "string"],
                    // Inline rather than a $ref: validators honour `nullable` only beside `type`.
                    "geometry": [
                        "type": "object", "nullable": true, "required": ["type", "coordinates"],
                        "properties": ["type": ["type": "string", "enum": ["Point"]], "coordinates": position],
                    ],
                    "properties": ["type": "object", "properties": .object(properties)],
                    "links": links,
                ],
            ],
            "featureCollectionGeoJSON": [
                "type": "object", "required": ["type", "features"],
                "properties": [
                    "type": ["type": "string", "enum": ["FeatureCollection"]],
                    "features": ["type": "array", "items": ["$ref": "#/components/schemas/featureGeoJSON"]],
                    "links": links,
                    "timeStamp": ["type": "string", "format": "date-time"],
                    "numberMatched": ["type": "integer", "minimum": 0],
                    "numberReturned": ["type": "integer", "minimum": 0],
                ],
            ],
            "problem": [
                "type": "object", "required": ["type", "title", "status", "detail"],
                "properties": [
                    "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                    "detail": ["type": "string", "description": "Ce qui ne va pas et quoi faire, en français."],
                    "instance": ["type": "string"], "parametre": ["type": "string"],
                    "valeurs_autorisees": ["type": "array", "items": ["type": "string"]],
                ],
            ],
            "validationReport": [
                "type": "object", "required": ["valid", "stats", "tasks"],
                "properties": [
                    "valid": ["type": "boolean"], "stats": ["type": "object"],
                    "errors": ["type": "array", "items": ["type": "object"]],
                    "warnings": ["type": "array", "items": ["type": "object"]],
                    "tasks": ["type": "array", "items": ["type": "object"]],
                ],
            ],
            "health": [
                "type": "object", "required": ["status"],
                "properties": [
                    "status": ["type": "string"], "service": ["type": "string"], "version": ["type": "string"],
                    "donnees": ["type": "string", "description": "Version des données (change à chaque import)."],
                ],
            ],
        ]
    }
}
