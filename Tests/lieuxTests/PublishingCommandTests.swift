import Foundation
import LieuxTestSupport
import Testing

@Suite("lieux import, historique, annuler, jetons: publishing without losing anything")
final class PublishingCommandTests {
    let folder = SharedData.temporaryFolder("lieux-cli-publishing")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func store() -> String { folder.appendingPathComponent("lieux.sqlite").path }

    /// `numbers`' venues as CSV; `change` edits the cells of a row, `before` inserts raw bytes
    /// before the data row of that index.
    func csv(
        _ name: String, _ numbers: Range<Int>, revision: Int = 1, change: (Int, inout [String]) -> Void = { _, _ in },
        before: [Int: [UInt8]] = [:]
    ) throws -> String {
        let bytes = GeneratedVenues(numbers, revision: revision, detailLength: 20).csv(change: change, insert: before)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static let latitude = GeneratedVenues.header.firstIndex(of: "latitude")!

    @Test("the reproduction: 1,200 broken rows, then bytes that are not UTF-8, then the rest: nothing changes and the report says why")
    func reproduction() throws {
        let good = try csv("cnfs.csv", 0..<4930)
        let first = try LieuxExecutable.run(["import", good, "--source", "cnfs", "--db", store()])
        #expect(first.status == 0, "\(first.error)")
        let snapshot = try StoreSnapshot.read(store())
        let bad = try csv(
            "cnfs-casse.csv", 0..<4930, change: { n, cells in if n < 1200 { cells[Self.latitude] = "pas-un-nombre" } },
            before: [1200: Array("lieu-x,".utf8) + [0xFF, 0xFE, 0x0A]])
        let result = try LieuxExecutable.run(["import", bad, "--source", "cnfs", "--db", store()])
        #expect(result.status == 2, "unreadable file: exit 2\n\(result.output)")
        #expect(result.output.contains("RIEN N'A ÉTÉ MODIFIÉ"), "\(result.output)")
        #expect(result.output.contains("n'a pas pu être lu jusqu'au bout"), "\(result.output)")
        #expect(!result.output.contains("retirés ;"), "no count of removals for an import that changed nothing: \(result.output)")
        #expect(try StoreSnapshot.read(store()) == snapshot)
        let json = try LieuxExecutable.run(["import", bad, "--source", "cnfs", "--db", store(), "--format", "json"])
        let value = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(value["status"] as? String == "unreadable")
        let report = (value["files"] as? [[String: Any]])?.first?["report"] as? [String: Any]
        #expect((report?["failure"] as? [String: Any])?["code"] as? String == "encoding-error")
        #expect(try StoreSnapshot.read(store()) == snapshot)
    }

    @Test("rows in error keep their venues, in the text and JSON reports")
    func kept() throws {
        #expect(try LieuxExecutable.run(["import", try csv("v1.csv", 0..<20), "--source", "s", "--db", store()]).status == 0)
        let broken = try csv("v2.csv", 0..<20, change: { n, cells in if n == 7 { cells[Self.latitude] = "nord" } })
        let text = try LieuxExecutable.run(["import", broken, "--source", "s", "--db", store()])
        #expect(text.status == 1)
        #expect(text.output.contains("= lieu-000007 (conservé : ligne en erreur"), "\(text.output)")
        #expect(text.output.contains("0 retirés"), "\(text.output)")
        let json = try LieuxExecutable.json(["import", broken, "--source", "s", "--db", store(), "--format", "json"])
        let kept = try #require((json.value as? [String: Any])?["keptVenues"] as? [[String: Any]])
        #expect(kept.map { $0["id"] as? String } == ["lieu-000007"])
        #expect(kept.first?["action"] as? String == "conserve")
        #expect(kept.first?["rowNumber"] as? Int == 9)
    }

    @Test("--essai prints every change and changes nothing; a refused import lists what it would remove and exits 3")
    func essaiAndRefusal() throws {
        #expect(try LieuxExecutable.run(["import", try csv("v1.csv", 0..<50), "--source", "s", "--db", store()]).status == 0)
        let snapshot = try StoreSnapshot.read(store())
        let next = try csv("v2.csv", 2..<52, revision: 2)
        let essai = try LieuxExecutable.run(["import", next, "--source", "s", "--db", store(), "--essai"])
        #expect(essai.status == 0, "\(essai.error)")
        #expect(essai.output.contains("RIEN N'A ÉTÉ MODIFIÉ"))
        for line in ["+ lieu-000050 (ajout)", "+ lieu-000051 (ajout)", "- lieu-000000 (retrait)", "- lieu-000001 (retrait)"] {
            #expect(essai.output.contains(line), "\(line)\n\(essai.output)")
        }
        #expect(essai.output.components(separatedBy: "(modification)").count - 1 > 0)
        #expect(try StoreSnapshot.read(store()) == snapshot)
        let shorter = try csv("v3.csv", 0..<30)
        let refused = try LieuxExecutable.run(["import", shorter, "--source", "s", "--db", store()])
        #expect(refused.status == 3)
        #expect(refused.output.contains("retirerait 20 des 50 lieux"), "\(refused.output)")
        #expect(refused.output.contains("- lieu-000049 (retrait)"))
        #expect(refused.output.contains("--autoriser-retraits"))
        #expect(try StoreSnapshot.read(store()) == snapshot)
        #expect(try LieuxExecutable.run(["import", shorter, "--source", "s", "--db", store(), "--autoriser-retraits"]).status == 0)
        #expect(try StoreSnapshot.read(store()).lieux == 30)
    }

    @Test("two files in one command form the source together")
    func union() throws {
        let a = try csv("a.csv", 0..<10)
        let b = try csv("b.csv", 10..<25)
        let result = try LieuxExecutable.run(["import", a, b, "--source", "s", "--db", store()])
        #expect(result.status == 0, "\(result.output)")
        #expect(try StoreSnapshot.read(store()).lieux == 25)
        let again = try LieuxExecutable.run(["import", a, b, "--source", "s", "--db", store()])
        #expect(again.output.contains("25 inchangés"), "\(again.output)")
    }

    @Test("annuler puts the source back byte for byte (its export); annuler again redoes; historique lists it all")
    func undo() throws {
        #expect(try LieuxExecutable.run(["import", try csv("v1.csv", 0..<40), "--source", "s", "--db", store()]).status == 0)
        func export() throws -> String {
            let run = try LieuxExecutable.run(["export", "--db", store(), "--format", "geojson", "--source", "s"])
            #expect(run.status == 0)
            return run.output
        }
        let before = try export()
        let second = try LieuxExecutable.run(["import", try csv("v2.csv", 4..<44, revision: 2), "--source", "s", "--db", store()])
        #expect(second.status == 0, "\(second.output)")
        let after = try export()
        #expect(after != before)
        let undo = try LieuxExecutable.run(["annuler", "--source", "s", "--db", store()])
        #expect(undo.status == 0, "\(undo.error)")
        #expect(undo.output.contains("annulée"))
        #expect(try export() == before)
        #expect(try LieuxExecutable.run(["annuler", "--source", "s", "--db", store()]).status == 0)
        #expect(try export() == after)

        let history = try LieuxExecutable.json(["historique", "--source", "s", "--db", store(), "--format", "json"])
        let operations = try #require(history.value as? [[String: Any]])
        #expect(operations.map { $0["kind"] as? String } == ["annulation", "annulation", "import", "import"])
        let versions = try LieuxExecutable.json(["historique", "--source", "s", "--id", "lieu-000000", "--db", store(), "--format", "json"])
        let changes = try #require(versions.value as? [[String: Any]])
        #expect(changes.map { $0["action"] as? String } == ["retrait", "ajout", "retrait", "ajout"])
        let text = try LieuxExecutable.run(["historique", "--source", "s", "--db", store()])
        #expect(text.output.contains("annule le n°"), "\(text.output)")
        let journal = try LieuxExecutable.run(["journal", "--db", store()])
        #expect(journal.output.contains("ligne de commande"), "\(journal.output)")
        let purge = try LieuxExecutable.run(["historique", "--purger-avant", "2999-01-01", "--db", store()])
        #expect(purge.status == 0)
        #expect(purge.output.contains("3 opérations"), "\(purge.output)")
    }

    @Test("jetons: made once with at least 128 bits, listed without their text, revoked")
    func tokens() throws {
        let made = try LieuxExecutable.run(["jetons", "creer", "--source", "s", "--nom", "Mairie de Reims", "--db", store()])
        #expect(made.status == 0, "\(made.error)")
        let token = made.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("lieux_1_"))
        #expect(token.dropFirst("lieux_1_".count).count >= 22, "128 bits in base64url are 22 characters at least")
        let other = try LieuxExecutable.run(["jetons", "creer", "--source", "s", "--nom", "Autre", "--db", store()])
        #expect(other.output != made.output)
        let list = try LieuxExecutable.run(["jetons", "liste", "--db", store()])
        #expect(list.output.contains("Mairie de Reims"))
        #expect(!list.output.contains(token), "the list never shows a token")
        let stored = try String(decoding: Data(contentsOf: URL(fileURLWithPath: store())), as: UTF8.self)
            + ((try? String(decoding: Data(contentsOf: URL(fileURLWithPath: store() + "-wal")), as: UTF8.self)) ?? "")
        #expect(!stored.contains(String(token.dropFirst("lieux_1_".count))), "the store keeps a hash only")
        #expect(try LieuxExecutable.run(["jetons", "revoquer", "1", "--db", store()]).output.contains("révoqué"))
        #expect(try LieuxExecutable.run(["jetons", "liste", "--db", store()]).output.contains("RÉVOQUÉ"))
        #expect(try LieuxExecutable.run(["jetons", "revoquer", "99", "--db", store()]).status == 1)
    }
}
