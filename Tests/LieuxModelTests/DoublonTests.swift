import Foundation
import LieuxModel
import Testing

@Suite("Doublons: evidence, decisions, candidates and groups")
struct DoublonTests {
    /// A venue of `commune` at (lat, lon); fields set through `change`.
    static func fiche(
        _ id: String, _ nom: String, source: String = "s", commune: String = "Saint-Andiol", codePostal: String = "13670",
        adresse: String = "Place du Général de Gaulle", at position: (Double, Double)? = (43.8340, 4.9480),
        pivot: String = "00000000000000", _ change: (inout Lieu) -> Void = { _ in }
    ) -> DoublonFiche {
        var lieu = Lieu(
            id: Lieu.ID(rawValue: id)!, pivot: Pivot(rawValue: pivot)!, nom: nom, commune: commune, codePostal: CodePostal(rawValue: codePostal)!,
            adresse: adresse, dateMaj: CalendarDate(year: 2024, month: 1, day: 1)!)
        if let position { lieu.coordinates = Coordinates(latitude: position.0, longitude: position.1) }
        change(&lieu)
        return DoublonFiche(ref: LieuRef(source: source, id: id), lieu: lieu)
    }

    /// A point `metres` east of (lat, lon).
    static func east(_ metres: Double, of point: (Double, Double) = (43.8340, 4.9480)) -> (Double, Double) {
        (point.0, point.1 + metres / (111_195 * cos(point.0 * .pi / 180)))
    }

    @Test("names: accents, case, punctuation and common words folded; « ville de X » is « mairie de X »; the commune's name dropped")
    func names() {
        let a = NomAnalyse("Mairie de Saint-Andiol", commune: "Saint-Andiol")
        let b = NomAnalyse("HÔTEL DE VILLE", commune: "Saint Andiol")
        let c = NomAnalyse("Ville de Saint-Andiol", commune: "SAINT-ANDIOL")
        #expect(a.mots == ["mairie"])
        #expect(a.similarite(b) == 1)
        #expect(a.similarite(c) == 1)
        #expect(NomAnalyse("Médiathèque L. Vidau", commune: "Cabannes").similarite(NomAnalyse("Mediatheque L Vidau", commune: "Cabannes")) == 1)
        // One typo in a long word still matches; different words do not.
        #expect(NomAnalyse("Médiathèque Léopold Vidau", commune: "X").similarite(NomAnalyse("Mediateque Leopold Vidau", commune: "X")) > 0.9)
        #expect(NomAnalyse("Espace jeunes", commune: "X").similarite(NomAnalyse("Maison des seniors", commune: "X")) < 0.5)
    }

    @Test("two services named in one building are two venues: médiathèque vs France Services, mairie vs CCAS")
    func services() {
        let mediatheque = Self.fiche("1", "Médiathèque municipale")
        let franceServices = Self.fiche("2", "France Services de Saint-Andiol")
        let evidence = DoublonPreuves(mediatheque, franceServices)
        #expect(evidence.distance == 0)
        #expect(evidence.decision == .different)
        #expect(evidence.servicesDifferents == ["bibliothèque", "france services"])
        let mairie = Self.fiche("3", "Mairie")
        #expect(DoublonPreuves(mairie, Self.fiche("4", "CCAS de Saint-Andiol")).decision == .different)
        // A France Services in the town hall names both: no conflict with the mairie.
        #expect(DoublonPreuves(mairie, Self.fiche("5", "Mairie - France Services")).servicesDifferents.isEmpty)
    }

    @Test("addresses: numbers with bis/ter, abbreviations spelled out")
    func addresses() {
        #expect(AdresseAnalyse("12 av. Jean Jaurès").memeAdresse(AdresseAnalyse("12, avenue Jean-Jaures")))
        #expect(AdresseAnalyse("12b rue de la Paix").memeAdresse(AdresseAnalyse("12 bis R. de la Paix")))
        #expect(AdresseAnalyse("12b rue de la Paix").numero == "12 bis")
        #expect(!AdresseAnalyse("12 rue de la Paix").memeAdresse(AdresseAnalyse("14 rue de la Paix")))
        #expect(!AdresseAnalyse("12 rue de la Paix").memeAdresse(AdresseAnalyse("12 rue Victor Hugo")))
        #expect(AdresseAnalyse("Place du Général de Gaulle").memeAdresse(AdresseAnalyse("pl. du Gal de Gaulle")))
    }

