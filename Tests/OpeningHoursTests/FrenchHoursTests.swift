import Testing
@testable import OpeningHours

@Suite("FrenchHours")
struct FrenchHoursTests {
    typealias Quality = FrenchHoursConversion.Quality

    /// Checks a conversion and that its value parses and is already canonical.
    func check(_ conversion: FrenchHoursConversion, _ expected: String?, _ quality: Quality,
               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(conversion.openingHours == expected, "\(conversion.original)", sourceLocation: sourceLocation)
        #expect(conversion.quality == quality, "\(conversion.original)", sourceLocation: sourceLocation)
        if let value = conversion.openingHours {
            let hours = try? OpeningHours(parsing: value)
            #expect(hours != nil, "\(value)", sourceLocation: sourceLocation)
            #expect(hours?.normalized == value, sourceLocation: sourceLocation)
        }
    }

    @Test("days, ranges and lists of days", arguments: [
        ("Lundi au vendredi de 9h à 12h et de 14h à 17h", "Mo-Fr 09:00-12:00,14:00-17:00"),
        ("du lundi au vendredi 9h-17h", "Mo-Fr 09:00-17:00"),
        ("lu au ve 9h-12h", "Mo-Fr 09:00-12:00"),
        ("L au V 9h-12h", "Mo-Fr 09:00-12:00"),
        ("lun. 9h-12h, mar. 14h-17h", "Mo 09:00-12:00; Tu 14:00-17:00"),
        ("mardi et jeudi 14h-17h", "Tu,Th 14:00-17:00"),
        ("Lundi, mardi, mercredi 13h30-17h30 et le jeudi 8h00-12h00", "Mo-We 13:30-17:30; Th 08:00-12:00"),
        ("lundi - mercredi  9h00-12h00 / 13h30-16h30", "Mo-We 09:00-12:00,13:30-16:30"),
        ("tous les lundis 9h-12h", "Mo 09:00-12:00"),
        ("de 8h30 à 19h du lundi au vendredi", "Mo-Fr 08:30-19:00"),
    ])
    func days(text: String, expected: String) {
        check(FrenchHours.convert(text), expected, .exacte)
    }

    @Test("every way of writing a time", arguments: [
        ("Lundi 9h-12h", "Mo 09:00-12:00"),
        ("Lundi 9h30-12h", "Mo 09:30-12:00"),
        ("Lundi 09H00-12H00", "Mo 09:00-12:00"),
        ("Lundi 9:00-12:00", "Mo 09:00-12:00"),
        ("Lundi 9 h 30 - 12 h", "Mo 09:30-12:00"),
        ("Lundi 12h3019h", "Mo 12:30-19:00"),
        ("Lundi 14h16h30", "Mo 14:00-16:30"),
        ("Lundi midi-14h", "Mo 12:00-14:00"),
        ("Lundi 9-12h", "Mo 09:00-12:00"),
        ("Lundi de 9h à 12", "Mo 09:00-12:00"),
        ("Lundi 9 heures - 12 heures", "Mo 09:00-12:00"),
        ("Lundi 20h-minuit", "Mo 20:00-24:00"),
        ("Lundi après 19h", "Mo 19:00+"),
        ("Samedi à partir de 14h", "Sa 14:00+"),
        ("Samedi à partir de 14h jusqu'à 18h", "Sa 14:00-18:00"),
        ("Lundi 9h-12h et après 19h", "Mo 09:00-12:00,19:00+"),
    ])
    func times(text: String, expected: String) {
        check(FrenchHours.convert(text), expected, .exacte)
    }

    @Test("separators between rules and between times", arguments: [
        ("Lundi 9h-12h / 14h-17h", "Mo 09:00-12:00,14:00-17:00"),
        ("Lundi 9h-12h - 14h-17h", "Mo 09:00-12:00,14:00-17:00"),
        ("Lundi 9h-12h et 14h-17h", "Mo 09:00-12:00,14:00-17:00"),
        ("Lundi 9h-12h, 14h-17h", "Mo 09:00-12:00,14:00-17:00"),
        ("Lundi 9h-12h | Mardi 14h-17h ; Mercredi 9h-12h\nJeudi 10h-11h",
         "Mo 09:00-12:00; Tu 14:00-17:00; We 09:00-12:00; Th 10:00-11:00"),
        ("Mercredi 14h-18h . Samedi 10h-12h", "We 14:00-18:00; Sa 10:00-12:00"),
    ])
    func separators(text: String, expected: String) {
        check(FrenchHours.convert(text), expected, .exacte)
    }

