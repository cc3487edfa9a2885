import Testing
@testable import OpeningHours

@Suite("FrenchPublicHolidays")
struct FrenchPublicHolidaysTests {
    @Test("Easter Sunday follows the Gregorian computus", arguments: [
        (2000, 4, 23), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28),
        (2038, 4, 25), (2285, 3, 22), (1818, 3, 22), (1943, 4, 25),
    ])
    func easter(year: Int, month: Int, day: Int) {
        let easter = FrenchPublicHolidays.easterSunday(year: year)
        #expect(easter.month == month)
        #expect(easter.day == day)
    }

    @Test("Easter Monday is a public holiday", arguments: [(2024, 4, 1), (2025, 4, 21), (2026, 4, 6)])
    func easterMonday(year: Int, month: Int, day: Int) {
        #expect(FrenchPublicHolidays.isHoliday(year: year, month: month, day: day))
        #expect(!FrenchPublicHolidays.isHoliday(year: year, month: month, day: day - 1) || day == 1)
        let names = FrenchPublicHolidays.holidays(in: year).filter { $0.month == month && $0.day == day }.map(\.name)
        #expect(names == ["Lundi de Pâques"])
    }

    @Test("Ascension and Whit Monday move with Easter", arguments: [
        (2024, "Ascension", 5, 9), (2024, "Lundi de Pentecôte", 5, 20),
        (2025, "Ascension", 5, 29), (2025, "Lundi de Pentecôte", 6, 9),
        (2026, "Ascension", 5, 14), (2026, "Lundi de Pentecôte", 5, 25),
    ])
    func movable(year: Int, name: String, month: Int, day: Int) throws {
        let holiday = try #require(FrenchPublicHolidays.holidays(in: year).first { $0.name == name })
        #expect(holiday.month == month)
        #expect(holiday.day == day)
        #expect(FrenchPublicHolidays.isHoliday(year: year, month: month, day: day))
    }

    @Test("every year has eleven holidays in date order, and ordinary days are not holidays",
          arguments: [1999, 2024, 2025, 2026, 2030, 2100])
    func yearList(year: Int) {
        let holidays = FrenchPublicHolidays.holidays(in: year)
        #expect(holidays.count == 11)
        #expect(holidays.map { $0.month * 100 + $0.day } == holidays.map { $0.month * 100 + $0.day }.sorted())
        #expect(holidays.allSatisfy { FrenchPublicHolidays.isHoliday(year: year, month: $0.month, day: $0.day) })
        #expect(!FrenchPublicHolidays.isHoliday(year: year, month: 1, day: 2))
        #expect(!FrenchPublicHolidays.isHoliday(year: year, month: 12, day: 26))
        #expect(FrenchPublicHolidays.isHoliday(year: year, month: 7, day: 14))
    }

    @Test("counting every day of 2024–2027 finds exactly the listed holidays")
    func exhaustive() {
        for year in 2024...2027 {
            var found = 0
            for month in 1...12 {
                for day in 1...LocalDay.daysInMonth(year: year, month: month)
                where FrenchPublicHolidays.isHoliday(year: year, month: month, day: day) {
                    found += 1
                }
            }
            #expect(found == 11, "year \(year)")
        }
    }

    @Test("a holiday prints as its date and name")
    func description() throws {
        let holiday = try #require(FrenchPublicHolidays.holidays(in: 2026).first { $0.name == "Ascension" })
        #expect(holiday.description == "2026-05-14 Ascension")
    }
}
