import Foundation
import LieuxModel
import LieuxSchema
import LieuxTestSupport
import Testing

@testable import LieuxStore

@Suite("Store: duplicates across sources and people's decisions")
struct DoublonStoreTests {
    let files = VenueFiles()
    let options = ImportOptions(validation: ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!))

    /// The group of `ref`, as `source:id` strings.
    func group(of ref: LieuRef, in resultat: DoublonResultat) -> Set<String> {
        Set(resultat.groupes.first { $0.membres.contains(ref) }?.membres.map(\.description) ?? [])
    }

    @Test("the same venues from two sources are grouped; a decision « different » splits a pair and survives a re-import")
    func decisionsSurviveImports() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("a.csv", 0..<10), source: "a", options: options)
        _ = try store.importFile(at: try files.csv("b.csv", 0..<10), source: "b", options: options)
        let three = (a: LieuRef(source: "a", id: GeneratedVenues.id(3)), b: LieuRef(source: "b", id: GeneratedVenues.id(3)))
        let before = try store.doublons().resultat
        #expect(group(of: three.a, in: before).contains(three.b.description))
        for n in 0..<10 {
            #expect(group(of: LieuRef(source: "a", id: GeneratedVenues.id(n)), in: before).contains("b:" + GeneratedVenues.id(n)), "venue \(n)")
        }
        try store.decideDoublon(three.b, three.a, decision: .different, auteur: "test")
        #expect(try store.doublonDecisions() == [DoublonCle(three.a, three.b): .different])
        let after = try store.doublons().resultat
        #expect(!group(of: three.a, in: after).contains(three.b.description))
        // A re-import of source b (a third of its venues renamed) keeps the decision.
        _ = try store.importFile(at: try files.csv("b2.csv", 0..<10, revision: 2), source: "b", options: options)
        let reimported = try store.doublons().resultat
        #expect(!group(of: three.a, in: reimported).contains(three.b.description))
        // Only the groups that touch a source, when asked.
        let onlyA = try store.doublons(source: "a").resultat
        #expect(onlyA.groupes.allSatisfy { $0.membres.contains { $0.source == "a" } })
    }

    @Test("a decision about a venue that does not exist, or about one venue twice, is refused with a French message")
    func badDecisions() throws {
        let store = try makeStore()
        _ = try store.importFile(at: try files.csv("a.csv", 0..<3), source: "a", options: options)
        let real = LieuRef(source: "a", id: GeneratedVenues.id(1))
        #expect(throws: StoreError.self) { try store.decideDoublon(real, LieuRef(source: "a", id: "inconnu"), decision: .meme, auteur: nil) }
        do {
            try store.decideDoublon(real, LieuRef(source: "z", id: "1"), decision: .meme, auteur: nil)
        } catch {
            #expect(error.code == .unknownVenue)
            #expect(error.message.contains("« z:1 » n'existe pas"))
        }
        #expect(throws: StoreError.self) { try store.decideDoublon(real, real, decision: .different, auteur: nil) }
        #expect(throws: StoreError.self) { try store.doublons(source: "inconnue") }
        #expect(try store.doublonDecisions().isEmpty)
    }
}