    @Test("exceptions, closed days, every day, all day", arguments: [
        ("Du lundi au vendredi de 9h à 17h sauf le mercredi", "Mo,Tu,Th,Fr 09:00-17:00"),
        ("Du lundi au vendredi de 9h à 17h sauf le mercredi de 9h à 12h", "Mo,Tu,Th,Fr 09:00-17:00; We 09:00-12:00"),
        ("9h-18h sauf le lundi", "Tu-Su 09:00-18:00"),
        ("tous les jours sauf le dimanche 10h-19h", "Mo-Sa 10:00-19:00"),
        ("Fermé", "off"),
        ("Lundi au vendredi de 9h à 12h. Fermé le mercredi", "Mo-Fr 09:00-12:00; We off"),
        ("Lundi fermé, mardi au vendredi 9h-12h", "Tu-Fr 09:00-12:00; Mo off"),
        ("tous les jours 9h-20h", "Mo-Su 09:00-20:00"),
        ("7j/7 9h-19h", "Mo-Su 09:00-19:00"),
        ("24h/24 7j/7", "24/7"),
        ("24h/24", "24/7"),
        ("Lundi au vendredi 9h-17h, fermé les jours fériés", "Mo-Fr 09:00-17:00; PH off"),
    ])
    func exceptionsAndClosed(text: String, expected: String) {
        check(FrenchHours.convert(text), expected, .exacte)
    }

    @Test("later days with other times add to the rule, with overlapping times replace it")
    func additionalRules() {
        check(FrenchHours.convert("Lundi au vendredi 9h-12h, mardi 18h-20h"), "Mo-Fr 09:00-12:00, Tu 18:00-20:00", .exacte)
        check(FrenchHours.convert("Lundi au vendredi 9h-18h, mercredi 9h-12h"), "Mo-Fr 09:00-18:00; We 09:00-12:00", .exacte)
    }

    @Test("what the syntax cannot say is kept as a comment, never made into hours", arguments: [
        ("Lundi au vendredi 9h-12h, 1 samedi sur 2 de 9h à 12h",
         "Mo-Fr 09:00-12:00; Sa unknown \"1 samedi sur 2 de 9h à 12h\"", "1 samedi sur 2 de 9h à 12h"),
        ("Sur rendez-vous", "unknown \"Sur rendez-vous\"", "Sur rendez-vous"),
        ("Tous les jours sur rendez-vous", "Mo-Su unknown \"sur rendez-vous\"", "sur rendez-vous"),
        ("Lundi au vendredi 9h-17h sur rendez-vous", "Mo-Fr 09:00-17:00 \"sur rendez-vous\"", "sur rendez-vous"),
        ("Lundi au vendredi 9h-17h, fermé en août", "Mo-Fr 09:00-17:00 \"fermé en août\"", "fermé en août"),
        ("Mercredi 14h-17h pendant les vacances scolaires",
         "We 14:00-17:00 \"pendant les vacances scolaires\"", "pendant les vacances scolaires"),
        ("9h-12h", "09:00-12:00", FrenchHours.undatedNote),
    ])
    func partial(text: String, expected: String, note: String) {
        let conversion = FrenchHours.convert(text)
        check(conversion, expected, .partielle)
        #expect(conversion.notes == [note])
    }

    @Test("text not understood gives no value", arguments: [
        "du mardi au samedi", "Fermé à vérifier", "En fonction de la météo, voir le site", "Lundi 9h",
        "Lundi 14h-12h", "Lundi 19h+ 9h-12h",
    ])
    func impossible(text: String) {
        let conversion = FrenchHours.convert(text)
        if text.hasPrefix("En fonction") {
            // A phrase alone: said to be unknown, with the phrase.
            #expect(conversion.quality == .partielle)
            #expect(conversion.openingHours?.hasPrefix("unknown") == true)
        } else {
            check(conversion, nil, .impossible)
        }
        #expect(conversion.original == text)
    }

