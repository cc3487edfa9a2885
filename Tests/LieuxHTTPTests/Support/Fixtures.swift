import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import LieuxHTTP
import LieuxModel
import LieuxTestSupport

/// Venues made up for these tests, around Reims, Épernay and Lyon, and the areas that hold them.
enum Fixtures {
    static func lieu(
        _ id: String, _ nom: String, commune: String, codePostal: String, codeINSEE: String?, adresse: String,
        latitude: Double?, longitude: Double?, dateMaj: String = "2024-05-01",
        services: [Service] = [], typologies: [String] = [], frais: [FraisACharge] = [],
        publics: [PublicSpecifiquementAdresse] = [], acces: [ModaliteAcces] = [], horaires: String? = nil
    ) -> Lieu {
        var lieu = Lieu(
            id: Lieu.ID(rawValue: id)!, pivot: Pivot(rawValue: "00000000000000")!, nom: nom, commune: commune,
            codePostal: CodePostal(rawValue: codePostal)!, adresse: adresse, dateMaj: CalendarDate(iso: dateMaj)!)
        lieu.codeINSEE = codeINSEE.flatMap { CodeINSEE(rawValue: $0) }
        if let latitude, let longitude { lieu.coordinates = Coordinates(latitude: latitude, longitude: longitude) }
        lieu.services = MultiValue(services)
        lieu.typologies = MultiValue(typologies.map { Typologie(rawValue: $0) })
        lieu.fraisACharge = MultiValue(frais)
        lieu.publicsSpecifiquementAdresses = MultiValue(publics)
        lieu.modalitesAcces = MultiValue(acces)
        lieu.horaires = horaires
        return lieu
    }

    /// Reims city centre.
    static let reims = Coordinates(latitude: 49.2535, longitude: 4.0316)!

    static let lieux: [FoundLieu] = [
        FoundLieu(lieu: lieu(
            "falala", "Médiathèque Jean Falala", commune: "Reims", codePostal: "51100", codeINSEE: "51454",
            adresse: "2 rue des Fuseliers", latitude: 49.2535, longitude: 4.0316, dateMaj: "2024-05-01",
            services: [.aideAuxDemarchesAdministratives, .accesInternetEtMaterielInformatique], typologies: ["BIB"],
            frais: [.gratuit], publics: [.seniors], acces: [.sePresenter], horaires: "Mo-Fr 09:00-18:00"), source: "reims"),
        FoundLieu(lieu: lieu(
            "orgeval", "Espace numérique d'Orgeval", commune: "Reims", codePostal: "51100", codeINSEE: "51454",
            adresse: "12 place du Docteur Schweitzer", latitude: 49.2700, longitude: 4.0200, dateMaj: "2023-01-15",
            services: [.maitriseDesOutilsNumeriquesDuQuotidien], typologies: ["EPN"], frais: [.gratuitSousCondition],
            acces: [.telephoner], horaires: "Sa 10:00-12:00"), source: "reims"),
        FoundLieu(lieu: lieu(
            "epernay-fs", "France Services Épernay", commune: "Épernay", codePostal: "51200", codeINSEE: "51230",
            adresse: "7 avenue de Champagne", latitude: 49.0400, longitude: 3.9600, dateMaj: "2024-09-30",
            services: [.aideAuxDemarchesAdministratives], typologies: ["RFS"], frais: [.gratuit], publics: [.jeunes]),
            source: "marne"),
        FoundLieu(lieu: lieu(
            "lyon-tl", "Tiers-lieu de la Croix-Rousse", commune: "Lyon", codePostal: "69004", codeINSEE: "69384",
            adresse: "3 boulevard de la Croix-Rousse", latitude: 45.7740, longitude: 4.8300, dateMaj: "2022-03-10",
            services: [.loisirsEtCreationsNumeriques], typologies: ["TIERS_LIEUX"], frais: [.payant]), source: "hinaura"),
        FoundLieu(lieu: lieu(
            "sans-geo", "Association Clic Solidaire", commune: "Paris", codePostal: "75011", codeINSEE: "75111",
            adresse: "40 rue Oberkampf", latitude: nil, longitude: nil, dateMaj: "2024-01-02",
            services: [.aideAuxDemarchesAdministratives], typologies: ["ASSO"]), source: "paris"),
        // The same id as the first venue, in another source.
        FoundLieu(lieu: lieu(
            "falala", "Médiathèque Falala (copie)", commune: "Reims", codePostal: "51100", codeINSEE: "51454",
            adresse: "2 rue des Fuseliers", latitude: 49.2536, longitude: 4.0317, dateMaj: "2021-06-01",
            services: [.accesInternetEtMaterielInformatique], typologies: ["BIB"]), source: "zz-doublons"),
    ]

    /// A box around a point, as a polygon.
    static func square(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> GeoPolygon {
        let p = { (lon: Double, lat: Double) in GeoPolygon.Position(longitude: lon, latitude: lat) }
        return GeoPolygon(polygons: [[[p(minLon, minLat), p(maxLon, minLat), p(maxLon, maxLat), p(minLon, maxLat), p(minLon, minLat)]]])
    }

    static let areas: [AreaReference: GeoPolygon] = [
        AreaReference(kind: .departement, code: "51"): square(3.3, 48.5, 5.1, 49.5),
        AreaReference(kind: .commune, code: "51454"): square(3.95, 49.20, 4.10, 49.30),
        AreaReference(kind: .region, code: "84"): square(2.0, 44.1, 7.2, 46.8),
    ]

    static func repository(_ lieux: [FoundLieu] = lieux) -> InMemoryLieuRepository {
        InMemoryLieuRepository(lieux, areas: areas)
    }

    /// The application over `repository`, with a fixed clock (a Wednesday, 10:00 in Paris).
    static func app(
        _ repository: InMemoryLieuRepository = repository(), configure: (inout ServerConfiguration) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var configuration = ServerConfiguration(logLevel: .error, now: { Date(timeIntervalSince1970: 1_781_683_200) })
        configure(&configuration)
        return buildApplication(configuration: configuration, repository: repository)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    var object: [String: Any] {
        get throws {
            let value = try JSONSerialization.jsonObject(with: Data(buffer: body))
            guard let object = value as? [String: Any] else { throw TestFailure("le corps n'est pas un objet JSON : \(text.prefix(200))") }
            return object
        }
    }

    /// The features of a FeatureCollection.
    var features: [[String: Any]] {
        get throws { try object["features"] as? [[String: Any]] ?? [] }
    }

    /// The `id` of each feature, in order.
    var ids: [String] {
        get throws { try features.compactMap { $0["id"] as? String } }
    }

    /// The `links` of the document, by `rel`.
    func link(_ rel: String) throws -> [String: Any]? {
        try (object["links"] as? [[String: Any]])?.first { $0["rel"] as? String == rel }
    }

    /// The body, gunzipped.
    var gunzipped: String {
        get throws {
            var buffer = body
            let output = try buffer.decompress(with: .gzip)
            return String(buffer: output)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestClientProtocol {
    /// A GET with headers.
    func get(_ uri: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ uri: String, body: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
