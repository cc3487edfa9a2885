import Hummingbird
import LieuxModel

/// Suggestions of communes for the map's search field.
extension LieuxAPI {
    static let communeEndpoints: [Endpoint] = [
        Endpoint(
            .get, "/communes", operationId: "getCommunes", tag: .donnees, summary: "Communes qui commencent par…",
            description: "Suggestions pour un champ de recherche : q est le début d'un nom (accents et majuscules indifférents, « st » pour « saint »), d'un code postal ou d'un code INSEE ; departement (un code ou plusieurs, séparés par des virgules) n'en garde que les communes de ces départements. Chaque commune a un point (la moyenne des points de La Poste).",
            parameters: ["q", "limit", "departement"], components: ["q": "qCommunes", "limit": "limitCommunes"], success: .init("Les communes, les meilleures d'abord", [.init(MediaType.json, .object)]),
            failures: [.notModified, .serviceUnavailable],
            handler: { try await $0.communes($1, context: $2) }),
    ]

    /// The most suggestions one answer gives.
    static let maximumCommuneSuggestions = 50

    /// `GET /communes?q=…&limit=10`: `{"communes": [{code_insee, nom, codes_postaux,
    /// departement, latitude, longitude}]}`; 503 when the service has no gazetteer.
    @Sendable func communes(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let reader = ParameterReader(parameters: try QueryParameters(query: request.uri.query))
        let query = try reader.text("q", atMost: 200, "Le début de nom cherché") ?? ""
        let limit = try reader.integer("limit", minimum: 1, maximum: Self.maximumCommuneSuggestions) ?? 10
        guard let gazetteer = configuration.communes else {
            throw Problem(
                status: .serviceUnavailable, code: "communes-absentes", title: "Communes indisponibles",
                detail: "Ce service n'a pas la liste des communes (fichier data/communes.csv, option --communes de lieux serve).")
        }
        let codes = try reader.list("departement")
        let departements = codes.isEmpty ? nil : Set(try codes.map { code -> String in
            guard let departement = Departement(code: code) else {
                throw Problem.invalidParameter(
                    "departement", "« \(code) » n'est pas un code de département (exemples : 01, 2A, 51, 974).")
            }
            return departement.code
        })
        let found = gazetteer.suggestions(for: query, limit: limit, departements: departements).map { commune -> JSONValue in
            [
                "code_insee": .string(commune.codeINSEE), "nom": .string(commune.nom),
                "codes_postaux": .strings(commune.codesPostaux), "departement": .string(commune.departement),
                "latitude": .number(commune.coordinates.latitude), "longitude": .number(commune.coordinates.longitude),
            ]
        }
        return Self.json(["communes": .array(found)])
    }
}
