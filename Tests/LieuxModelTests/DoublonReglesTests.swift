import Foundation
import LieuxModel
import LieuxTestSupport
import Testing

/// The rules written from the producers' files (`Fixtures/doublons/paires-etiquetees-producteurs.csv`
/// in LieuxStoreTests): letters lost by a producer's encoding, the former names of a France
/// Services, a France Services hosted by La Poste or by another body, one service a town has
/// once, communes written two ways, and the nearest only where venues are dense.
@Suite("Doublons: names as producers write them, hosted France Services, dense spots")
struct DoublonReglesTests {
    @Test("a letter the producer's file lost (« Biblioth�que ») matches any letter; a lost apostrophe splits the word")
    func lostLetters() {
        let lost = NomAnalyse("Biblioth\u{FFFD}que municipale", commune: "Villelaure")
        #expect(lost.mots == ["bibliotheque", "municipale"])
        #expect(lost.services == [.bibliotheque])
        #expect(lost.similarite(NomAnalyse("Bibliothèque municipale", commune: "Villelaure")) == 1)
        // A word outside the vocabulary keeps its unknown letter and matches a word with one there.
        let verriere = NomAnalyse("La Verri\u{FFFD}re", commune: "Marseille")
        #expect(verriere.mots == ["verri*re"])
        #expect(verriere.similarite(NomAnalyse("La Verrière", commune: "Marseille")) == 1)
        #expect(verriere.similarite(NomAnalyse("La Garrigue", commune: "Marseille")) <= 0.5)
        // « l’arrondissement » read in the wrong encoding.
        #expect(NomAnalyse("Points Numériques de l\u{FFFD}arrondissement de Grasse", commune: "Vence").mots == ["points", "numeriques", "arrondissement", "grasse"])
        // The same letters, spaced otherwise.
        let spaced = NomAnalyse("Médiance 13", commune: "Marseille"), joined = NomAnalyse("M\u{FFFD}diance13", commune: "Marseille")
        #expect(spaced.mots == ["mediance", "13"])
        #expect(joined.mots == ["m*diance13"])
        #expect(spaced.similarite(joined) == 1)
        // The commune too: « CH�TEAUNEUF-DE-GADAGNE » is « Châteauneuf-de-Gadagne ».
        let a = DoublonTests.fiche("1", "Médiathèque Raoul Milhaud", commune: "CHÂTEAUNEUF-DE-GADAGNE", codePostal: "84470", adresse: "133 rue du Baron Le Roy")
        let b = DoublonTests.fiche("2", "M\u{FFFD}diath\u{FFFD}que Raoul Milhaud", commune: "CH\u{FFFD}TEAUNEUF-DE-GADAGNE", codePostal: "84470", adresse: "148 rue du Baron Le Roy", at: DoublonTests.east(16, of: (43.8340, 4.9480)))
        #expect(DoublonPreuves(a, b).memeCommune)
        #expect(DoublonPreuves(a, b).decision == .meme)
    }

    @Test("« MSAP », « MFS », « maison de services au public », « espace France Services » are a France Services")
    func formerNames() {
        let franceServices = NomAnalyse("France Services", commune: "Bletterans")
        for name in ["MSAP", "MFS", "Maison de services au public", "Maison des services au public", "Espace France Services", "Maison France Services"] {
            let other = NomAnalyse(name, commune: "Bletterans")
            #expect(other.services == [.franceServices], "\(name)")
            #expect(other.similarite(franceServices) == 1, "\(name)")
        }
        // At one address with one e-mail: one venue.
        let a = DoublonTests.fiche("1", "France Services", commune: "Bletterans", adresse: "2 rue du Pont") { $0.courriels = [Courriel(rawValue: "fs@bletterans.fr")!] }
        let b = DoublonTests.fiche("2", "MSAP de Bletterans", commune: "Bletterans", adresse: "2 rue du Pont") { $0.courriels = [Courriel(rawValue: "fs@bletterans.fr")!] }
        #expect(DoublonPreuves(a, b).decision == .meme)
    }

    @Test("a France Services hosted by La Poste or by a body of another name, at one address")
    func hosted() {
        let poste = DoublonTests.fiche("1", "La Poste", commune: "Méounes-lès-Montrieux", adresse: "12 route de Brignoles")
        let franceServices = DoublonTests.fiche("2", "France Services de Méounes", commune: "Méounes-lès-Montrieux", adresse: "12 Route de Brignoles", at: DoublonTests.east(300, of: (43.8340, 4.9480)))
        let evidence = DoublonPreuves(poste, franceServices)
        #expect(evidence.posteFranceServices)
        #expect(evidence.decision == .meme)
        #expect(evidence.raison.contains("La Poste"))
        // La Poste at another address, or beside a médiathèque, is not.
        #expect(!DoublonPreuves(DoublonTests.fiche("3", "La Poste", adresse: "1 rue Haute"), franceServices).posteFranceServices)
        #expect(!DoublonPreuves(DoublonTests.fiche("4", "La Poste", adresse: "12 route de Brignoles"), DoublonTests.fiche("5", "Médiathèque", adresse: "12 route de Brignoles")).posteFranceServices)

        // A communauté de communes that gives the France Services' own phone, at its address.
        let phone = { (lieu: inout Lieu) in lieu.telephone = Telephone(rawValue: "+33474012345") }
        let cc = DoublonTests.fiche("6", "Communauté de communes du Pays de L'Arbresle", adresse: "117 rue Pierre Passemard", phone)
        let fs = DoublonTests.fiche("7", "France Services du Pays de L'Arbresle", adresse: "117 rue Pierre Passemard", at: DoublonTests.east(3, of: (43.8340, 4.9480)), phone)
        #expect(DoublonPreuves(cc, fs).decision == .meme)
        // Two bodies of other names sharing a building's phone stay for a person to decide.
        let ccas = DoublonTests.fiche("8", "L'Arche (CCAS)", adresse: "117 rue Pierre Passemard", phone)
        let repair = DoublonTests.fiche("9", "Repair Café", adresse: "117 rue Pierre Passemard", phone)
        #expect(DoublonPreuves(ccas, repair).decision == .incertain)
    }

