import LieuxModel
import Testing

@Suite("Lieu.qualite")
struct QualiteTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 2)!

    static func lieu(dateMaj: CalendarDate = CalendarDate(year: 2026, month: 6, day: 1)!) -> Lieu {
        Lieu(
            id: Lieu.ID(rawValue: "1")!, pivot: Pivot(rawValue: "00000000000000")!, nom: "EPN", commune: "Reims",
            codePostal: CodePostal(rawValue: "51100")!, adresse: "1 rue", dateMaj: dateMaj)
    }

    @Test("an empty record scores 0; each field adds its weight; a full record scores 100")
    func weights() {
        var lieu = Self.lieu()
        #expect(lieu.qualite(today: Self.today) == 0)
        lieu.horaires = "Mo-Fr 09:00-12:00"
        #expect(lieu.qualite(today: Self.today) == 20)
        lieu.services = [.aideAuxDemarchesAdministratives]
        lieu.telephone = Telephone(rawValue: "+33326000000")
        lieu.coordinates = Coordinates(latitude: 49.25, longitude: 4.03)
        #expect(lieu.qualite(today: Self.today) == 65)
        lieu.sitesWeb = [WebAddress(rawValue: "https://exemple.fr")!]
        lieu.pivot = Pivot(rawValue: "21510454300016")!
        lieu.typologies = [Typologie(rawValue: "EPN")]
        lieu.publicsSpecifiquementAdresses = [.seniors]
        lieu.fraisACharge = [.gratuit]
        lieu.modalitesAcces = [.sePresenter]
        lieu.presentationResume = "Un espace public numérique."
        #expect(lieu.qualite(today: Self.today) == 100)
    }

    @Test("a record a year old or more loses a fifth; three years or more, two fifths")
    func freshness() {
        var lieu = Self.lieu(dateMaj: CalendarDate(year: 2025, month: 12, day: 3)!)
        lieu.horaires = "Mo 09:00-12:00"
        lieu.services = [.aideAuxDemarchesAdministratives]
        #expect(lieu.qualite(today: Self.today) == 35, "less than a year")
        lieu.dateMaj = CalendarDate(year: 2025, month: 12, day: 2)!
        #expect(lieu.qualite(today: Self.today) == 28, "a year")
        lieu.dateMaj = CalendarDate(year: 2023, month: 12, day: 1)!
        #expect(lieu.qualite(today: Self.today) == 21, "three years")
    }
}
