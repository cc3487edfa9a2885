import Foundation
import LieuxTestSupport
import Testing

/// `lieux doublons`, `lieux doublons decider` and `lieux export --fusionner` on two sources
/// that hold the same 12 generated venues.
@Suite("lieux doublons and export --fusionner")
final class DoublonsCommandTests {
    let folder = SharedData.temporaryFolder("lieux-cli-doublons")
    let store: String

    deinit { try? FileManager.default.removeItem(at: folder) }

    init() throws {
        store = folder.appendingPathComponent("lieux.sqlite").path
        let file = folder.appendingPathComponent("lieux.csv")
        try Data(GeneratedVenues(0..<12, detailLength: 10).csv()).write(to: file)
        for source in ["hub", "commune"] {
            let imported = try LieuxExecutable.run(["import", file.path, "--source", source, "--db", store])
            #expect(imported.status == 0, "\(imported.error)")
        }
    }

    func groups() throws -> [[String: Any]] {
        let listed = try LieuxExecutable.json(["doublons", "--db", store, "--format", "json"])
        #expect(listed.status == 0)
        return (listed.value as? [String: Any])?["groupes"] as? [[String: Any]] ?? []
    }

    @Test("the same venue in two sources is one group, with its evidence; a decision splits it; the merged export has one venue per group")
    func groupsDecisionsExport() throws {
        let before = try groups()
        let pair = ["commune:" + GeneratedVenues.id(4), "hub:" + GeneratedVenues.id(4)]
        let group = try #require(before.first { ($0["membres"] as? [[String: String]])?.map { $0["source"]! + ":" + $0["id"]! } == pair })
        let evidence = try #require(((group["paires"] as? [[String: Any]])?.first?["preuves"]) as? [String: Any])
        #expect(evidence["meme_adresse"] as? Bool == true)
        #expect(evidence["distance_m"] as? Double == 0)

        let merged = try LieuxExecutable.json(["export", "--db", store, "--format", "geojson", "--fusionner"])
        let features = try #require((merged.value as? [String: Any])?["features"] as? [[String: Any]])
        #expect(features.count == 24 - before.reduce(0) { $0 + (($1["membres"] as? [Any])?.count ?? 0) - 1 })
        #expect(features.contains { (($0["properties"] as? [String: Any])?["membres"] as? [String]) == pair })

        let decided = try LieuxExecutable.run(["doublons", "decider", "different", pair[1], pair[0], "--db", store])
        #expect(decided.status == 0)
        #expect(decided.output.contains("deux lieux différents"))
        #expect(try !groups().contains { ($0["membres"] as? [[String: String]])?.map { $0["source"]! + ":" + $0["id"]! } == pair })

        let text = try LieuxExecutable.run(["doublons", "--db", store])
        #expect(text.status == 0)
        #expect(text.output.contains("paires comparées"))
        let csv = try LieuxExecutable.run(["doublons", "--db", store, "--format", "csv", "--toutes"])
        #expect(csv.output.hasPrefix("groupe,a,nom_a,b,nom_b,decision,"))
    }

    @Test("a decision about a record that does not exist, or not written SOURCE:ID, is refused in French and records nothing")
    func badDecisions() throws {
        let unknown = try LieuxExecutable.run(["doublons", "decider", "meme", "hub:" + GeneratedVenues.id(1), "hub:inconnu", "--db", store])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("« hub:inconnu » n'existe pas"))
        let malformed = try LieuxExecutable.run(["doublons", "decider", "meme", "sans-deux-points", "hub:1", "--db", store])
        #expect(malformed.status != 0)
        #expect(malformed.error.contains("SOURCE:ID"))
        let wrong = try LieuxExecutable.run(["doublons", "decider", "peut-etre", "hub:1", "hub:2", "--db", store])
        #expect(wrong.error.contains("« meme » ou « different »"))
    }
}
