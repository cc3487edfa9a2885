import Foundation
import LieuxModel
import Testing

@Suite("CommuneGazetteer")
struct CommuneGazetteerTests {
    static let csv = """
        code_insee,nom,codes_postaux,latitude,longitude
        51454,Reims,51100,49.25149,4.04023
        51100,La Caure,51270,48.90884,3.77652
        78551,Saint Germain en Laye,78100|78112,48.94070,2.09871
        35273,Saint Germain en Cogles,35133,48.39744,-1.26443
        77398,Saint Germain sur Morin,77860,48.88300,2.85300
        2A004,Ajaccio,20000|20090,41.93000,8.73000
        13055,Marseille,13001|13002,43.29000,5.38000
        67482,Strasbourg,67000|67100,48.57000,7.75000
        92077,Ville d'Avray,92410,48.82159,2.17761
        """

    let gazetteer = CommuneGazetteer(csv: csv)!

    func names(_ query: String, limit: Int = 10) -> [String] { gazetteer.suggestions(for: query, limit: limit).map(\.nom) }

    @Test("a name is found whatever its accents, case, hyphens and apostrophes")
    func folding() {
        #expect(names("REIMS") == ["Reims"])
        #expect(names("réims") == ["Reims"])
        #expect(names("ville-d’avray") == ["Ville d'Avray"])
        #expect(names("marseil") == ["Marseille"])
    }

    @Test("« st » is « saint », and the exact name and the shortest come first")
    func saint() {
        #expect(names("st germain") == ["Saint Germain en Laye", "Saint Germain en Cogles", "Saint Germain sur Morin"])
        #expect(names("Saint-Germain-en-L") == ["Saint Germain en Laye"])
        #expect(names("germain en") == ["Saint Germain en Laye", "Saint Germain en Cogles"])
    }

    @Test("postal codes and INSEE codes: a whole postal code first, then an INSEE code, then the starts")
    func codes() {
        #expect(names("51100") == ["Reims", "La Caure"])
        #expect(names("781") == ["Saint Germain en Laye"])
        #expect(names("2a0") == ["Ajaccio"])
        #expect(gazetteer.suggestions(for: "13002").first?.codeINSEE == "13055")
    }

    @Test("limited to départements: only their communes, by name and by code")
    func departements() {
        let inMarne = gazetteer.suggestions(for: "s", limit: 10, departements: ["51", "2A"]).map(\.nom)
        #expect(names("s").count > 2)
        #expect(inMarne.isEmpty)
        #expect(gazetteer.suggestions(for: "st germain", departements: ["77"]).map(\.nom) == ["Saint Germain sur Morin"])
        #expect(gazetteer.suggestions(for: "51", departements: ["51"]).map(\.nom) == ["La Caure", "Reims"])
        #expect(gazetteer.suggestions(for: "2", departements: ["2A"]).map(\.nom) == ["Ajaccio"])
    }

    @Test("nothing for an empty query or a name no commune starts with; the limit is kept")
    func limits() {
        #expect(names("").isEmpty)
        #expect(names("zzz").isEmpty)
        #expect(names("s", limit: 2).count == 2)
        #expect(CommuneGazetteer(csv: "autre,entete\n1,2") == nil)
    }

    @Test("the shipped gazetteer has every commune of La Poste's table, with a point in France")
    func shipped() throws {
        let gazetteer = try #require(CommuneGazetteer(csv: try String(contentsOf: shippedCommunes, encoding: .utf8)))
        #expect(gazetteer.communes.count > 34_000)
        #expect(gazetteer.suggestions(for: "Reims").first?.codeINSEE == "51454")
        #expect(gazetteer.suggestions(for: "Paris").first?.codeINSEE == "75056")
        #expect(gazetteer.suggestions(for: "st etienne").contains { $0.codeINSEE == "42218" })
        let reims = try #require(gazetteer.suggestions(for: "51100").first)
        #expect(abs(reims.coordinates.latitude - 49.25) < 0.1 && abs(reims.coordinates.longitude - 4.03) < 0.1)
    }

}

/// `data/communes.csv`, which the repository ships (`tools/make-communes`).
private let shippedCommunes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/communes.csv")