    @Test("identifiers: a real SIRET (Luhn, no placeholder), phones by their national digits, websites without scheme nor www")
    func identifiers() {
        let a = Self.fiche("1", "Espace numérique", pivot: "21130003300019") { $0.telephone = Telephone(rawValue: "+33490950101") }
        let b = Self.fiche("2", "EPN", at: Self.east(40), pivot: "21130003300019") {
            $0.telephone = Telephone(rawValue: "+33490950101")
            $0.sitesWeb = [WebAddress(rawValue: "https://www.saint-andiol.fr/")!]
        }
        let evidence = DoublonPreuves(a, b)
        #expect(a.siret == "21130003300019")
        #expect(evidence.memeSIRET && evidence.memeTelephone)
        #expect(Self.fiche("3", "x", pivot: "00000000000000").siret == nil, "a placeholder")
        #expect(Self.fiche("4", "x", pivot: "21130003300017").siret == nil, "Luhn's key wrong")
        #expect(Self.fiche("5", "x", pivot: "11111111111111").siret == nil, "one digit repeated")
        let c = Self.fiche("6", "x") { $0.sitesWeb = [WebAddress(rawValue: "http://saint-andiol.fr")!] }
        #expect(DoublonPreuves(b, c).memeSite)
        // Same SIREN, other establishment: the organisation, not the venue.
        let d = Self.fiche("7", "x", pivot: "21130003300027")
        #expect(DoublonPreuves(a, d).memeSIREN && !DoublonPreuves(a, d).memeSIRET)
    }

    @Test("decisions: the same name near or with a shared contact is « meme »; far apart is « different »; in between « incertain »")
    func decisions() {
        let a = Self.fiche("1", "Médiathèque Léopold Vidau", adresse: "Avenue St Michel")
        #expect(DoublonPreuves(a, Self.fiche("2", "Mediatheque L. Vidau", adresse: "av Saint-Michel", at: Self.east(80))).decision == .meme)
        #expect(DoublonPreuves(a, Self.fiche("3", "Médiathèque Léopold Vidau", adresse: "Rue du Port", at: Self.east(250))).decision == .meme)
        #expect(DoublonPreuves(a, Self.fiche("4", "Médiathèque Léopold Vidau", adresse: "Rue du Port", at: Self.east(900))).decision == .incertain)
        #expect(DoublonPreuves(a, Self.fiche("5", "Médiathèque Léopold Vidau", adresse: "Rue du Port", at: Self.east(5000))).decision == .different)
        // Unlike names at one address: a person decides; a little further, two venues.
        #expect(DoublonPreuves(a, Self.fiche("6", "Club de judo", adresse: "Avenue St Michel")).decision == .incertain)
        #expect(DoublonPreuves(a, Self.fiche("6b", "Club de judo", adresse: "Rue du Port", at: Self.east(150))).decision == .different)
        // Without positions: the same commune and the same address decide.
        let noPosition = Self.fiche("7", "Médiathèque Léopold Vidau", adresse: "avenue Saint Michel", at: nil)
        let evidence = DoublonPreuves(a, noPosition)
        #expect(evidence.distance == nil && evidence.memeAdresse && evidence.decision == .meme)
    }

    @Test("acronyms and names contained in others; numbered addresses that differ; a bus and a fixed place; two SIRETs")
    func finerRules() {
        #expect(NomAnalyse("CSCS FLEP", commune: "Soyaux").similarite(NomAnalyse("Foyer laïque d'éducation permanente", commune: "Soyaux")) >= 0.9)
        #expect(NomAnalyse("UDAF", commune: "X").similarite(NomAnalyse("Citez des talents, Union départementale des associations familiales", commune: "X")) >= 0.9)
        #expect(NomAnalyse("Anonymal", commune: "X").similarite(NomAnalyse("Anonymal - la maison numérique", commune: "X")) >= 0.9)
        // Generic words alone are not a name: « France Services » is not « France Services de Beauvezer ».
        #expect(NomAnalyse("France Services", commune: "X").similarite(NomAnalyse("France Services Beauvezer", commune: "X")) < 0.85)
        #expect(AdresseAnalyse("9 rue Montolieu").autreAdresse(AdresseAnalyse("15 rue du Terras")))
        #expect(!AdresseAnalyse("17-21 avenue Chiris").autreAdresse(AdresseAnalyse("17 av. Chiris")))
        #expect(AdresseAnalyse("5 chemin du Halage").memeAdresse(AdresseAnalyse("5 rue du Halage")))
        // Two sites of one organisation: the same name and website, different streets.
        let site = { (id: String, adresse: String, metres: Double) in
            Self.fiche(id, "Centre d'innovation pour l'emploi", adresse: adresse, at: Self.east(metres)) {
                $0.sitesWeb = [WebAddress(rawValue: "https://cieres.fr")!]
            }
        }
        #expect(DoublonPreuves(site("1", "9 rue Montolieu", 0), site("2", "15 rue du Terras", 199)).decision == .incertain)
        let bus = Self.fiche("3", "France Services itinérante") { $0.telephone = Telephone(rawValue: "+33490000000") }
        let fixed = Self.fiche("4", "France Services") { $0.telephone = Telephone(rawValue: "+33490000000") }
        #expect(DoublonPreuves(bus, fixed).decision == .different)
        #expect(DoublonPreuves(bus, fixed).itinerancesDifferentes)
        let a = Self.fiche("5", "Maison France Services", pivot: "21130003300019")
        let b = Self.fiche("6", "Maison France Services", pivot: "21130003300027")
        #expect(DoublonPreuves(a, b).siretsDifferents && DoublonPreuves(a, b).decision == .incertain)
    }