    @Test("one service a town has once (its France Services, its mairie annexe) at two addresses within 500 m is one venue; two numbered ones are not")
    func uniqueService() {
        let a = DoublonTests.fiche("1", "Espace France Services", commune: "Villebois-Lavalette", adresse: "1 place du Champ de Foire")
        let b = DoublonTests.fiche("2", "France Services de Villebois-Lavalette", commune: "Villebois-Lavalette", adresse: "6 rue de la Halle", at: DoublonTests.east(369, of: (43.8340, 4.9480)))
        let evidence = DoublonPreuves(a, b)
        #expect(evidence.serviceUnique == .franceServices)
        #expect(evidence.decision == .meme)
        #expect(evidence.raison.contains("périmée"))
        // Beyond 500 m, or in another commune: not by this rule.
        let far = DoublonTests.fiche("3", "France Services", commune: "Villebois-Lavalette", adresse: "6 rue de la Halle", at: DoublonTests.east(900, of: (43.8340, 4.9480)))
        #expect(DoublonPreuves(a, far).decision != .meme)
        // Two France Services of one city, named after their quarters.
        let north = DoublonTests.fiche("4", "France Services Marseille 14e Massalia", commune: "Marseille", codePostal: "13014", adresse: "1 rue A")
        let south = DoublonTests.fiche("5", "France Services Marseille 13e Malpassé", commune: "Marseille", codePostal: "13014", adresse: "9 rue B", at: DoublonTests.east(400, of: (43.8340, 4.9480)))
        #expect(DoublonPreuves(north, south).serviceUnique == nil)
        #expect(DoublonPreuves(north, south).decision != .meme)
        // A France Services and the socio-cultural centre that hosts its antenna name two services.
        let antenne = DoublonTests.fiche("6", "France services Val de Cher - centre socio-culturel", commune: "Bléré", adresse: "1 rue A")
        let siege = DoublonTests.fiche("7", "France services Val de Cher", commune: "Bléré", adresse: "9 rue B", at: DoublonTests.east(447, of: (43.8340, 4.9480)))
        #expect(DoublonPreuves(antenne, siege).serviceUnique == nil)
    }

    @Test("within 100 m, a commune whose name holds the other's does not keep a pair from « meme »; two other communes at one point do")
    func communesWrittenTwice() {
        let a = DoublonTests.fiche("1", "France services Marseille 13ème - Malpassé", commune: "Marseille 13e", codePostal: "13013", adresse: "57 avenue de Saint-Paul")
        let b = DoublonTests.fiche("2", "France Services Malpassé", commune: "Marseille", codePostal: "13013", adresse: "Avenue de Saint-Paul", at: DoublonTests.east(15, of: (43.8340, 4.9480)))
        #expect(!DoublonPreuves(a, b).memeCommune)
        #expect(DoublonPreuves(a, b).decision == .meme)
        // Two communes of other names at one point: a geocoding's, not one commune.
        let d = DoublonTests.fiche("4", "France Services Malpassé", commune: "Allauch", codePostal: "13190", adresse: "Avenue de Saint-Paul", at: DoublonTests.east(10, of: (43.8340, 4.9480)))
        #expect(DoublonPreuves(a, d).decision != .meme)
        // Two kilometres apart in two communes, the likeness of names alone is not enough.
        let c = DoublonTests.fiche("3", "France Services Malpassé", commune: "Allauch", codePostal: "13190", adresse: "Avenue de Saint-Paul", at: DoublonTests.east(1500, of: (43.8340, 4.9480)))
        #expect(DoublonPreuves(a, c).decision != .meme)
    }

    @Test("where venues are dense, each is paired in space with its 32 nearest; a duplicate there is still found")
    func denseSpots() {
        var rng = SplitMix64(seed: 7)
        var fiches: [DoublonFiche] = []
        for n in 0..<400 {
            let point = DoublonTests.east(rng.unit() * 250, of: (43.8340 + rng.unit() * 100 / 111_195, 4.9480))
            fiches.append(DoublonTests.fiche("p\(n)", "Association numéro \(n)", commune: "C\(n)", adresse: "", at: point))
        }
        fiches.append(DoublonTests.fiche("twin", "Association numéro 17", commune: "C17", adresse: "", at: DoublonTests.east(8, of: (fiches[17].coordinates!.latitude, fiches[17].coordinates!.longitude))))
        let recherche = DoublonRecherche(fiches: fiches)
        let pairs = recherche.candidats()
        var perVenue = [Int](repeating: 0, count: fiches.count)
        for (i, j) in pairs { perVenue[i] += 1; perVenue[j] += 1 }
        // Each venue chose at most 32; it may be chosen by others too, but the total stays linear.
        #expect(pairs.count <= fiches.count * 32)
        #expect(pairs.count < fiches.count * (fiches.count - 1) / 4)
        #expect(pairs.contains { $0 == (17, 400) })
        let groups = recherche.resultat().groupes
        #expect(groups.contains { Set($0.membres.map(\.id)) == ["p17", "twin"] })
    }
}
