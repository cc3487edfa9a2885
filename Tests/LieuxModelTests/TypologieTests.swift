import Foundation
import Testing
@testable import LieuxModel

@Suite("Typologie")
struct TypologieTests {
    @Test("the catalogue holds the 91 data·inclusion codes and the 4 the cartography added")
    func catalogue() {
        #expect(Typologie.known.count == 95)
        #expect(Typologie.catalogue.count == 95)
        #expect(Set(Typologie.known).count == 95)
        #expect(Set(Typologie.known.map(\.rawValue)) == Set(Typologie.catalogue.keys))
    }

    @Test("known codes are in the order of the data·inclusion list")
    func order() {
        let codes = Typologie.known.map(\.rawValue)
        #expect(codes == codes.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(codes.first == "ACI")
        #expect(codes.last == "UDAF")
    }

    @Test("every known code is known and has a non-empty label", arguments: Typologie.known)
    func labels(typologie: Typologie) throws {
        #expect(typologie.isKnown)
        let label = try #require(typologie.label)
        #expect(!label.isEmpty)
        #expect(label == label.trimmingCharacters(in: .whitespaces))
    }

    @Test("the common codes have their constant and their label", arguments: [
        (Typologie.epn, "EPN", "Espace Public Numérique (EPN)"),
        (Typologie.bib, "BIB", "Bibliothèque / Médiathèque"),
        (Typologie.tiersLieux, "TIERS_LIEUX", "Tiers lieu & coworking"),
        (Typologie.franceServices, "RFS", "Réseau France Services"),
        (Typologie.ccas, "CCAS", "Centres communaux d’action sociale (CCAS)"),
        (Typologie.asso, "ASSO", "Associations"),
        (Typologie.muni, "MUNI", "Municipalités"),
        (Typologie.fablab, "FABLAB", "Fablab / Atelier partagé"),
    ])
    func constants(typologie: Typologie, code: String, label: String) {
        #expect(typologie.rawValue == code)
        #expect(typologie.label == label)
        #expect(typologie.isKnown)
    }

    @Test("the codes the national cartography added are known", arguments: ["ESAT", "MDH", "FABRIQUE", "RELAIS_LECTURE"])
    func cartographie(code: String) {
        #expect(Typologie(rawValue: code).isKnown)
        #expect(Typologie(rawValue: code).label != nil)
    }

    @Test("an unknown code is kept, without label", arguments: ["COMMUNE", "AUTRE", "epn", "EPN ", "FRANCE_SERVICES"])
    func unknown(code: String) {
        let typologie = Typologie(rawValue: code)
        #expect(typologie.rawValue == code)
        #expect(!typologie.isKnown)
        #expect(typologie.label == nil)
        #expect(typologie.description == code)
    }

    @Test("codes are case-sensitive: « Autre » is known, « AUTRE » is not")
    func autre() {
        #expect(Typologie(rawValue: "Autre").label == "Autre")
        #expect(!Typologie(rawValue: "AUTRE").isKnown)
    }

    @Test("init(code:) trims white space", arguments: [" EPN", "EPN\n", "\tEPN  "])
    func trims(code: String) {
        #expect(Typologie(code: code) == .epn)
    }

    @Test("init(code:) gives nil for an empty code", arguments: ["", " ", "\t\n"])
    func empty(code: String) {
        #expect(Typologie(code: code) == nil)
    }

    @Test("encodes and decodes as a JSON string")
    func codable() throws {
        let data = try JSONEncoder().encode([Typologie.epn, Typologie(rawValue: "NOUVEAU")])
        #expect(String(decoding: data, as: UTF8.self) == #"["EPN","NOUVEAU"]"#)
        let decoded = try JSONDecoder().decode([Typologie].self, from: Data(#"["RFS","X"]"#.utf8))
        #expect(decoded == [.franceServices, Typologie(rawValue: "X")])
    }

    @Test("the codes the standard cites are known, except its « COMMUNE »")
    func standardExample() {
        // `TIERS_LIEUX|ASSO` in LaMednum's exemple-valide.csv (v1.0.2); « CCAS, ASSO, COMMUNE »
        // in the field's description, where COMMUNE is not a code (municipalities are MUNI).
        #expect(!Typologie(rawValue: "COMMUNE").isKnown)
        for code in ["TIERS_LIEUX", "ASSO", "CCAS"] {
            #expect(Typologie(rawValue: code).isKnown, "\(code)")
        }
    }
}

extension Typologie: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
