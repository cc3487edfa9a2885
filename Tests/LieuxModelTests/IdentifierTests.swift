import Testing

@testable import LieuxModel

@Suite("Pivot")
struct PivotTests {
    @Test(
        "the kind is read from the form",
        arguments: [
            ("21510454800007", Pivot.Kind.siret), ("215104548", .siren), ("W751234567", .rna),
            ("1234567001", .ridet), ("ABCDEFGHIJ", .other),
        ])
    func kind(text: String, kind: Pivot.Kind) throws {
        #expect(try #require(Pivot(rawValue: text)).kind == kind)
    }

    @Test("the standard's pattern ^[a-zA-Z0-9]{9,14}$ decides what is a pivot", arguments: ["12345678", "123456789012345", "2151 0454800007", "", "é23456789"])
    func rejected(text: String) {
        #expect(Pivot(rawValue: text) == nil)
    }

    @Test(
        "SIRET and SIREN checksums follow Luhn, La Poste's the sum of digits",
        arguments: [
            ("21510454800007", true), ("21510454800008", false), ("732829320", true), ("732829321", false),
            ("35600000000048", false), ("35600000049837", true), ("W751234567", nil),
        ])
    func checksum(text: String, valid: Bool?) throws {
        #expect(try #require(Pivot(rawValue: text)).hasValidChecksum == valid)
    }

    @Test("placeholders are recognised", arguments: [("00000000000000", true), ("11111111111111", true), ("123456789", true), ("21510454800007", false)])
    func placeholder(text: String, expected: Bool) throws {
        #expect(try #require(Pivot(rawValue: text)).isPlaceholder == expected)
    }
}

@Suite("Codes")
struct CodeTests {
    @Test("INSEE codes follow the standard's pattern", arguments: [
        ("51454", true), ("2A004", true), ("2B033", true), ("97411", true), ("20000", false), ("2C004", false),
        ("5145", false), ("514540", false), ("A1454", false),
    ])
    func insee(text: String, valid: Bool) {
        #expect((CodeINSEE(rawValue: text) != nil) == valid)
    }

    @Test("an INSEE code knows its département")
    func inseeDepartement() {
        #expect(CodeINSEE(rawValue: "51454")?.departement?.code == "51")
        #expect(CodeINSEE(rawValue: "2A004")?.departement?.code == "2A")
        #expect(CodeINSEE(rawValue: "97411")?.departement?.code == "974")
        #expect(CodeINSEE(rawValue: "98818")?.departement?.code == "988")
    }

    @Test("postal codes are five digits", arguments: [("51100", true), ("5110", false), ("51 100", false), ("5110A", false)])
    func postal(text: String, valid: Bool) {
        #expect((CodePostal(rawValue: text) != nil) == valid)
    }

    @Test("phone numbers follow the standard's international form", arguments: [
        ("+33326353680", true), ("+687450700", true), ("+262262123456", true), ("0326353680", false),
        ("+33 3 26 35 36 80", false), ("+3312345", false), ("+331234567890", false), ("+44123456789", false),
    ])
    func telephone(text: String, valid: Bool) {
        #expect((Telephone(rawValue: text) != nil) == valid)
    }

    @Test("e-mail and web addresses are checked for their basic form")
    func addresses() {
        #expect(Courriel(rawValue: "contact@mediatheque.fr") != nil)
        #expect(Courriel(rawValue: "contact@mediatheque") == nil)
        #expect(Courriel(rawValue: "contact @mediatheque.fr") == nil)
        #expect(WebAddress(rawValue: "https://www.reims.fr/bibliotheques") != nil)
        #expect(WebAddress(rawValue: "www.reims.fr") == nil)
        #expect(WebAddress(rawValue: "https://") == nil)
    }

    @Test("an identifier is never blank")
    func identifier() {
        #expect(Lieu.ID(rawValue: "  ") == nil)
        #expect(Lieu.ID(rawValue: "demo-1")?.rawValue == "demo-1")
    }
}

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("ISO dates parse as Python's strptime(\"%Y-%m-%d\") does", arguments: [
        ("2024-04-02", "2024-04-02"), ("2024-4-2", "2024-04-02"), ("2024-02-29", "2024-02-29"),
        ("2023-02-29", nil), ("2023-13-01", nil), ("2023-00-10", nil), ("2023-01-00", nil),
        ("11/05/2023", nil), ("2023-05-11T10:00", nil), ("20230511", nil), ("023-05-11", nil),
        ("1900-02-29", nil), ("2000-02-29", "2000-02-29"),
    ] as [(String, String?)])
    func parse(text: String, expected: String?) {
        #expect(CalendarDate(iso: text)?.description == expected)
    }

    @Test("dates compare in calendar order")
    func order() {
        #expect(CalendarDate(iso: "2023-12-31")! < CalendarDate(iso: "2024-01-01")!)
        #expect(CalendarDate(iso: "2024-02-01")! > CalendarDate(iso: "2024-01-31")!)
    }
}

@Suite("Coordinates")
struct CoordinatesTests {
    @Test("out-of-range and non-finite coordinates are refused")
    func ranges() {
        #expect(Coordinates(latitude: 91, longitude: 0) == nil)
        #expect(Coordinates(latitude: 0, longitude: -181) == nil)
        #expect(Coordinates(latitude: .nan, longitude: 0) == nil)
        #expect(Coordinates(latitude: -22.27, longitude: 166.45) != nil)
    }

    @Test("the haversine distance Paris – Reims is about 130 km")
    func distance() throws {
        let paris = try #require(Coordinates(latitude: 48.8566, longitude: 2.3522))
        let reims = try #require(Coordinates(latitude: 49.2583, longitude: 4.0317))
        let d = paris.distance(to: reims)
        #expect(abs(d - 129_600) < 1_500, "\(d)")
        #expect(paris.distance(to: paris) == 0)
    }
}

@Suite("Vocabularies and fields")
struct VocabularyTests {
    @Test("each vocabulary has the standard's number of labels")
    func counts() {
        #expect(Service.allCases.count == 9)
        #expect(PublicSpecifiquementAdresse.allCases.count == 5)
        #expect(PriseEnChargeSpecifique.allCases.count == 7)
        #expect(FraisACharge.allCases.count == 3)
        #expect(Itinerance.allCases.count == 2)
        #expect(ModaliteAcces.allCases.count == 6)
        #expect(ModaliteAccompagnement.allCases.count == 4)
        #expect(DispositifProgrammeNational.allCases.count == 11)
        // The published 1.0.2 pattern and description list ten labels.
        #expect(FormationLabel.allCases.count == 10)
    }

    @Test("the standard has 32 fields, in its column order")
    func fields() {
        #expect(Lieu.Field.allCases.count == 32)
        #expect(Lieu.Field.id.number == 1)
        #expect(Lieu.Field.priseRdv.number == 32)
        #expect(Lieu.Field.dateMaj.rawValue == "date_maj")
        #expect(FraisACharge.field == .fraisACharge)
    }

    @Test("multi-values split on |, keep order, drop duplicates and report unknown labels")
    func multiValue() {
        let parsed = MultiValue<FraisACharge>.parse("Payant|Gratuit| Payant |Gratos||")
        #expect(parsed.value.values == [.payant, .gratuit])
        #expect(parsed.rejected == ["Gratos"])
        #expect(parsed.value.text == "Payant|Gratuit")
        let old = MultiValue<FraisACharge>.parse("Gratuit;Payant", separator: ";")
        #expect(old.value.values == [.gratuit, .payant])
    }
}
