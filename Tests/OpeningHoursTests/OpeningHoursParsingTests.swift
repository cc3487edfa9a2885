import Testing
@testable import OpeningHours

@Suite("OpeningHours parsing")
struct OpeningHoursParsingTests {
    @Test("every construct of the syntax parses to its canonical form", arguments: [
        ("Mo-Fr 09:00-12:00,14:00-18:30", "Mo-Fr 09:00-12:00,14:00-18:30"),
        ("Mo,We 09:00-12:00", "Mo,We 09:00-12:00"),
        ("Su 10:00-12:00", "Su 10:00-12:00"),
        ("Fr-Mo 10:00-12:00", "Fr-Mo 10:00-12:00"),
        ("Mo-Fr 22:00-02:00", "Mo-Fr 22:00-02:00"),
        ("Mo-Fr 18:00-24:00", "Mo-Fr 18:00-24:00"),
        ("Sa 20:00-26:00", "Sa 20:00-26:00"),
        ("Mo-Fr 09:00-18:00; Sa 09:00-12:00", "Mo-Fr 09:00-18:00; Sa 09:00-12:00"),
        ("Mo-Fr 09:00-18:00;Sa 09:00-12:00", "Mo-Fr 09:00-18:00; Sa 09:00-12:00"),
        ("Mo-Fr 09:00-12:00, We 14:00-16:00", "Mo-Fr 09:00-12:00, We 14:00-16:00"),
        ("Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "Mo-Fr 09:00-12:00 || \"sur rendez-vous\""),
        ("Mo-Fr 09:00-12:00; We off", "Mo-Fr 09:00-12:00; We off"),
        ("Mo-Fr 09:00-12:00; We closed", "Mo-Fr 09:00-12:00; We off"),
        ("open", "open"),
        ("off", "off"),
        ("unknown", "unknown"),
        ("24/7", "24/7"),
        ("24/7; PH off", "24/7; PH off"),
        ("Mo-Fr 09:00-17:00; PH off", "Mo-Fr 09:00-17:00; PH off"),
        ("Su,PH 10:00-12:00", "Su,PH 10:00-12:00"),
        ("PH,Sa off", "PH,Sa off"),
        ("SH Mo-Fr 10:00-12:00", "SH Mo-Fr 10:00-12:00"),
        ("week 1-53/2 Mo 09:30-12:30", "week 01-53/2 Mo 09:30-12:30"),
        ("week 2-52/2 Tu 09:30-12:00; PH off", "week 02-52/2 Tu 09:30-12:00; PH off"),
        ("week 05,10-12 Mo 09:00-10:00", "week 05,10-12 Mo 09:00-10:00"),
        ("Jan-Jun Mo-Fr 09:00-12:00", "Jan-Jun Mo-Fr 09:00-12:00"),
        ("Jul-Aug: Mo-Fr 09:00-12:00", "Jul-Aug Mo-Fr 09:00-12:00"),
        ("Dec 24-26 off", "Dec 24-26 off"),
        ("2026 Jan 01 off", "2026 Jan 01 off"),
        ("Jan 01-Mar 15 Mo 10:00-11:00", "Jan 01-Mar 15 Mo 10:00-11:00"),
        ("Dec 24-Jan 02 off", "Dec 24-Jan 02 off"),
        ("Jan 1 off", "Jan 01 off"),
        ("Dec 25,Jan 01 off", "Dec 25,Jan 01 off"),
        ("2026 Dec 24-2027 Jan 02 off", "2026 Dec 24-2027 Jan 02 off"),
        ("2026 Mo-Fr 09:00-12:00", "2026 Mo-Fr 09:00-12:00"),
        ("2025-2027/2 Mo 09:00-12:00", "2025-2027/2 Mo 09:00-12:00"),
        ("2026+ Mo 09:00-12:00", "2026+ Mo 09:00-12:00"),
        ("Mo[1] 09:00-12:00", "Mo[1] 09:00-12:00"),
        ("Mo[-1] 09:00-12:00", "Mo[-1] 09:00-12:00"),
        ("Su[1,3] 10:00-12:00", "Su[1,3] 10:00-12:00"),
        ("Sa[1-2] 10:00-12:00", "Sa[1-2] 10:00-12:00"),
        ("\"sur rendez-vous\"", "\"sur rendez-vous\""),
        ("Mo-Fr 09:00-12:00 \"accueil libre\"", "Mo-Fr 09:00-12:00 \"accueil libre\""),
        ("Tu 14:00-18:00 unknown \"selon les ateliers\"", "Tu 14:00-18:00 unknown \"selon les ateliers\""),
        ("Sa 17:00+", "Sa 17:00+"),
        ("08:00-17:00", "08:00-17:00"),
        ("mo-fr 09:00-12:00 OFF", "Mo-Fr 09:00-12:00 off"),
        ("Mo-Fr  09:00-12:00 ;  Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"),
        ("Mo-Fr 09:00-12:00, 14:00-18:00", "Mo-Fr 09:00-12:00,14:00-18:00"),
    ])
    func canonicalForm(input: String, expected: String) throws {
        let hours = try OpeningHours(parsing: input)
        #expect(hours.normalized == expected)
    }

    @Test("the canonical form parses back to the same value", arguments: [
        "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off",
        "week 01-53/2 Mo 09:30-12:30; Dec 24-26 off",
        "Su[1,3] 10:00-12:00 || \"sur rendez-vous\"",
        // Found by fuzzing: a rule of times alone after a comma, a rule of its own only
        // because of the space before the comma.
        "Mo-Sa 09:00-02:00 ,13:00-18:02",
        "Mo 09:00-12:00 , 14:00-16:00; PH off",
    ])
    func roundTrip(input: String) throws {
        let hours = try OpeningHours(parsing: input)
        let again = try OpeningHours(parsing: hours.normalized)
        #expect(again == hours)
        #expect(again.normalized == hours.normalized)
    }

    @Test("values that differ only in spelling are equal and hash alike")
    func equality() throws {
        let a = try OpeningHours(parsing: "mo-fr 09:00-12:00;  PH closed")
        let b = try OpeningHours(parsing: "Mo-Fr 09:00-12:00; PH off")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(try OpeningHours(parsing: "Mo-Fr 09:00-12:00") != b)
    }

    @Test("rule separators are kept apart: override, additional rule, fallback")
    func separators() throws {
        let hours = try OpeningHours(parsing: "Mo-Fr 09:00-12:00; Sa 10:00-12:00, Su 10:00-11:00 || \"sur rendez-vous\"")
        #expect(hours.rules.map(\.separator) == [.normal, .normal, .additional, .fallback])
    }

    @Test("a comma followed by a day starts an additional rule, not a longer time list")
    func commaBeforeDay() throws {
        let hours = try OpeningHours(parsing: "Mo 09:00-12:00,Tu 14:00-16:00")
        #expect(hours.rules.count == 2)
        #expect(hours.rules[1].separator == .additional)
        #expect(hours.normalized == "Mo 09:00-12:00, Tu 14:00-16:00")
    }

    @Test("spans past midnight keep their written end and end the next day")
    func pastMidnight() throws {
        let hours = try OpeningHours(parsing: "Fr 22:00-02:00")
        let span = try #require(hours.rules.first?.times.first)
        #expect(span.start == 22 * 60)
        #expect(span.end == 2 * 60)
        #expect(span.effectiveEnd == 26 * 60)
    }
}
