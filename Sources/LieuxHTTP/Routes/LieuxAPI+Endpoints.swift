import LieuxExport

/// The table of the service's endpoints: the one place a route is written. The router, the
/// 405 answers, the unknown-parameter 400s, the OpenAPI document (`/api`) and the landing
/// page's links come from it, in its order.
extension LieuxAPI {
    /// Every endpoint: the API's own, then those of the map page and its searches, each group
    /// in the file of its handlers.
    static let endpoints: [Endpoint] = apiEndpoints + aggregateEndpoints + doublonEndpoints + coverageEndpoints + communeEndpoints + mapEndpoints

    static let apiEndpoints: [Endpoint] = [
        // MARK: Capacités
        Endpoint(
            .get, "/", operationId: "getLandingPage", tag: .capacites, summary: "Page d'accueil",
            description: "Pour un navigateur (HTML sans f), la carte des lieux ; integration=1 en donne la vue compacte, pour une iframe, que les filtres donnés (departement, code_insee, code_postal, source, services…) limitent à un territoire ou à des lieux.",
            parameters: ["f", "integration"] + mapFilterNames,
            success: .document("landingPage"), failures: [.notModified, .notAcceptable],
            handler: { try await $0.landingPage($1, context: $2) }),
        Endpoint(
            .get, "/api", operationId: "getAPIDefinition", tag: .capacites, summary: "Ce document (OpenAPI 3.0)", parameters: ["f"],
            success: .init("Le document OpenAPI", [.init(MediaType.openAPI, .object), .init(MediaType.html, .text)]),
            failures: [.notModified, .notAcceptable],
            landingLinks: [
                .init(rel: "service-desc", type: MediaType.openAPI, title: "Définition de l'API (OpenAPI 3.0)"),
                .init(rel: "service-doc", type: MediaType.html, title: "Documentation de l'API", format: "html"),
            ],
            handler: { try await $0.openAPI($1, context: $2) }),
        Endpoint(
            .get, "/conformance", operationId: "getConformanceDeclaration", tag: .capacites, summary: "Classes de conformité",
            parameters: ["f"], success: .document("confClasses"), failures: [.notModified, .notAcceptable],
            landingLinks: [.init(rel: "conformance", type: MediaType.json, title: "Classes de conformité")],
            handler: { try await $0.conformance($1, context: $2) }),
        Endpoint(
            .get, "/collections", operationId: "getCollections", tag: .capacites, summary: "Les collections", parameters: ["f"],
            success: .document("collections"), failures: [.notModified, .notAcceptable],
            landingLinks: [.init(rel: "data", type: MediaType.json, title: "Collections")],
            handler: { try await $0.collections($1, context: $2) }),
        Endpoint(
            .get, "/collections/lieux", operationId: "describeCollection", tag: .capacites, summary: "La collection des lieux",
            parameters: ["f"], success: .document("collection"), failures: [.notModified, .notAcceptable],
            handler: { try await $0.collection($1, context: $2) }),
        Endpoint(
            .get, "/collections/lieux/queryables", operationId: "getQueryables", tag: .capacites,
            summary: "Critères de recherche (JSON Schema)", parameters: ["f"],
            success: .init("Les critères", [.init(MediaType.schemaJSON, .object), .init(MediaType.html, .text)]),
            failures: [.notModified, .notAcceptable],
            handler: { try await $0.queryables($1, context: $2) }),

        // MARK: Données
        Endpoint(
            .get, "/collections/lieux/items", operationId: "getFeatures", tag: .donnees, summary: "Chercher des lieux",
            description: "Filtres géographiques (un seul : bbox ; lat, lon et radius ou nearest ; within), filtres par champ du standard (valeurs séparées par des virgules : OU ; champs : ET), pages (limit, offset) et ordre (sortby). Un paramètre inconnu ou une valeur hors du vocabulaire donne 400.",
            parameters: ItemsParameters.names(for: .items), success: .featurePage,
            failures: [.notModified, .notFound, .notAcceptable],
            handler: { try await $0.items($1, context: $2) }),
        Endpoint(
            .get, "/collections/lieux/items/:featureId", operationId: "getFeature", tag: .donnees, summary: "Un lieu",
            parameters: ["f", "crs"],
            success: .init("Le lieu", [.init(MediaType.geoJSON, .component("featureGeoJSON")), .init(MediaType.html, .text)]),
            failures: [.notModified, .notFound, .notAcceptable],
            handler: { try await $0.item($1, context: $2) }),
        Endpoint(
            .get, "/collections/lieux/items/:featureId/horaires", operationId: "getOpeningHours", tag: .donnees,
            summary: "Les horaires d'un lieu",
            description: "Ouvert, fermé ou inconnu à l'instant donné (ouvert=…, sinon maintenant, heure de Paris), prochain changement et semaine ; pour des horaires illisibles, la position de l'erreur et une correction proposée.",
            parameters: ["f", "ouvert"], success: .init("Les horaires lus", [.init(MediaType.json, .object)]),
            failures: [.notModified, .notFound, .notAcceptable],
            handler: { try await $0.horaires($1, context: $2) }),
        Endpoint(
            .post, "/collections/lieux/search", operationId: "searchFeatures", tag: .donnees, summary: "Les lieux dans un polygone",
            description: "Le corps est une géométrie GeoJSON Polygon ou MultiPolygon (ou une Feature qui en porte une) ; les autres filtres, l'ordre et la page viennent de l'adresse.",
            parameters: ItemsParameters.names(for: .search),
            body: [.init(MediaType.geoJSON, .component("polygonGeoJSON")), .init(MediaType.json, .component("polygonGeoJSON"))],
            success: .featurePage, failures: [.contentTooLarge, .unsupportedMediaType],
            handler: { try await $0.search($1, context: $2) }),

        // MARK: Publication
        Endpoint(
            .get, "/collections/lieux/items/:featureId/historique", operationId: "getFeatureHistory", tag: .donnees,
            summary: "L'historique d'un lieu",
            description: "Le lieu tel qu'il est, puis chaque changement gardé (import, annulation, écriture), le plus récent d'abord, avec la version qu'il a remplacée.",
            parameters: ["f"], success: .init("L'historique", [.init(MediaType.json, .object)]),
            failures: [.notModified, .notFound],
            handler: { try await $0.historique($1, context: $2) }),
        Endpoint(
            .post, "/collections/lieux/items", operationId: "createFeature", tag: .publication, summary: "Créer un lieu",
            description: "Le corps est une Feature GeoJSON (ou un objet des champs du standard), validée comme un fichier d'une ligne ; le lieu va dans la source du jeton.",
            parameters: [], body: [.init(MediaType.geoJSON, .component("featureGeoJSONEntree")), .init(MediaType.json, .object)],
            success: .init("Le lieu créé", [.init(MediaType.geoJSON, .component("featureGeoJSON"))], status: 201),
            failures: [.contentTooLarge, .conflict, .unprocessable], scope: .source, conditional: false,
            handler: { try await $0.createItem($1, context: $2) }),
        Endpoint(
            .put, "/collections/lieux/items/:featureId", operationId: "replaceFeature", tag: .publication, summary: "Remplacer un lieu",
            parameters: [], body: [.init(MediaType.geoJSON, .component("featureGeoJSONEntree")), .init(MediaType.json, .object)],
            success: .init("Le lieu remplacé", [.init(MediaType.geoJSON, .component("featureGeoJSON"))]),
            failures: [.notFound, .contentTooLarge, .unprocessable], scope: .source, conditional: false,
            handler: { try await $0.replaceItem($1, context: $2) }),
        Endpoint(
            .patch, "/collections/lieux/items/:featureId", operationId: "updateFeature", tag: .publication, summary: "Modifier un lieu",
            description: "JSON merge patch (RFC 7396) des propriétés du lieu : une valeur remplace le champ, null le vide.",
            parameters: [], body: [.init("application/merge-patch+json", .object), .init(MediaType.json, .object)],
            success: .init("Le lieu modifié", [.init(MediaType.geoJSON, .component("featureGeoJSON"))]),
            failures: [.notFound, .contentTooLarge, .unprocessable], scope: .source, conditional: false,
            handler: { try await $0.patchItem($1, context: $2) }),
        Endpoint(
            .delete, "/collections/lieux/items/:featureId", operationId: "deleteFeature", tag: .publication, summary: "Supprimer un lieu",
            parameters: [], success: .init("Le lieu est supprimé", [], status: 204),
            failures: [.notFound], scope: .source, conditional: false,
            handler: { try await $0.deleteItem($1, context: $2) }),
        Endpoint(
            .put, "/sources/:source/lieux", operationId: "publishSource", tag: .publication, summary: "Publier les lieux d'une source",
            description: "Le corps (CSV ou JSON du standard) devient la source, comme lieux import : les lieux absents sont retirés, ceux dont la ligne est en erreur conservés. 200 fait (ou essai), 409 refusé par le garde-fou sur les retraits, 422 erreurs avec strict=1, 400 fichier illisible jusqu'au bout ; la réponse est toujours le rapport de l'import.",
            parameters: ["essai", "autoriser-retraits", "strict", "schema_version"],
            body: [.init("text/csv", .text), .init(MediaType.json, .arrayOfObjects)],
            success: .init("Le rapport de l'import", [.init(MediaType.json, .object)]),
            failures: [.contentTooLarge, .unsupportedMediaType, .conflict, .unprocessable], scope: .source, conditional: false,
            handler: { try await $0.publishSource($1, context: $2) }),
        Endpoint(
            .post, "/collections/lieux/items/:featureId/signalements", operationId: "reportFeature", tag: .publication,
            summary: "Signaler une erreur sur un lieu",
            description: "Sans jeton : {\"categorie\": \"horaires|adresse|contact|services|n-existe-plus|autre\", \"message\": \"…\"} (2 000 caractères au plus) ; nombre limité par adresse.",
            parameters: [], body: [.init(MediaType.json, .object)],
            success: .init("Le signalement enregistré", [.init(MediaType.json, .object)], status: 201),
            failures: [.notFound, .contentTooLarge, .tooManyRequests], conditional: false,
            handler: { try await $0.signaler($1, context: $2) }),
        Endpoint(
            .get, "/sources/:source/signalements", operationId: "getReports", tag: .publication, summary: "Les signalements d'une source",
            parameters: ["etat"], success: .init("Les signalements, du plus récent au plus ancien", [.init(MediaType.json, .arrayOfObjects)]),
            failures: [], scope: .source, conditional: false,
            handler: { try await $0.signalements($1, context: $2) }),
        Endpoint(
            .patch, "/sources/:source/signalements/:signalement", operationId: "markReport", tag: .publication,
            summary: "Marquer un signalement comme traité", description: "Corps : {\"traite\": true} ou {\"traite\": false}.",
            parameters: [], body: [.init(MediaType.json, .object)],
            success: .init("Le signalement", [.init(MediaType.json, .object)]),
            failures: [.notFound], scope: .source, conditional: false,
            handler: { try await $0.markSignalement($1, context: $2) }),

        // MARK: Outils
        export(
            .geojson, operationId: "exportGeoJSON", documentedType: MediaType.geoJSON,
            schema: .component("featureCollectionGeoJSON"),
            description: "Tous les lieux (avec les filtres) en une FeatureCollection GeoJSON, en flux.",
            landingTitle: "Tous les lieux (GeoJSON)"),
        export(
            .geojsonseq, operationId: "exportGeoJSONSeq", documentedType: MediaType.geoJSONSeq, schema: .text,
            description: "Tous les lieux (avec les filtres), une Feature par ligne précédée de 0x1E (RFC 8142).",
            landingTitle: "Tous les lieux (GeoJSON Text Sequences)"),
        export(
            .csv, operationId: "exportCSV", documentedType: "text/csv", schema: .text,
            description: "Tous les lieux (avec les filtres) en CSV du standard : mêmes colonnes, même ordre, | entre les valeurs.",
            landingTitle: "Tous les lieux (CSV du standard)"),
        Endpoint(
            .post, "/validate", operationId: "validate", tag: .outils, summary: "Valider un fichier",
            description: "Le corps est un fichier CSV ou JSON du standard ; la réponse est le rapport de lieux validate --format json (forme de frictionless validate --json), valide ou non.",
            parameters: ["schema_version"], body: [.init("text/csv", .text), .init(MediaType.json, .arrayOfObjects)],
            success: .init("Le rapport de validation", [.init(MediaType.json, .component("validationReport"))]),
            failures: [.contentTooLarge, .unsupportedMediaType],
            handler: { try await $0.validate($1, context: $2) }),
        Endpoint(
            .get, "/health", operationId: "health", tag: .capacites, summary: "État du service", parameters: [],
            success: .init("Le service répond", [.init(MediaType.json, .component("health"))]),
            failures: [.serviceUnavailable], conditional: false,
            handler: { try await $0.health($1, context: $2) }),
    ]

    /// A full export at `/export/lieux.<extension>`, with the filters of the items.
    private static func export(
        _ format: ExportFormat, operationId: String, documentedType: String, schema: Endpoint.Schema, description: String,
        landingTitle: String
    ) -> Endpoint {
        Endpoint(
            .get, "/export/" + format.fileName, operationId: operationId, tag: .outils, summary: "Export complet",
            description: description + " Compressé en gzip si le client l'accepte.", parameters: ItemsParameters.names(for: .export),
            success: .init("L'export", [.init(documentedType, schema)]), failures: [.notFound, .serviceUnavailable],
            landingLinks: [.init(rel: "enclosure", type: format.contentType, title: landingTitle)],
            handler: { api, request, _ in try await api.export(request, format: format) })
    }
}
