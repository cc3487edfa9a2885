import Foundation
import Testing
@testable import OpeningHours

/// The producers' files of `../shared/data/sources`: the share of their hours that become a
/// valid value, and cases from them checked by hand (text read, value read: same meaning).
@Suite("FrenchHours on producers' files", .enabled(if: FrenchHoursSources.isAvailable, "../shared/data/sources is absent: the producers' files are not measured"))
struct FrenchHoursRealFilesTests {
    @Test("at least 95 % of each file's hours become a valid value", arguments: 0..<4)
    func share(fileIndex: Int) throws {
        let file = try #require(FrenchHoursSources.files.dropFirst(fileIndex).first)
        #expect(!file.inputs.isEmpty, "\(file.name): no hours read")
        var counts: [FrenchHoursConversion.Quality: Int] = [:]
        var failures: [String: Int] = [:]
        for input in file.inputs {
            let conversion = input.convert()
            counts[conversion.quality, default: 0] += 1
            if let value = conversion.openingHours {
                let hours = try? OpeningHours(parsing: value)
                #expect(hours?.normalized == value, "\(conversion.original) → \(value)")
            } else {
                failures[conversion.original, default: 0] += 1
            }
        }
        let total = file.inputs.count
        let converted = total - (counts[.impossible] ?? 0)
        let share = Double(converted) / Double(max(total, 1))
        var report = "\(file.name): \(total) valeurs, \(counts[.exacte] ?? 0) exactes, "
            + "\(counts[.partielle] ?? 0) partielles, \(counts[.impossible] ?? 0) impossibles ; "
            + "part convertie \(String(format: "%.1f", share * 100)) %\n"
        let worst = failures.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(15)
        for (text, count) in worst {
            report += "  \(count)× \(text.debugDescription.prefix(300))\n"
        }
        print(report)
        #expect(share >= 0.95, "\(report)")
    }

    @Test("Région Sud's free text, checked by hand", arguments: [
        ("Lundi 16h-18h30/ Du mardi au samedi de 9h30-12h30, 14h-18h30. Fermé jeudi et samedi",
         "Mo 16:00-18:30; Tu-Sa 09:30-12:30,14:00-18:30; Th,Sa off"),
        ("Lundi au Vendredi de 08h30 \u{FFFD} 12h00 de 14h00 \u{FFFD} 17h00", "Mo-Fr 08:30-12:00,14:00-17:00"),
        ("Mardi , Mercredi de 09h \u{FFFD} 12h et de 14h \u{FFFD} 17h - Jeudi de 14h \u{FFFD} 17h",
         "Tu,We 09:00-12:00,14:00-17:00; Th 14:00-17:00"),
        ("Lundi au vendredi : 13h30 \u{FFFD} 18h |Mercredi : 9h-12h / 13h30-18h", "Mo-Fr 13:30-18:00; We 09:00-12:00,13:30-18:00"),
        ("mardi, mercredi, vendredi et samedi 09:00\u{FFFD}12:00 / 13:00\u{FFFD}18:30", "Tu,We,Fr,Sa 09:00-12:00,13:00-18:30"),
        ("Lundi et mercredi 9h-12h/14h-21h; mardi 14-18h; jeudi et vendredi 9h-12h/14h-18h",
         "Mo,We 09:00-12:00,14:00-21:00; Tu 14:00-18:00; Th,Fr 09:00-12:00,14:00-18:00"),
        ("Lundi 9h00-12h00 et 12h30-16h30 - Mardi  8h00-12h00 et 12h30-16h30 - Mercredi  8h00-12h00 - Jeudi  8h00-12h00 et 12h30-16h30 - Vendredi  8h00-12h00 et 12h30-16h30",
         "Mo 09:00-12:00,12:30-16:30; Tu 08:00-12:00,12:30-16:30; We 08:00-12:00; Th 08:00-12:00,12:30-16:30; Fr 08:00-12:00,12:30-16:30"),
        ("Lundi  08:30 - 12:00 et de 13:30 - 16:30 Mardi Jeudi Vendredi 08:30 - 12:00 Mercredi de 08:30 - 12:00 et de 13:00 - 17:00",
         "Mo 08:30-12:00,13:30-16:30; Tu,Th,Fr 08:30-12:00; We 08:30-12:00,13:00-17:00"),
        ("Espace ouvert de 8h30 \u{FFFD} 19h du lundi au vendredi", "Mo-Fr 08:30-19:00"),
        ("Lundi au Vendredi de : 8h30 - 12h30 13h30 - 17h30", "Mo-Fr 08:30-12:30,13:30-17:30"),
    ])
    func regionSudExact(text: String, expected: String) {
        let conversion = FrenchHours.convert(text)
        #expect(conversion.openingHours == expected)
        #expect(conversion.quality == .exacte)
    }