    @Test("candidates: every pair within 300 m on the sphere, as brute force finds them, and no pair beyond from space alone")
    func spatialCandidates() {
        var rng = SystemRandomNumberGenerator()
        var fiches: [DoublonFiche] = []
        // Points around three places, one at 60° N where degrees of longitude are short.
        for (index, centre) in [(43.83, 4.94), (60.17, 24.94), (-21.11, 55.53)].enumerated() {
            for n in 0..<150 {
                let point = (centre.0 + Double.random(in: -0.01...0.01, using: &rng), centre.1 + Double.random(in: -0.02...0.02, using: &rng))
                fiches.append(Self.fiche("p\(index)-\(n)", "Lieu \(index * 1000 + n)", commune: "C\(index)\(n)", at: point))
            }
        }
        let found = Set(DoublonRecherche(fiches: fiches).candidats().map { "\($0.0)-\($0.1)" })
        var expected = Set<String>()
        for i in fiches.indices {
            for j in fiches.indices where j > i {
                if fiches[i].coordinates!.distance(to: fiches[j].coordinates!) <= 300 { expected.insert("\(i)-\(j)") }
            }
        }
        #expect(!expected.isEmpty)
        #expect(found == expected)
    }

    @Test("candidates without positions nor code_insee: similar names in the same commune, and shared contacts")
    func otherCandidates() {
        let fiches = [
            Self.fiche("1", "Espace numérique Vidau", at: nil),
            Self.fiche("2", "Espace Vidau", at: nil),
            Self.fiche("3", "Bureau", commune: "Cabannes", codePostal: "13440", at: nil) { $0.courriels = [Courriel(rawValue: "epn@exemple.fr")!] },
            Self.fiche("4", "Accueil", commune: "Orgon", codePostal: "13660", at: nil) { $0.courriels = [Courriel(rawValue: "EPN@exemple.fr")!] },
            Self.fiche("5", "Autre lieu", commune: "Orgon", codePostal: "13660", at: nil),
        ]
        let pairs = DoublonRecherche(fiches: fiches).candidats().map { "\($0.0)-\($0.1)" }
        #expect(pairs == ["0-1", "2-3"])
    }

    @Test("groups never hold two venues decided different, whatever the chain of « meme » pairs")
    func groupsWithoutChains() {
        let fiches = [Self.fiche("a", "Point numérique"), Self.fiche("b", "Point numérique"), Self.fiche("c", "Point numérique")]
        let all = DoublonRecherche(fiches: fiches).resultat()
        #expect(all.groupes.map(\.membres.count) == [3])
        let ref = { (id: String) in LieuRef(source: "s", id: id) }
        let decided = DoublonRecherche(fiches: fiches, decisions: [DoublonCle(ref("a"), ref("c")): .different]).resultat()
        #expect(decided.groupes.count == 1)
        let members = Set(decided.groupes[0].membres.map(\.id))
        #expect(members.count == 2 && !(members.contains("a") && members.contains("c")))
        #expect(decided.groupes[0].paires.allSatisfy { $0.decision == .meme })
        // A person's « meme » groups two records the rules call different.
        let apart = [Self.fiche("x", "Médiathèque"), Self.fiche("y", "France Services", at: Self.east(10))]
        #expect(DoublonRecherche(fiches: apart).resultat().groupes.isEmpty)
        let joined = DoublonRecherche(fiches: apart, decisions: [DoublonCle(LieuRef(source: "s", id: "y"), LieuRef(source: "s", id: "x")): .meme]).resultat()
        #expect(joined.groupes.first?.membres.map(\.id) == ["x", "y"])
        #expect(joined.groupes.first?.paires.first?.parUnePersonne == true)
    }

    @Test("a contact many venues share (a network's) is not evidence of one venue")
    func sharedContacts() {
        let fiches = (0..<8).map { n in
            Self.fiche("\(n)", "Antenne \(["nord", "sud", "est", "ouest", "centre", "gare", "port", "plage"][n])", commune: "C\(n)", at: nil) {
                $0.sitesWeb = [WebAddress(rawValue: "https://www.france-services.gouv.fr")!]
            }
        }
        let recherche = DoublonRecherche(fiches: fiches)
        #expect(recherche.candidats().isEmpty)
        #expect(recherche.preuves(0, 1).contactPartage && !recherche.preuves(0, 1).memeSite)
    }
}
