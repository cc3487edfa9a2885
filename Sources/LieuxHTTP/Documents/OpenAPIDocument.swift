import LieuxModel

/// The OpenAPI 3.0 document of the service (`GET /api`): its paths from the table of
/// endpoints (``LieuxAPI/endpoints``), its parameters from the same vocabularies and names
/// as the parameter parsing. Self-contained: every `$ref` points inside it, every parameter
/// of every operation is declared.
enum OpenAPIDocument {
    // MARK: Parameters

    /// The parameters of the item routes, by name, as components.
    static var parameters: [(name: String, value: JSONValue)] {
        var list: [(String, JSONValue)] = [
            ("f", query("f", "Format de la réponse (sinon : en-tête Accept).", ["type": "string", "enum": ["json", "html"]])),
            ("limit", query(
                "limit", "Nombre de lieux par page ; au-delà de 10 000, 10 000 (une valeur plus grande est ramenée à 10 000, comme OGC API – Features le permet).",
                ["type": "integer", "minimum": 1, "default": .integer(LieuQuery.defaultLimit)])),
            ("offset", query("offset", "Nombre de lieux à sauter avant la page.", ["type": "integer", "minimum": 0, "default": 0])),
            ("bbox", [
                "name": "bbox", "in": "query", "required": false, "style": "form", "explode": false, "allowEmptyValue": true,
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
                "allowEmptyValue": true,
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
            ("doublons", query(
                "doublons", "fusionner : un lieu par groupe de doublons (les fiches de plusieurs sources qui décrivent le même lieu), chaque champ pris de la meilleure fiche selon des règles écrites, avec membres (les fiches), provenance (la fiche de chaque champ) et qualite ; un lieu fusionné répond aux filtres quand une de ses fiches y répond.",
                ["type": "string", "enum": ["fusionner"]])),
            ("featureId", [
                "name": "featureId", "in": "path", "required": true,
                "description": "Identifiant du lieu (champ id du standard) ; « source:id » choisit la source quand plusieurs l'ont.",
                "schema": ["type": "string"],
            ]),
            ("source", [
                "name": "source", "in": "path", "required": true,
                "description": "Nom de la source (le producteur), celle du jeton.", "schema": ["type": "string"],
            ]),
            ("signalement", [
                "name": "signalement", "in": "path", "required": true,
                "description": "Numéro du signalement.", "schema": ["type": "integer"],
            ]),
            ("essai", query("essai", "1 : montre ce que l'import changerait, sans rien changer.", ["type": "string", "enum": ["0", "1"]])),
            ("autoriser-retraits", query(
                "autoriser-retraits", "1 : autorise un import qui retire plus de 20 % des lieux de la source (et plus de 10), ou tous.",
                ["type": "string", "enum": ["0", "1"]])),
            ("strict", query("strict", "1 : la moindre erreur rejette tout le fichier (422).", ["type": "string", "enum": ["0", "1"]])),
            ("etat", query("etat", "tous (par défaut) ou ouverts (non traités).", ["type": "string", "enum": ["tous", "ouverts"]])),
            ("integration", query(
                "integration", "1 : la vue compacte de la carte, pour l'intégrer dans une iframe (page HTML seulement) ; 0 : la carte entière.",
                ["type": "string", "enum": ["0", "1"]])),
            ("qCommunes", query(
                "q", "Début d'un nom de commune, d'un code postal ou d'un code INSEE.", ["type": "string", "maxLength": 200])),
            ("limitCommunes", query(
                "limit", "Nombre de communes proposées.",
                ["type": "integer", "minimum": 1, "maximum": .integer(LieuxAPI.maximumCommuneSuggestions), "default": 10])),
            ("schema_version", query(
                "schema_version", "Version du standard pour la validation (auto : déduite des colonnes).",
                ["type": "string", "enum": .strings(["auto"] + ["1.0.2", "0.1.0"]), "default": "auto"])),
        ]
        list += [
            ("par", query(
                "par", "Niveau des territoires : region, departement ou commune (obligatoire pour les nombres par territoire) ; pour la couverture, departement ou region.",
                ["type": "string", "enum": .strings(AreaReference.Kind.allCases.map(\.rawValue))])),
            ("zoom", query(
                "zoom", "Niveau de zoom de la carte (obligatoire) : la cellule de la grille mesure 360° / 2^zoom / 4.",
                ["type": "integer", "minimum": 0, "maximum": .integer(ClusterGrid.maximumZoom)], required: true)),
            ("seuils", query(
                "seuils", "Seuils de distance en km, séparés par des virgules (au plus 20, chacun entre 0 et 1000).",
                ["type": "string", "default": "1,2,5,10,20,30"])),
            ("au_dela", query(
                "au_dela", "Seuil en km des communes listées au-delà et des suggestions.",
                ["type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": 1000, "default": 10])),
            ("suggestions", query(
                "suggestions", "Nombre de communes où un nouveau lieu ajouterait le plus d'habitants à moins de au_dela km.",
                ["type": "integer", "minimum": 0, "maximum": .integer(CouvertureOptions.maximumSuggestions), "default": 0])),
            ("territoire", query(
                "territoire", "La population comptée : celle d'un territoire, commune:CODE, departement:CODE ou region:CODE (les lieux restent ceux des filtres).",
                ["type": "string", "pattern": "^(commune|departement|region):.+$"])),
        ]
        return list
    }

    /// An optional query parameter. An empty value (`?f=`, as HTML forms send them) is taken
    /// as an absent parameter, which `allowEmptyValue` says.
    private static func query(_ name: String, _ description: String, _ schema: JSONValue, required: Bool = false) -> JSONValue {
        [
            "name": .string(name), "in": "query", "required": .bool(required), "style": "form", "explode": false,
            "allowEmptyValue": .bool(!required), "description": .string(description), "schema": schema,
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

    /// The document of `endpoints`; `serverURL` is the service's base address.
    static func document(serverURL: String, endpoints: [Endpoint]) -> JSONValue {
        [
            "openapi": "3.0.3",
            "info": [
                "title": "Lieux de médiation numérique",
                "version": "1.0.0",
                "description": "OGC API – Features (Core, GeoJSON, HTML, OpenAPI 3.0 ; Queryables de la partie 3 ; création, remplacement, modification et suppression de la partie 4, avec le jeton d'une source) pour les lieux de médiation numérique du standard national (v1.0.2), avec recherche à proximité, exports complets et validation de fichiers. Les erreurs sont des problèmes RFC 9457 (application/problem+json) dont le champ detail est en français.",
                "license": ["name": "Code MIT ; données Licence Ouverte 2.0"],
            ],
            "servers": [["url": .string(serverURL.isEmpty ? "/" : serverURL)]],
            "tags": .array(Endpoint.Tag.allCases.map { ["name": .string($0.rawValue), "description": .string($0.description)] }),
            "paths": paths(endpoints),
            "components": components(securing: endpoints.contains { $0.scope == .source }),
        ]
    }

    /// One member per path, in the order of the endpoints; in each, one operation per method.
    private static func paths(_ endpoints: [Endpoint]) -> JSONValue {
        var paths: [JSONValue.Member] = []
        for endpoint in endpoints where endpoint.documented {
            let member = JSONValue.Member(key: endpoint.method.rawValue.lowercased(), value: operation(endpoint))
            if let index = paths.firstIndex(where: { $0.key == endpoint.openAPIPath }) {
                paths[index].value.append(member.key, member.value)
            } else {
                paths.append(.init(key: endpoint.openAPIPath, value: .object([member])))
            }
        }
        return .object(paths)
    }

    private static func operation(_ endpoint: Endpoint) -> JSONValue {
        var value: JSONValue = [
            "operationId": .string(endpoint.operationId), "tags": [.string(endpoint.tag.rawValue)],
            "summary": .string(endpoint.summary),
        ]
        if let description = endpoint.description { value.append("description", .string(description)) }
        value.append("parameters", references(endpoint.pathParameters + endpoint.parameters.map { endpoint.components[$0] ?? $0 }))
        if let body = endpoint.body { value.append("requestBody", ["required": true, "content": content(body)]) }
        var responses: [JSONValue.Member] = [.init(key: String(endpoint.success.status), value: response(endpoint.success, etag: endpoint.conditional && endpoint.method == .get))]
        responses += endpoint.allFailures.map { .init(key: String($0.status.code), value: ref($0.rawValue)) }
        value.append("responses", .object(responses))
        if endpoint.scope == .source { value.append("security", [["bearerAuth": []]]) }
        return value
    }

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/responses/\(name)")] }

    private static func response(_ success: Endpoint.Success, etag: Bool) -> JSONValue {
        var value: JSONValue = ["description": .string(success.description)]
        if etag {
            value.append("headers", ["ETag": ["description": "Change quand les données changent.", "schema": ["type": "string"]]])
        } else if success.status == 201 {
            value.append("headers", ["Location": ["description": "L'adresse du lieu créé.", "schema": ["type": "string"]]])
        }
        if !success.content.isEmpty { value.append("content", content(success.content)) }
        return value
    }

    private static func content(_ content: [Endpoint.Content]) -> JSONValue {
        .object(content.map { JSONValue.Member(key: $0.type, value: ["schema": schema($0.schema)]) })
    }

    private static func schema(_ schema: Endpoint.Schema) -> JSONValue {
        switch schema {
        case .component(let name): return ["$ref": .string("#/components/schemas/\(name)")]
        case .object: return ["type": "object"]
        case .text: return ["type": "string"]
        case .arrayOfObjects: return ["type": "array", "items": ["type": "object"]]
        }
    }

    // MARK: Components

    /// The components; `securing`: some endpoint needs a bearer token (``Endpoint/Scope/source``).
    private static func components(securing: Bool) -> JSONValue {
        let problem: JSONValue = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/problem"]]]
        func problemResponse(_ description: String) -> JSONValue { ["description": .string(description), "content": problem] }
        var responses: JSONValue = [
            "NotModified": ["description": "Non modifié depuis l'ETag donné (If-None-Match)."],
            "BadRequest": problemResponse("Paramètre inconnu ou invalide ; detail dit lequel et quoi écrire."),
            "NotFound": problemResponse("Lieu ou territoire inconnu."),
            "NotAcceptable": problemResponse("Aucun format demandé par Accept n'est disponible."),
            "ContentTooLarge": problemResponse("Corps de requête trop grand."),
            "UnsupportedMediaType": problemResponse("Type de contenu non pris en charge."),
            "ServerError": problemResponse("Erreur interne."),
            "ServiceUnavailable": problemResponse("Service indisponible ou occupé (Retry-After)."),
        ]
        var components: JSONValue = ["parameters": .object(parameters.map { JSONValue.Member(key: $0.name, value: $0.value) })]
        if securing {
            responses.append(Endpoint.Failure.unauthorized.rawValue, problemResponse("Jeton absent ou invalide (Authorization: Bearer …)."))
            responses.append(Endpoint.Failure.forbidden.rawValue, problemResponse("Le jeton ne donne pas accès à cette source."))
            responses.append(Endpoint.Failure.tooManyRequests.rawValue, problemResponse("Trop d'essais depuis cette adresse (Retry-After)."))
            responses.append(Endpoint.Failure.conflict.rawValue, problemResponse("Refusé : le lieu existe déjà, ou l'import retirerait trop de lieux (le rapport dit lesquels)."))
            responses.append(Endpoint.Failure.unprocessable.rawValue, problemResponse("Le lieu ou le fichier n'est pas conforme au standard ; rien n'a été écrit."))
        }
        components.append("responses", responses)
        components.append("schemas", schemas)
        if securing {
            components.append("securitySchemes", [
                "bearerAuth": [
                    "type": "http", "scheme": "bearer",
                    "description": "Jeton d'une source : il permet d'agir sur les lieux de cette source.",
                ],
            ])
        }
        return components
    }

    private static var schemas: JSONValue {
        let link: JSONValue = [
            "type": "object", "required": ["href", "rel"],
            "properties": [
                "href": ["type": "string"], "rel": ["type": "string"], "type": ["type": "string"],
                "title": ["type": "string"], "method": ["type": "string"],
            ],
        ]
        let links: JSONValue = ["type": "array", "items": ["$ref": "#/components/schemas/link"]]
        // The standard's fields but the position, which is the geometry.
        let fields = Lieu.Field.allCases.filter { $0 != .latitude && $0 != .longitude }
        var properties: [JSONValue.Member] = fields.map { field in
            let schema: JSONValue = field.isMultiValued
                ? ["type": "array", "items": ["type": "string"]] : ["type": "string"]
            return .init(key: field.rawValue, value: schema)
        }
        // What a producer sends has the standard's fields, texts or numbers (a postal code, a
        // phone), each of which may be null (emptied); what the service computes is ignored.
        let inputFields: [JSONValue.Member] = fields.map { field in
            let schema: JSONValue = field.isMultiValued
                ? [
                    "anyOf": [
                        ["type": "array", "nullable": true, "items": ["anyOf": [["type": "string"], ["type": "number"]]]],
                        ["type": "string", "description": "Les valeurs séparées par « | », comme en CSV."],
                        ["type": "number"],
                    ]
                ]
                : ["anyOf": [["type": "string", "nullable": true], ["type": "number"]]]
            return JSONValue.Member(key: field.rawValue, value: schema)
        }
        let inputProperties: [JSONValue.Member] = inputFields + [
            .init(key: "source_import", value: ["description": "Ignoré : la source est celle du jeton de publication."]),
            .init(key: "distance", value: ["description": "Ignoré : calculé par le service dans ses réponses."]),
        ]
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
            // What a producer writes (POST, PUT): a feature whose links, if any, are ignored.
            "featureGeoJSONEntree": [
                "type": "object", "required": ["type", "geometry", "properties"],
                "properties": [
                    "type": ["type": "string", "enum": ["Feature"]],
                    "id": ["anyOf": [["type": "string", "nullable": true], ["type": "number"]]],
                    "geometry": [
                        "type": "object", "nullable": true, "required": ["type", "coordinates"],
                        "properties": ["type": ["type": "string", "enum": ["Point"]], "coordinates": position],
                    ],
                    "properties": ["type": "object", "properties": .object(inputProperties)],
                    "links": ["description": "Ignoré : le service écrit les liens de ses réponses."],
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