    @Test("Région Sud's conditions kept as comments, checked by hand", arguments: [
        ("Mardis et vendredis de 16h \u{FFFD} 18h, en saison uniquement.", "Tu,Fr 16:00-18:00 \"en saison uniquement\""),
        ("Lundi au vendredi 9h-18h; en soir\u{FFFD}e sur rendez-vous", "Mo-Fr 09:00-18:00 \"en soirée sur rendez-vous\""),
        ("Lundi au samedi de 9-21h30 pour les adh\u{FFFD}rents", "Mo-Sa 09:00-21:30 \"pour les adhérents\""),
        ("Lundi au vendredi 9h-12h : sur rendez vous ; Lundi au vendredi 13h30-17h30 : acces libre; mardi,mercredi 18h-20h : ateliers collectifs",
         "Mo-Fr 09:00-12:00 \"sur rendez vous\", Mo-Fr 13:30-17:30 \"acces libre\", Tu,We 18:00-20:00 \"ateliers collectifs\""),
        ("Lundi au vendredi 9h-21h, ouvert le week-end en fonctions des \u{FFFD}v\u{FFFD}nements accueillis",
         "Mo-Fr 09:00-21:00; Sa,Su unknown \"en fonctions des événements accueillis\""),
        ("Permanence uniquement sur rendez-vous", "unknown \"uniquement sur rendez-vous\""),
    ])
    func regionSudPartial(text: String, expected: String) {
        let conversion = FrenchHours.convert(text)
        #expect(conversion.openingHours == expected)
        #expect(conversion.quality == .partielle)
    }

    @Test("Région Sud's texts that say no hours stay unconverted", arguments: [
        "du mardi au samedi",
        "Ferm\u{FFFD} \u{FFFD} v\u{FFFD}rifier",
        "Lundi au vendredi 9h-12h/Bouche-du-Rh\u{FFFD}neh-17h; soir et week-ends selon programmation",
        "Lundi au vendredi 9h-19h, samedi 10h-17h;mardi 19h-21h permanence Lou Fabiloub; 19h-21h permanence Avignu",
    ])
    func regionSudImpossible(text: String) {
        #expect(FrenchHours.convert(text).quality == .impossible)
    }

