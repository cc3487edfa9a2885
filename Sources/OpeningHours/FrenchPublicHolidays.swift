import Foundation

/// The eleven national public holidays of France, for any year: what `PH` means in `horaires`.
///
/// 1 January, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
/// 1 November, 11 November, 25 December. Easter is computed by the anonymous Gregorian
/// algorithm. The extra days of Alsace-Moselle (Good Friday, 26 December) and the
/// abolition-of-slavery days of overseas departments are not included.
public enum FrenchPublicHolidays {
    /// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> (month: Int, day: Int) {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return (n / 31, n % 31 + 1)
    }

    /// The public holidays of a year, in date order, with their French names.
    public static func holidays(in year: Int) -> [PublicHoliday] {
        let easter = easterSunday(year: year)
        let easterNumber = LocalDay.number(year: year, month: easter.month, day: easter.day)
        func fromEaster(_ offset: Int, _ name: String) -> PublicHoliday {
            let day = LocalDay(number: easterNumber + offset)
            return PublicHoliday(year: year, month: day.month, day: day.day, name: name)
        }
        let list = [
            PublicHoliday(year: year, month: 1, day: 1, name: "Jour de l'an"),
            fromEaster(1, "Lundi de Pâques"),
            PublicHoliday(year: year, month: 5, day: 1, name: "Fête du Travail"),
            PublicHoliday(year: year, month: 5, day: 8, name: "Victoire 1945"),
            fromEaster(39, "Ascension"),
            fromEaster(50, "Lundi de Pentecôte"),
            PublicHoliday(year: year, month: 7, day: 14, name: "Fête nationale"),
            PublicHoliday(year: year, month: 8, day: 15, name: "Assomption"),
            PublicHoliday(year: year, month: 11, day: 1, name: "Toussaint"),
            PublicHoliday(year: year, month: 11, day: 11, name: "Armistice 1918"),
            PublicHoliday(year: year, month: 12, day: 25, name: "Noël"),
        ]
        return list.sorted { ($0.month, $0.day) < ($1.month, $1.day) }
    }

    /// Whether a civil date is a public holiday.
    public static func isHoliday(year: Int, month: Int, day: Int) -> Bool {
        contains(LocalDay(year: year, month: month, day: day))
    }

    /// Whether a day is a public holiday, with a few integer operations.
    static func contains(_ day: LocalDay) -> Bool {
        switch (day.month, day.day) {
        case (1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25):
            return true
        default:
            break
        }
        // Easter Monday is from 23 March to 26 April; Whit Monday at the latest 14 June.
        guard day.month >= 3, day.month <= 6, day.weekday == 0 || day.weekday == 3 else { return false }
        let easter = easterSunday(year: day.year)
        let offset = day.number - LocalDay.number(year: day.year, month: easter.month, day: easter.day)
        return offset == 1 || offset == 39 || offset == 50
    }
}
