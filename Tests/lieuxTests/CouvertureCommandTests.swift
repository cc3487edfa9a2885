import Foundation
import LieuxTestSupport
import Testing

/// `lieux areas import --population`, `--grille` and `lieux couverture` on generated venues.
@Suite("lieux couverture", .serialized)
final class CouvertureCommandTests {
    let folder = SharedData.temporaryFolder("lieux-cli-couverture")
    let store: String

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Venue 0 of the generated ones stands in Reims (`GeneratedVenues.communes[0]`, exactly
    /// at its point), venue 4 in Angoulême; three communes: Reims (25 m from venue 0),
    /// a square 0.02° wide 20 km away, and Brest.
    init() throws {
        store = folder.appendingPathComponent("lieux.sqlite").path
        let venues = folder.appendingPathComponent("lieux.csv")
        try Data(GeneratedVenues([0, 4], detailLength: 20).csv()).write(to: venues)
        #expect(try LieuxExecutable.run(["import", venues.path, "--source", "s", "--db", store]).status == 0)
        let communes = folder.appendingPathComponent("communes.geojson")
        try Data("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code_insee":"51454","nom":"Reims","pop":182000},"geometry":{"type":"Point","coordinates":[4.0318,49.2585]}},
            {"type":"Feature","properties":{"code_insee":"51612","nom":"Carré","pop":"900"},"geometry":{"type":"Polygon","coordinates":[[[4.02,49.43],[4.04,49.43],[4.04,49.45],[4.02,49.45],[4.02,49.43]]]}},
            {"type":"Feature","properties":{"code_insee":"29019","nom":"Brest","pop":139000},"geometry":{"type":"Point","coordinates":[-4.4861,48.3904]}}
            ]}
            """.utf8).write(to: communes)
        let imported = try LieuxExecutable.run([
            "areas", "import", communes.path, "--kind", "commune", "--code-property", "code_insee", "--population", "pop", "--db", store,
        ])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("3 territoires"))
    }

    @Test("JSON: the shares, the communes beyond and a suggestion, the polygon's point at its centroid")
    func json() throws {
        let result = try LieuxExecutable.json(["couverture", "--db", store, "--format", "json", "--seuils", "1,30", "--suggestions", "1", "--par", "region"])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(result.value as? [String: Any])
        #expect(object["population"] as? Double == 321_900)
        #expect(object["lieux"] as? Int == 2)
        let seuils = try #require(object["seuils"] as? [[String: Any]])
        #expect(seuils.map { $0["population"] as? Double } == [182_000, 182_900])
        let beyond = try #require(object["communes_au_dela"] as? [[String: Any]])
        #expect(beyond.map { $0["code"] as? String } == ["29019", "51612"])
        // The centroid of the square 4.02–4.04, 49.43–49.45.
        #expect(abs((beyond[1]["longitude"] as? Double ?? 0) - 4.03) < 1e-9 && abs((beyond[1]["latitude"] as? Double ?? 0) - 49.44) < 1e-9)
        #expect((object["suggestions"] as? [[String: Any]])?.first?["code"] as? String == "29019")
        #expect((object["par"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["44", "53"])
    }

    @Test("the filters of the items as options: a typologie no venue has leaves everyone beyond")
    func filters() throws {
        let result = try LieuxExecutable.json(["couverture", "--db", store, "--format", "json", "--typologie", "CAF"])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(result.value as? [String: Any])
        #expect(object["lieux"] as? Int == 0)
        #expect(object["nombre_communes_au_dela"] as? Int == 3)
    }

    @Test("text, CSV and GeoJSON")
    func formats() throws {
        let text = try LieuxExecutable.run(["couverture", "--db", store, "--seuils", "5"])
        #expect(text.status == 0)
        #expect(text.output.contains("à moins de 5 km : 182\u{202F}000 (56,5 %)"))
        let csv = try LieuxExecutable.run(["couverture", "--db", store, "--format", "csv"])
        #expect(csv.output.split(separator: "\n").first == "code_insee,nom,population,distance_km")
        #expect(csv.output.split(separator: "\n").count == 4)
        let geojson = try LieuxExecutable.json(["couverture", "--db", store, "--format", "geojson"])
        #expect(((geojson.value as? [String: Any])?["features"] as? [Any])?.count == 3)
    }

    @Test("bad options exit 2 with a French message naming the option, and change nothing")
    func badOptions() throws {
        let seuils = try LieuxExecutable.run(["couverture", "--db", store, "--seuils", "dix"])
        #expect(seuils.status == 2)
        #expect(seuils.error.contains("--seuils") && seuils.error.contains("kilomètres"))
        let services = try LieuxExecutable.run(["couverture", "--db", store, "--services", "Cuisine"])
        #expect(services.status == 2)
        #expect(services.error.contains("--services"))
        let grid = folder.appendingPathComponent("grille.csv")
        try Data("idcar_200m,ind\nCRS3035RES200mN2890000E3760000,5\nabc,3\n".utf8).write(to: grid)
        let imported = try LieuxExecutable.run(["areas", "import", grid.path, "--grille", "--db", store])
        #expect(imported.status == 2)
        #expect(imported.error.contains("ligne 3"))
        // The communes are still the population.
        let after = try LieuxExecutable.json(["couverture", "--db", store, "--format", "json"])
        #expect((after.value as? [String: Any])?["points"] as? String == "communes")
    }

    @Test("a grid imported replaces the communes as population")
    func grid() throws {
        let grid = folder.appendingPathComponent("grille.csv")
        try Data("idcar_200m,ind,lcog_geo\nCRS3035RES200mN2890000E3760000,5,75101\nCRS3035RES200mN2890200E3760000,7.5,75101\n".utf8).write(to: grid)
        let imported = try LieuxExecutable.run(["areas", "import", grid.path, "--grille", "--db", store])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("2 carreaux de 200 m"))
        let result = try LieuxExecutable.json(["couverture", "--db", store, "--format", "json"])
        let object = try #require(result.value as? [String: Any])
        #expect(object["points"] as? String == "carreaux")
        #expect(object["population"] as? Double == 12.5)
    }
}
