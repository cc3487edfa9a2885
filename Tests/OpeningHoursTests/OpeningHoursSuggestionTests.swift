import Testing
@testable import OpeningHours

@Suite("OpeningHours suggestions")
struct OpeningHoursSuggestionTests {
    @Test("mistakes found in real data get a corrected value", arguments: [
        ("Mo-Fr 09:00-19:00; Sa 17:00", "Mo-Fr 09:00-19:00; Sa 17:00+"),
        ("We,Th 12:00-14:00-17:00", "We,Th 12:00-17:00"),
        ("Mo 9h-12h", "Mo 09:00-12:00"),
        ("Mo-Fr 9h-12h,14h30-18h", "Mo-Fr 09:00-12:00,14:30-18:00"),
        ("Lundi 09:00-12:00", "Mo 09:00-12:00"),
        ("Mo-Fr 08:30 - 12:00", "Mo-Fr 08:30-12:00"),
        ("Mo-Fr: 9:00-17:00", "Mo-Fr 09:00-17:00"),
        ("Mo-Fr 09:00-12:00;", "Mo-Fr 09:00-12:00"),
        ("Mo-Fr 09:00-12:00;;Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"),
        ("Mo-Fr 09:00-12:00 Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"),
        ("Mo 09:00-12:00 14:00-17:00", "Mo 09:00-12:00,14:00-17:00"),
        ("Mo-Fr 09:00-12:00; We fermé", "Mo-Fr 09:00-12:00; We off"),
        ("Mo 10:00-12:00 \"sur rendez-vous", "Mo 10:00-12:00 \"sur rendez-vous\""),
        ("Tu-Fr 09:00-12:00; Mo 9-12;14-17", "Tu-Fr 09:00-12:00; Mo 09:00-12:00,14:00-17:00"),
        ("Lundi au vendredi 9h-12h/14h-18h", "Mo-Fr 09:00-12:00,14:00-18:00"),
        ("Lundi au vendredi de 8h30 à 12h30 et de 13h30 à 17h", "Mo-Fr 08:30-12:30,13:30-17:00"),
        ("du Lundi au Jeudi 08:30 - 12:00 / 13:30 - 17:00 | Vendredi 08:30 - 12:00",
         "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00"),
        ("Lundi Mercredi Vendredi 8h30 - 12h30 | Mardi Jeudi 8h30 - 12h30 / 13h30 -16h",
         "Mo,We,Fr 08:30-12:30, Tu,Th 08:30-12:30,13:30-16:00"),
        ("Lundi et vendredi 9h-12h/14h16h30", "Mo,Fr 09:00-12:00,14:00-16:30"),
        ("Tous les jours 9h-20h", "Mo-Su 09:00-20:00"),
        ("Tous les jours sur rendez-vous", "Mo-Su unknown \"sur rendez-vous\""),
        ("Lundi 16h-18h30/ Du mardi au samedi de 9h30-12h30, 14h-18h30. Fermé jeudi et samedi",
         "Mo 16:00-18:30; Tu-Sa 09:30-12:30,14:00-18:30; Th,Sa off"),
        ("Lundi au samedi 7h30-22h", "Mo-Sa 07:30-22:00"),
    ])
    func suggestion(input: String, expected: String) throws {
        let suggestion = try #require(OpeningHours.suggestCorrection(for: input))
        #expect(suggestion == expected)
        #expect((try? OpeningHours(parsing: suggestion)) != nil)
    }

    @Test("a value that parses needs no correction", arguments: [
        "Mo-Fr 09:00-12:00", "24/7", "Mo-Fr 08:00-18:00; PH off",
    ])
    func validValue(input: String) {
        #expect(OpeningHours.suggestCorrection(for: input) == nil)
    }

    @Test("minutes of more digits than an integer holds: no crash, and a suggestion, if any, reads (found by fuzzing)")
    func tooManyDigits() throws {
        let input = "Mo,12h" + String(repeating: "0", count: 40)
        if let suggestion = OpeningHours.suggestCorrection(for: input) {
            #expect((try? OpeningHours(parsing: suggestion)) != nil, "\(suggestion)")
        }
        #expect((try? OpeningHours(parsing: input)) == nil)
    }

    @Test("text that is not understood gets no guess", arguments: [
        "", "2 vendredi par mois 9h-13h", "En fonction des événements couverts", "du mardi au samedi",
        "Mo-Fr 09:00-12:00; Tu 30-19", "Lundi au samedi de 9-21h30 pour les adhérents",
    ])
    func noGuess(input: String) {
        #expect(OpeningHours.suggestCorrection(for: input) == nil)
    }

    @Test("day columns are combined, grouping days with the same hours")
    func fromDays() {
        let franceServices: [Weekday: String] = [
            .monday: "09:00 - 12:00 / 13:30 - 17:00", .tuesday: "09:00 - 12:00 / 13:30 - 17:00",
            .wednesday: "09:00 - 12:00 / 13:30 - 17:00", .thursday: "09:00 - 12:00 / 13:30 - 17:00",
            .friday: "09:00 - 12:00 / 13:30 - 16:00", .saturday: "",
        ]
        #expect(OpeningHours.suggestion(fromDays: franceServices) == "Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00")
        let hinaura: [Weekday: String] = [
            .monday: "Fermé", .tuesday: "9h à 12h et 14h à 17h", .wednesday: "9h à 12h et 14h à 17h",
            .saturday: "9h-12h", .sunday: "Fermé",
        ]
        #expect(OpeningHours.suggestion(fromDays: hinaura) == "Tu,We 09:00-12:00,14:00-17:00; Sa 09:00-12:00")
        #expect(OpeningHours.suggestion(fromDays: [.monday: "Fermé"]) == nil)
        #expect(OpeningHours.suggestion(fromDays: [.monday: "le matin"]) == nil)
    }
}

@Suite("Suggestions from the reader of French hours")
struct FrenchSuggestionTests {
    @Test("what only FrenchHours reads, exactly, becomes a suggestion; what it reads in part does not")
    func french() throws {
        let texts = ["7j/7 de 9h à 18h", "Lundi au vendredi 9h-12h, fermé les jours fériés", "mardi et jeudi 14h-18h, sauf le jeudi de 14h à 16h"]
        var found = 0
        for text in texts {
            let french = FrenchHours.convert(text)
            guard french.quality == .exacte, let value = french.openingHours else { continue }
            let suggestion = try #require(OpeningHours.suggestCorrection(for: text), "\(text)")
            // The same hours as FrenchHours' value, whichever reader wrote them.
            let a = try OpeningHours(parsing: suggestion), b = try OpeningHours(parsing: value)
            #expect(a.normalized == b.normalized || FrenchHoursReader.read(text) != nil, "\(text)")
            found += 1
        }
        #expect(found >= 2)
        #expect(OpeningHours.suggestCorrection(for: "1 samedi sur 2 de 9h à 12h") == nil)
    }
}