    @Test("a value that is already valid is kept as it is")
    func validValue() {
        check(FrenchHours.convert("Mo-Fr 09:00-17:00"), "Mo-Fr 09:00-17:00", .exacte)
        #expect(FrenchHours.convert("Mo-Fr 09:00-12:00; PH off").openingHours == "Mo-Fr 09:00-12:00; PH off")
    }

    @Test("a week parity in the text goes before the rules")
    func parityInText() {
        check(FrenchHours.convert("Semaine paire : lundi 9h-12h"), "week 02-52/2 Mo 09:00-12:00", .exacte)
        check(FrenchHours.convert("Semaines impaires, mardi 14h-17h"), "week 01-53/2 Tu 14:00-17:00", .exacte)
    }

    // MARK: Structured inputs

    @Test("one column a day: days with the same hours are grouped")
    func fromDays() {
        let conversion = FrenchHours.fromDays([
            .monday: "09:00 - 12:00 / 14:00 - 17:00", .tuesday: "09:00 - 12:00 / 14:00 - 17:00",
            .wednesday: "09:00 - 12:00", .thursday: "9h à 12h et 14h à 17h", .friday: "Fermé", .saturday: "",
        ])
        check(conversion, "Mo,Tu,Th 09:00-12:00,14:00-17:00; We 09:00-12:00", .exacte)
        #expect(conversion.original
            == "lundi : 09:00 - 12:00 / 14:00 - 17:00 ; mardi : 09:00 - 12:00 / 14:00 - 17:00 ; mercredi : 09:00 - 12:00 ; jeudi : 9h à 12h et 14h à 17h ; vendredi : Fermé")
    }

    @Test("a day's cell, written any way", arguments: [
        ("8h30/12h30 - 13h30/17h", "Mo 08:30-12:30,13:30-17:00", Quality.exacte),
        ("9h12h-14h17h", "Mo 09:00-12:00,14:00-17:00", .exacte),
        ("9-12h  13h30-18h", "Mo 09:00-12:00,13:30-18:00", .exacte),
        ("de 9h30 à 12h30 et de 14h à 16", "Mo 09:30-12:30,14:00-16:00", .exacte),
        ("8 h 30 à 12 h  - 14 h à 17 h", "Mo 08:30-12:00,14:00-17:00", .exacte),
        ("10H  18H", "Mo 10:00-18:00", .exacte),
        ("09:30 12:00", "Mo 09:30-12:00", .exacte),
        ("09:00-12:30-13:30-17:00", "Mo 09:00-12:30,13:30-17:00", .exacte),
        ("07:30:12:30", "Mo 07:30-12:30", .exacte),
        ("08 :00-12:00/14:00-17:00", "Mo 08:00-12:00,14:00-17:00", .exacte),
        ("09:00–11:30, 13:30–17:00", "Mo 09:00-11:30,13:30-17:00", .exacte),
        ("9h à 12 - 14h à 17h", "Mo 09:00-12:00,14:00-17:00", .exacte),
        ("8h30 à 11h45 - FERME l'apm", "Mo 08:30-11:45", .exacte),
        ("Lundi 14h00-17h30", "Mo 14:00-17:30", .exacte),
        ("Semaines impaires 14h à 17h", "week 01-53/2 Mo 14:00-17:00", .exacte),
        ("Fermé", "off", .exacte),
        ("Pas d'accueil.", "off", .exacte),
        ("14h-16h30 (sur rdv)", "Mo 14:00-16:30 \"sur rdv\"", .partielle),
        ("9h à 12h  -  Sur RDV l'après midi", "Mo 09:00-12:00 \"Sur RDV l'après midi\"", .partielle),
        ("10h à 12h une semaine sur deux", "Mo 10:00-12:00 \"une semaine sur deux\"", .partielle),
        ("1 x par mois de 9h à 11h", "Mo unknown \"1 x par mois de 9h à 11h\"", .partielle),
        ("Itinérance", "Mo unknown \"Itinérance\"", .partielle),
        ("après 19H", "Mo 19:00+", .exacte),
        ("09:00 - 16:30 / 13:30 - 16:30", nil, .impossible),
        ("9h - 1 2h", nil, .impossible),
    ] as [(String, String?, Quality)])
    func dayCell(cell: String, expected: String?, quality: Quality) {
        check(FrenchHours.fromDays([.monday: cell]), expected, quality)
    }

    @Test("empty days, or days of 00:00 - 00:00 only, say nothing")
    func emptyDays() {
        check(FrenchHours.fromDays([.monday: "", .tuesday: "-"]), nil, .impossible)
        check(FrenchHours.fromDays([.monday: "00:00 - 00:00", .tuesday: "09:00 - 12:00"]), "Tu 09:00-12:00", .exacte)
    }

    @Test("half-day columns: morning and afternoon make the day")
    func fromHalfDays() {
        let conversion = FrenchHours.fromHalfDays(
            morning: [.monday: "9h12h", .tuesday: "09:00-12:00", .wednesday: "9h - 12h", .thursday: "Fermé"],
            afternoon: [.monday: "14h18h", .tuesday: "14:00-17:00", .wednesday: "", .thursday: "14h-17h", .friday: "12h-17h"]
        )
        check(conversion, "Mo 09:00-12:00,14:00-18:00; Tu 09:00-12:00,14:00-17:00; We 09:00-12:00; Th 14:00-17:00; Fr 12:00-17:00", .exacte)
        // Touching half-days make one span.
        check(FrenchHours.fromHalfDays(morning: [.monday: "9h-12h"], afternoon: [.monday: "12h-17h"]), "Mo 09:00-17:00", .exacte)
    }

    @Test("half-day columns named as in producers' files")
    func halfDayColumns() {
        let conversion = FrenchHours.fromHalfDays(columns: [
            "lundi_matin": "09:00-12:00", "lundi_apres_midi": "14:00-17:00", "Mardi matin": "9h - 12h",
            "mardi après-midi": "Fermé", "nom_structure": "Médiathèque",
        ])
        check(conversion, "Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00", .exacte)
    }

    @Test("a half-day only marked is reported, its hours not invented")
    func markedHalfDays() {
        let conversion = FrenchHours.fromHalfDays(
            morning: [.monday: "x", .tuesday: "9h-12h"], afternoon: [.monday: "x", .tuesday: "x"]
        )
        check(conversion,
              "Mo unknown \"ouvert, horaires non précisés\"; Tu 09:00-12:00 \"ouvert l'après-midi, horaires non précisés\"",
              .partielle)
        #expect(conversion.notes == ["ouvert, horaires non précisés", "ouvert l'après-midi, horaires non précisés"])
    }

    @Test("columns of single times are taken in pairs, opening then closing")
    func fromRanges() {
        let conversion = FrenchHours.fromRanges([
            .monday: ["09:00", "12:00", "14:00", "17:00"], .tuesday: ["9h", "12h", "", ""], .wednesday: ["Fermé"],
        ])
        check(conversion, "Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00", .exacte)
        check(FrenchHours.fromRanges([.monday: ["09:00", "12:00", "14:00"]]), nil, .impossible)
        check(FrenchHours.fromRanges([.monday: ["12:00", "09:00"]]), nil, .impossible)
    }

    @Test("a week parity column puts the weeks before every rule")
    func weekParity() {
        #expect(WeekParity(french: "Semaine paire") == .paire)
        #expect(WeekParity(french: "semaines impaires") == .impaire)
        #expect(WeekParity(french: "Toutes") == nil)
        check(FrenchHours.fromDays([.monday: "9h-12h", .thursday: "14h-17h"], weeks: WeekParity(french: "Semaine paire")),
              "week 02-52/2 Mo 09:00-12:00; week 02-52/2 Th 14:00-17:00", .exacte)
        check(FrenchHours.fromHalfDays(morning: [.friday: "9h-12h"], afternoon: [:], weeks: .impaire),
              "week 01-53/2 Fr 09:00-12:00", .exacte)
    }

    @Test("the suggestion of a correction is unchanged by the converter")
    func suggestionStillWorks() {
        #expect(OpeningHours.suggestCorrection(for: "Lundi au vendredi 9h-12h/14h-18h") == "Mo-Fr 09:00-12:00,14:00-18:00")
    }
}
