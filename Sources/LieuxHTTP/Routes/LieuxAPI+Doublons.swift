import Foundation
import Hummingbird
import LieuxExport
import LieuxModel

/// Duplicates over HTTP: a venue's group with the evidence, and the merged view of the items
/// and exports (`doublons=fusionner`).
extension LieuxAPI {
    static let doublonEndpoints: [Endpoint] = [
        Endpoint(
            .get, "/collections/lieux/items/:featureId/doublons", operationId: "getDuplicates", tag: .donnees,
            summary: "Les doublons d'un lieu",
            description: "Le groupe du lieu (les fiches qui décrivent le même lieu, de toutes les sources, et chaque paire avec ses preuves : distance, similarité des noms, adresse, SIRET, téléphone, courriel, site, services nommés), les paires incertaines qui le touchent, le lieu fusionné avec la provenance de chaque champ, et la qualité de chaque fiche (0 à 100).",
            parameters: [], success: .init("Le groupe et ses preuves", [.init(MediaType.json, .object)]),
            failures: [.notModified, .notFound],
            handler: { try await $0.doublons($1, context: $2) }),
    ]

    /// `GET /collections/lieux/items/{featureId}/doublons`.
    @Sendable func doublons(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        _ = try QueryParameters(query: request.uri.query)
        let found = try await requireLieu(context).found
        let ref = LieuRef(source: found.source, id: found.lieu.id.rawValue)
        let index = try await repository.doublons()
        let today = CalendarDate.paris(configuration.now())
        let groupe = index.groupe(of: ref)
        var members: [FoundLieu] = []
        for membre in groupe?.membres ?? [ref] {
            guard let id = Lieu.ID(rawValue: membre.id), let lieu = try await repository.lieu(source: membre.source, id: id) else { continue }
            members.append(lieu)
        }
        let qualites: [JSONValue] = members.map { member in
            [
                "source": .string(member.source), "id": .string(member.lieu.id.rawValue),
                "qualite": .integer(member.lieu.qualite(today: today)), "date_maj": .string(member.lieu.dateMaj.description),
            ]
        }
        var document: JSONValue = ["id": .string(ref.description)]
        document.append("groupe", try groupe.map { try Self.jsonValue($0) } ?? .null)
        document.append("incertains", try Self.jsonValue(index.incertains(of: ref)))
        document.append("fiches", .array(qualites))
        if groupe != nil, let merged = DoublonFusion.fusionner(members, today: today) {
            let fusion = LieuFusionne(found: merged.lieu, membres: groupe!.membres, provenance: merged.provenance)
            let bytes = merged.lieu.lieu.geoJSONFeature(extras: Self.mergedExtras(fusion, today: today))
            document.append("fusion", .raw(bytes))
        }
        return Self.json(document)
    }

    /// A value of the duplicates' JSON (``DoublonResultat``'s encoding) as a ``JSONValue``.
    static func jsonValue(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .raw(Array(try encoder.encode(value)))
    }

    /// The properties a merged venue carries besides the standard's (see
    /// ``FeatureExtras/init(fusion:today:)``).
    static func mergedExtras(_ merged: LieuFusionne, today: CalendarDate) -> FeatureExtras {
        FeatureExtras(fusion: merged, today: today)
    }

    /// A page of the merged view, as ``respond(_:_:format:path:method:request:extras:)`` takes it.
    func mergedPage(_ items: ItemsParameters) async throws -> (LieuPage, [FeatureExtras]) {
        let today = CalendarDate.paris(configuration.now())
        let merged = try await repository.mergedPage(items.query, today: today)
        return (
            LieuPage(lieux: merged.page.map(\.found), numberMatched: merged.numberMatched),
            merged.page.map { Self.mergedExtras($0, today: today) }
        )
    }
}