    @Test("France Services' day columns, checked by hand")
    func franceServices() {
        let week: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        func days(_ cells: [String]) -> [Weekday: String] {
            Dictionary(uniqueKeysWithValues: zip(week, cells))
        }
        #expect(FrenchHours.fromDays(days(Array(repeating: "09:00 - 12:00 / 14:00 - 17:00", count: 4) + ["09:00 - 12:00"]))
            .openingHours == "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00")
        #expect(FrenchHours.fromDays(days(["09:00-12:30-13:30-17:00", "07:30:12:30", "08 :00-12:00/14:00-17:00",
                                           "08:00-13:00/13 :30-17:00", "00:00 - 00:00"]))
            .openingHours == "Mo 09:00-12:30,13:30-17:00; Tu 07:30-12:30; We 08:00-12:00,14:00-17:00; Th 08:00-13:00,13:30-17:00")
        // The same span twice is one span; spans that overlap are not read.
        #expect(FrenchHours.fromDays(days(Array(repeating: "08:30 - 11:30 / 08:30 - 11:30", count: 5)))
            .openingHours == "Mo-Fr 08:30-11:30")
        #expect(FrenchHours.fromDays(days(Array(repeating: "09:00 - 16:30 / 13:30 - 16:30", count: 5))).quality == .impossible)
    }

    @Test("Bourgogne-Franche-Comté's half-days, checked by hand")
    func bourgogneFrancheComte() {
        let conversion = FrenchHours.fromHalfDays(
            morning: [.monday: "x", .tuesday: "9h12h", .wednesday: "9h12h", .thursday: "9h12h", .friday: "9h12h",
                      .saturday: "9h12h", .sunday: "x"],
            afternoon: [.monday: "x", .tuesday: "14h18h", .wednesday: "14h18h", .thursday: "14h18h", .friday: "14h18h",
                        .saturday: "x", .sunday: "x"]
        )
        #expect(conversion.openingHours
            == "Mo,Su unknown \"ouvert, horaires non précisés\"; Tu-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 \"ouvert l'après-midi, horaires non précisés\"")
        #expect(conversion.quality == .partielle)
        let continuous = FrenchHours.fromHalfDays(
            morning: [.tuesday: "10h-12h", .wednesday: "10h-12h", .thursday: "10h-12h", .friday: "10h-13h"],
            afternoon: [.tuesday: "12h-18h", .wednesday: "12h-18h", .thursday: "12h-18h"]
        )
        #expect(continuous.openingHours == "Tu-Th 10:00-18:00; Fr 10:00-13:00")
        #expect(continuous.quality == .exacte)
    }

    @Test("Hinaura's day fields, checked by hand")
    func hinaura() {
        let venue = FrenchHours.fromDays([
            .monday: "Fermé", .tuesday: "9h à 12h et 14h à 17h", .wednesday: "9h à 12h et 14h à 17h",
            .thursday: "9h à 12h et 14h à 17h", .friday: "9h à 12h et 14h à 17h", .saturday: "9h-12h", .sunday: "Fermé",
        ])
        #expect(venue.openingHours == "Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00")
        #expect(venue.quality == .exacte)
        let parity = FrenchHours.fromDays([
            .monday: "Fermé", .tuesday: "17h-19h (semaines paires)", .wednesday: "Fermé", .thursday: "14h-18h30",
            .friday: "Fermé", .saturday: "Fermé", .sunday: "Fermé",
        ])
        #expect(parity.openingHours == "week 02-52/2 Tu 17:00-19:00; Th 14:00-18:30")
        let appointments = FrenchHours.fromDays([
            .monday: "Fermé", .tuesday: "16h à 18h30", .wednesday: "14h à 18h30", .thursday: "Sur RDV",
            .friday: "16h à 18h30", .saturday: "10h à 18h", .sunday: "Fermé",
        ])
        #expect(appointments.openingHours == "Tu,Fr 16:00-18:30; We 14:00-18:30; Th unknown \"Sur RDV\"; Sa 10:00-18:00")
        #expect(appointments.quality == .partielle)
        let monthly = FrenchHours.fromDays([
            .monday: "Fermé", .tuesday: "9h-12h/13h-17h", .wednesday: "Fermé", .thursday: "13h-17h", .friday: "14h-17h",
            .saturday: "Le 1er samedi du mois", .sunday: "Fermé",
        ])
        #expect(monthly.openingHours
            == "Tu 09:00-12:00,13:00-17:00; Th 13:00-17:00; Fr 14:00-17:00; Sa unknown \"Le 1er samedi du mois\"")
        let summer = FrenchHours.fromDays([.saturday: "10h - 12h / 14h - 17h (fermé en juillet-août)"])
        #expect(summer.openingHours == "Sa 10:00-12:00,14:00-17:00 \"fermé en juillet-août\"")
        #expect(summer.notes == ["fermé en juillet-août"])
    }
}
