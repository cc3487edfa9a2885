import Hummingbird
import LieuxModel

/// The OGC API – Features documents that describe the service: landing page, conformance,
/// collections, queryables, OpenAPI.
extension LieuxAPI {
    static let conformanceClasses = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
    ]
    static let crs84 = ParameterReader.crs84
    static let collectionTitle = "Lieux de médiation numérique"
    static let collectionDescription =
        "Les lieux d'inclusion numérique (espaces publics numériques, bibliothèques, tiers-lieux, France Services…) au format du standard national des lieux de médiation numérique (v1.0.2)."

    /// `GET /`: the landing page.
    @Sendable func landingPage(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.json)
        if let integration = try parameters.single("integration"), !["", "0", "1"].contains(integration) {
            throw Problem.invalidParameter(
                "integration", "« \(integration) » : écrivez integration=1 pour la vue compacte de la carte (à intégrer dans une iframe), ou integration=0.",
                allowed: ["0", "1"])
        }
        // The filters of an embedded map are those of the items: the same values, the same 400s.
        _ = try ItemsParameters(
            QueryParameters(parameters.pairs.filter { Self.mapFilterNames.contains($0.name) }), route: .items,
            now: configuration.now())
        // A browser (HTML, no `f`) opens the map (`integration=1`: its compact view, which the
        // page reads itself); `?f=html` is the API's landing page in HTML.
        if format == .html && !parameters.names.contains("f") { return mapPage() }
        let builder = links(request)
        let links = builder.selfAndAlternate("/", parameters, format: format, jsonType: MediaType.json, title: "Page d'accueil")
            + Self.endpoints.flatMap { endpoint in
                endpoint.landingLinks.map { link in
                    let parameters = QueryParameters(link.format.map { [.init(name: "f", value: $0)] } ?? [])
                    return Link(rel: link.rel, type: link.type, href: builder.url(endpoint.path, parameters), title: link.title)
                }
            }
        let description = "Lieux de médiation numérique en France, selon le standard national : OGC API – Features, recherche à proximité, exports et validation de fichiers."
        switch format {
        case .json:
            return Self.json(["title": .string(configuration.title), "description": .string(description), "links": Link.array(links)])
        case .html:
            var page = HTMLPage(title: configuration.title)
            page.heading(configuration.title)
            page.paragraph(description)
            page.list(links.filter { $0.rel != "self" }.map { ($0.title ?? $0.href, $0.href, $0.type) })
            return page.response()
        }
    }

    /// `GET /conformance`.
    @Sendable func conformance(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.json)
        switch format {
        case .json:
            return Self.json(["conformsTo": .strings(Self.conformanceClasses)])
        case .html:
            var page = HTMLPage(title: "Classes de conformité")
            page.heading("Classes de conformité")
            page.list(Self.conformanceClasses.map { ($0, $0, nil) })
            return page.response()
        }
    }

    /// `GET /collections`.
    @Sendable func collections(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.json)
        let builder = links(request)
        let links = builder.selfAndAlternate("/collections", parameters, format: format, jsonType: MediaType.json, title: "Collections")
        switch format {
        case .json:
            return Self.json([
                "links": Link.array(links), "crs": [.string(Self.crs84)], "collections": [collectionDocument(builder, format: .json)],
            ])
        case .html:
            var page = HTMLPage(title: "Collections")
            page.heading("Collections")
            page.list([(Self.collectionTitle, builder.url("/collections/lieux", QueryParameters([.init(name: "f", value: "html")])), Self.collectionDescription)])
            return page.response()
        }
    }

    /// `GET /collections/lieux`.
    @Sendable func collection(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.json)
        let builder = links(request)
        switch format {
        case .json:
            var document = collectionDocument(builder, format: .json)
            if case .object(var members) = document, let index = members.firstIndex(where: { $0.key == "links" }) {
                members[index].value = Link.array(
                    builder.selfAndAlternate("/collections/lieux", parameters, format: .json, jsonType: MediaType.json, title: "Collection")
                        + collectionLinks(builder))
                document = .object(members)
            }
            return Self.json(document)
        case .html:
            var page = HTMLPage(title: Self.collectionTitle)
            page.heading(Self.collectionTitle)
            page.paragraph(Self.collectionDescription)
            page.list(collectionLinks(builder).map { ($0.title ?? $0.href, $0.href, $0.type) })
            return page.response()
        }
    }

    /// The collection as `/collections` and `/collections/lieux` describe it.
    func collectionDocument(_ builder: LinkBuilder, format: MediaFormat) -> JSONValue {
        let collectionURL = builder.url("/collections/lieux")
        return [
            "id": .string(Self.collectionId),
            "title": .string(Self.collectionTitle),
            "description": .string(Self.collectionDescription),
            "itemType": "feature",
            "crs": [.string(Self.crs84)],
            "storageCrs": .string(Self.crs84),
            "extent": ["spatial": ["bbox": [[-180, -90, 180, 90]], "crs": .string(Self.crs84)]],
            "links": Link.array(
                [Link(rel: "self", type: MediaType.json, href: collectionURL, title: "Collection")] + collectionLinks(builder)),
        ]
    }

    func collectionLinks(_ builder: LinkBuilder) -> [Link] {
        let html = QueryParameters([.init(name: "f", value: "html")])
        return [
            Link(rel: "items", type: MediaType.geoJSON, href: builder.url("/collections/lieux/items"), title: "Lieux (GeoJSON)"),
            Link(rel: "items", type: MediaType.html, href: builder.url("/collections/lieux/items", html), title: "Lieux (HTML)"),
            Link(
                rel: "http://www.opengis.net/def/rel/ogc/1.0/queryables", type: MediaType.schemaJSON,
                href: builder.url("/collections/lieux/queryables"), title: "Critères de recherche"),
            Link(rel: "enclosure", type: MediaType.geoJSON, href: builder.url("/export/lieux.geojson"), title: "Tous les lieux (GeoJSON)"),
            Link(rel: "enclosure", type: MediaType.csv, href: builder.url("/export/lieux.csv"), title: "Tous les lieux (CSV du standard)"),
            Link(rel: "license", type: MediaType.html, href: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", title: "Licence Ouverte 2.0"),
        ]
    }

    /// `GET /collections/lieux/queryables` (OGC API – Features Part 3): a JSON Schema of the
    /// properties that are query parameters.
    @Sendable func queryables(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.schemaJSON)
        let builder = links(request)
        let schema = Queryables.schema(id: builder.url("/collections/lieux/queryables"))
        switch format {
        case .json:
            return Self.json(schema, type: MediaType.schemaJSON)
        case .html:
            var page = HTMLPage(title: "Critères de recherche des lieux")
            page.heading("Critères de recherche des lieux")
            page.paragraph("Chaque critère est un paramètre de /collections/lieux/items ; plusieurs valeurs séparées par des virgules sont des alternatives (OU), plusieurs critères se combinent (ET).")
            for queryable in Queryables.all {
                page.heading(queryable.name, level: 2)
                page.paragraph(queryable.description)
                if let values = queryable.values { page.list(values.map { ($0, nil, nil) }) }
            }
            return page.response()
        }
    }

    /// `GET /api`: the OpenAPI 3.0 document (HTML with `f=html`).
    @Sendable func openAPI(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.openAPI)
        let document = OpenAPIDocument.document(serverURL: links(request).base, endpoints: Self.endpoints)
        switch format {
        case .json:
            return Self.json(document, type: MediaType.openAPI)
        case .html:
            var page = HTMLPage(title: "API des lieux de médiation numérique")
            page.heading("API des lieux de médiation numérique")
            page.links([("Document OpenAPI 3.0 (JSON)", links(request).url("/api", QueryParameters([.init(name: "f", value: "json")])))])
            page.list(Self.endpoints.filter(\.documented).map { ("\($0.method.rawValue) \($0.openAPIPath)", nil, $0.summary) })
            page.heading("Paramètres de /collections/lieux/items", level: 2)
            page.list(OpenAPIDocument.itemParameterDescriptions.map { ($0.name, nil, $0.description) })
            return page.response()
        }
    }
}
