import Foundation
import Hummingbird
import LieuxExport
import LieuxModel

/// The features: a page of venues (`…/items`, `POST …/search`) and one venue (`…/items/{id}`).
extension LieuxAPI {
    /// `GET /collections/lieux/items`.
    @Sendable func items(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let items = try ItemsParameters(parameters, route: .items, now: configuration.now())
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.geoJSON)
        try await checkArea(items.query.spatial)
        if items.fusionner {
            let (page, extras) = try await mergedPage(items)
            return try respond(page, items, format: format, path: "/collections/lieux/items", method: nil, request: request, extras: extras)
        }
        return try await respond(items, format: format, path: "/collections/lieux/items", method: nil, request: request)
    }

    /// `POST /collections/lieux/search`: the venues inside the Polygon or MultiPolygon of the
    /// body, with the filters, order and page of the query string.
    @Sendable func search(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        var items = try ItemsParameters(parameters, route: .search, now: configuration.now())
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.geoJSON)
        if let type = request.headers[.contentType]?.lowercased(), !type.contains("json") {
            throw Problem.unsupportedMediaType(type, accepted: [MediaType.geoJSON, MediaType.json])
        }
        let body = try await BodyReader.collect(request, limit: min(configuration.maximumBodySize, GeoJSONPolygonBody.maximumSize))
        items.query.spatial = .polygon(try GeoJSONPolygonBody.parse(body))
        if items.fusionner {
            let (page, extras) = try await mergedPage(items)
            return try respond(page, items, format: format, path: "/collections/lieux/search", method: "POST", request: request, extras: extras)
        }
        return try await respond(items, format: format, path: "/collections/lieux/search", method: "POST", request: request)
    }

    /// `GET /collections/lieux/items/{featureId}`: the venue of this id. When several sources
    /// have a venue with this id, the first source in alphabetical order wins; `source:id`
    /// names the source.
    @Sendable func item(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        try ParameterReader(parameters: parameters).checkCRS()
        let format = try MediaFormat.negotiate(request, parameters: parameters, jsonType: MediaType.geoJSON)
        let text = Self.featureId(context)
        let builder = links(request)
        func itemLinks(title: String) -> [Link] {
            builder.selfAndAlternate(
                "/collections/lieux/items/" + QueryParameters.encode(text), parameters, format: format, jsonType: MediaType.geoJSON, title: title)
                + [Link(rel: "collection", type: MediaType.json, href: builder.url("/collections/lieux"), title: Self.collectionTitle)]
        }
        switch format {
        case .json:
            // The feature the store keeps, copied; else the venue, encoded.
            var bytes: [UInt8]
            var title: String
            if let features = repository as? any FeatureRepository {
                guard let (feature, nom) = try await Self.lookUp(text, features.featureItem) else { throw Self.unknownLieu(text) }
                (bytes, title) = (feature.document(), nom)
            } else {
                let found = try await requireLieu(text)
                (bytes, title) = (found.lieu.geoJSONFeature(extras: FeatureExtras(sourceImport: found.source)), found.lieu.nom)
            }
            // The feature object ends with `}`: its links go just before.
            if bytes.last == UInt8(ascii: "}") {
                bytes.removeLast()
                bytes.append(contentsOf: ",\"links\":".utf8)
                bytes.append(contentsOf: Link.array(itemLinks(title: title)).serialized())
                bytes.append(UInt8(ascii: "}"))
            }
            return Response(
                status: .ok, headers: [.contentType: MediaType.geoJSON, .contentCRS: MediaType.contentCRS84],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .html:
            let found = try await requireLieu(text)
            var page = HTMLPage(title: found.lieu.nom)
            page.heading(found.lieu.nom)
            page.links(itemLinks(title: found.lieu.nom).filter { $0.rel != "self" }.map { ($0.title ?? $0.href, $0.href) })
            page.definitions(
                Lieu.Field.allCases.map { ($0.rawValue, found.lieu.text($0) ?? "") } + [("source_import", found.source)])
            return page.response()
        }
    }

    /// The route's `featureId`, percent-decoded.
    static func featureId(_ context: LieuxRequestContext) -> String {
        let raw = context.parameters.get("featureId") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The venue named by the route's `featureId` (decoded), or a 404 problem.
    func requireLieu(_ context: LieuxRequestContext) async throws -> (text: String, found: FoundLieu) {
        let text = Self.featureId(context)
        return (text, try await requireLieu(text))
    }

    func requireLieu(_ text: String) async throws -> FoundLieu {
        guard let found = try await findLieu(text) else { throw Self.unknownLieu(text) }
        return found
    }

    static func unknownLieu(_ text: String) -> Problem {
        Problem(
            status: .notFound, code: "lieu-inconnu", title: "Lieu inconnu",
            detail: "Aucun lieu n'a l'identifiant « \(text) ». Les identifiants sont ceux du champ id du standard ; « source:id » désigne le lieu d'une source.")
    }

    /// The venue of `text`: an id, else `source:id`.
    func findLieu(_ text: String) async throws -> FoundLieu? {
        let repository = self.repository
        return try await Self.lookUp(text) { source, id in
            if let source { return try await repository.lieu(source: source, id: id) }
            return try await repository.lieu(id: id)
        }
    }

    /// What `find` gives for `text` taken as an id (any source), else as `source:id`.
    static func lookUp<Value>(_ text: String, _ find: (String?, Lieu.ID) async throws -> Value?) async throws -> Value? {
        if let id = Lieu.ID(rawValue: text), let found = try await find(nil, id) { return found }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = Lieu.ID(rawValue: parts[1]) else { return nil }
        return try await find(parts[0], id)
    }

    // MARK: Pages

    /// The page of `items` (not merged): as features copied from the store's bytes when the
    /// repository keeps them, else encoded from the venues.
    func respond(_ items: ItemsParameters, format: MediaFormat, path: String, method: String?, request: Request) async throws -> Response {
        if format == .json, let features = repository as? any FeatureRepository {
            let page = try await features.featurePage(items.query)
            let links = pageLinks(returned: page.features.count, matched: page.numberMatched, items, format: format, path: path, method: method, builder: links(request))
            return try geoJSONPage(returned: page.features.count, matched: page.numberMatched, links: links) { writer in
                for feature in page.features { try writer.write(feature) }
            }
        }
        let page = try await repository.search(items.query)
        return try respond(page, items, format: format, path: path, method: method, request: request)
    }

    /// A page of venues as a GeoJSON FeatureCollection or an HTML table; `extras`: the
    /// properties of each venue of a merged page.
    func respond(
        _ page: LieuPage, _ items: ItemsParameters, format: MediaFormat, path: String, method: String?, request: Request,
        extras: [FeatureExtras]? = nil
    ) throws -> Response {
        let builder = links(request)
        let links = pageLinks(
            returned: page.lieux.count, matched: page.numberMatched, items, format: format, path: path, method: method, builder: builder)
        switch format {
        case .json:
            return try geoJSONPage(returned: page.lieux.count, matched: page.numberMatched, links: links) { writer in
                for (index, found) in page.lieux.enumerated() {
                    try writer.write(found.lieu, extras: extras?[index] ?? FeatureExtras(sourceImport: found.source, distance: found.distance))
                }
            }
        case .html:
            return htmlPage(page, items, links: links, builder: builder)
        }
    }

    /// A page as a GeoJSON FeatureCollection: its counts, time stamp and links, then the
    /// features `write` writes.
    func geoJSONPage(
        returned: Int, matched: Int, links: [Link], write: (inout GeoJSONWriter<DataSink>) throws -> Void
    ) throws -> Response {
        var writer = GeoJSONWriter(sink: DataSink(capacity: 1024 + returned * 1024))
        try writer.begin { members in
            members.number("numberMatched", matched)
            members.number("numberReturned", returned)
            members.string("timeStamp", Self.timestamp(configuration.now()))
            members.json("links", Link.array(links).text)
        }
        try write(&writer)
        try writer.end()
        return Response(
            status: .ok, headers: [.contentType: MediaType.geoJSON, .contentCRS: MediaType.contentCRS84],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.sink.bytes)))
    }

    /// self, alternate, next, prev (those two when there is such a page), collection.
    func pageLinks(
        returned: Int, matched: Int, _ items: ItemsParameters, format: MediaFormat, path: String, method: String?, builder: LinkBuilder
    ) -> [Link] {
        let parameters = items.parameters
        var links = builder.selfAndAlternate(path, parameters, format: format, jsonType: MediaType.geoJSON, title: "Lieux")
        let type = format == .json ? MediaType.geoJSON : MediaType.html
        let query = items.query
        if query.offset + returned < matched && query.limit > 0 {
            links.append(Link(
                rel: "next", type: type, href: builder.url(path, parameters.setting("offset", to: String(query.offset + query.limit))),
                title: "Page suivante", method: method))
        }
        if query.offset > 0 {
            let previous = max(0, query.offset - query.limit)
            links.append(Link(
                rel: "prev", type: type,
                href: builder.url(path, parameters.setting("offset", to: previous == 0 ? nil : String(previous))),
                title: "Page précédente", method: method))
        }
        links.append(Link(rel: "collection", type: MediaType.json, href: builder.url("/collections/lieux"), title: Self.collectionTitle))
        // A POST search is repeated with POST and the same body.
        for index in links.indices where ["self", "alternate"].contains(links[index].rel) { links[index].method = method }
        return links
    }

    func htmlPage(_ page: LieuPage, _ items: ItemsParameters, links: [Link], builder: LinkBuilder) -> Response {
        var html = HTMLPage(title: "Lieux de médiation numérique")
        html.heading("Lieux de médiation numérique")
        let first = page.lieux.isEmpty ? 0 : items.query.offset + 1
        html.paragraph("\(page.numberMatched) lieux trouvés ; lieux \(first) à \(items.query.offset + page.lieux.count).")
        html.links(links.filter { ["next", "prev", "alternate", "collection"].contains($0.rel) }.map { ($0.title ?? $0.rel, $0.href) })
        let hasDistance = page.lieux.contains { $0.distance != nil }
        var headers = ["Nom", "Adresse", "Commune", "Services", "Source"]
        if hasDistance { headers.append("Distance (m)") }
        let rows: [[(text: String, href: String?)]] = page.lieux.map { found in
            let lieu = found.lieu
            var row: [(text: String, href: String?)] = [
                (lieu.nom, builder.url(
                    "/collections/lieux/items/" + QueryParameters.encode(lieu.id.rawValue), QueryParameters([.init(name: "f", value: "html")]))),
                (lieu.adresse, nil),
                ("\(lieu.codePostal.rawValue) \(lieu.commune)", nil),
                (lieu.services.map(\.rawValue).joined(separator: ", "), nil),
                (found.source, nil),
            ]
            if hasDistance { row.append((found.distance.map { String(Int($0.rounded())) } ?? "", nil)) }
            return row
        }
        html.table(headers: headers, rows: rows)
        return html.response()
    }
}
