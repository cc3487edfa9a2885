import Testing
@testable import OpeningHours

@Suite("OpeningHoursError")
struct OpeningHoursErrorTests {
    /// Parses a value that must fail and returns its error.
    func failure(_ text: String) -> OpeningHoursError? {
        do {
            _ = try OpeningHours(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test("each mistake has its code and the position where reading failed", arguments: [
        ("", OpeningHoursError.Code.empty, 0),
        ("   ", .empty, 0),
        ("Mo-Fr 09:00-19:00; Sa 17:00", .loneTime, 27),
        ("We,Th 12:00-14:00-17:00", .chainedTimeRange, 17),
        ("Mo 9h-12h", .invalidTimeFormat, 3),
        ("Mo-Fr 9:00-17:00", .hourNotTwoDigits, 6),
        ("Mo-Fr: 09:00-17:00", .misplacedColon, 5),
        ("Mo-Fr 08:30 - 12:00", .spaceInTimeRange, 11),
        ("Mo-Fr 08:30- 12:00", .spaceInTimeRange, 12),
        ("Lundi 09:00-12:00", .unknownWeekday, 0),
        ("Mo-Vendredi 09:00-12:00", .unknownWeekday, 3),
        ("Mo 14-17", .invalidTimeFormat, 3),
        ("Mo 25:00-26:00", .timeOutOfRange, 3),
        ("Mo 09:00-49:00", .timeOutOfRange, 9),
        ("Mo 09:60-10:00", .timeOutOfRange, 6),
        ("Mo 10:00-12:00 \"sur rendez-vous", .unterminatedComment, 15),
        ("Mo 10:00-12:00;", .trailingSeparator, 14),
        ("Mo 10:00-12:00;;Tu 10:00-11:00", .emptyRule, 15),
        ("Mo 10:00-12:00 Tu 10:00-11:00", .missingSeparator, 15),
        ("Mo 09:00-12:00 14:00-17:00", .missingSeparator, 15),
        ("Mo[6] 10:00-12:00", .numberOutOfRange, 3),
        ("Feb 30 off", .numberOutOfRange, 4),
        ("week 54 Mo 10:00-11:00", .numberOutOfRange, 5),
        ("Mo sunrise-sunset", .unsupported, 3),
        ("easter off", .unsupported, 0),
        ("Mo 10:00-12:00 fermé", .unknownWord, 15),
        ("Mo 10:00-12:00 ; Tu-", .unexpectedEnd, 20),
        ("Mo-Fr 09:00-", .unexpectedEnd, 12),
    ] as [(String, OpeningHoursError.Code, Int)])
    func codeAndPosition(input: String, code: OpeningHoursError.Code, position: Int) throws {
        let error = try #require(failure(input))
        #expect(error.code == code, "\(error.message)")
        #expect(error.position == position, "\(error.message)")
        #expect(!error.expected.isEmpty)
    }

    @Test("a lone time says which time, where, and how to write a span")
    func loneTimeMessage() throws {
        let error = try #require(failure("Mo-Fr 09:00-19:00; Sa 17:00"))
        #expect(error.expected == "un tiret « - » suivi de l'heure de fin (HH:MM)")
        #expect(error.message.contains("« 17:00 »"))
        #expect(error.message.contains("à la fin de l'horaire"))
        #expect(error.message.contains("« 17:00-18:00 »"))
    }

    @Test("the message counts characters from 1 and quotes what is there")
    func messagePlace() throws {
        let error = try #require(failure("We,Th 12:00-14:00-17:00"))
        #expect(error.position == 17)
        #expect(error.message.contains("caractère 18 (« - »)"))
        #expect(error.message.contains("12:00-14:00,14:00-17:00"))
    }

    @Test("a French day name is named back with its abbreviation")
    func frenchDay() throws {
        let error = try #require(failure("Mardi 09:00-12:00"))
        #expect(error.code == .unknownWeekday)
        #expect(error.expected == "un jour de la semaine (Mo, Tu, We, Th, Fr, Sa, Su)")
        #expect(error.message.contains("« Tu » pour mardi"))
    }

    @Test("a single-digit hour is given back on two digits")
    func singleDigitHour() throws {
        let error = try #require(failure("Mo-Fr 9:00-17:00"))
        #expect(error.message.contains("« 09:00 »"))
    }

    @Test("every code has a French message ending with a full stop", arguments: [
        "", "Sa 17:00", "Mo 9h", "Mo 9:00-10:00", "Mo: 10:00-12:00", "Mo 10:00 -12:00", "Lundi",
        "Mo 25:00-26:00", "Mo \"x", "Mo 10:00-11:00;", "Mo;;Tu", "Mo Tu", "Mo[0]", "Mo dusk-dawn", "Mo 10:00-11:00 @",
    ])
    func messageShape(input: String) throws {
        let error = try #require(failure(input))
        #expect(error.message.hasSuffix("."))
        #expect(error.message.count > 30)
        #expect(error.description == error.message)
    }
}
