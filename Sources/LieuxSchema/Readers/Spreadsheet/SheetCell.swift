import Foundation
import OpeningHours

/// A cell of a sheet as the spreadsheet stored it, before it becomes the text of a row.
struct SheetCell {
    enum Kind: Equatable {
        /// Text, as typed.
        case text
        /// A number; `raw` is how the file wrote it (`1.2345678901234E+13`).
        case number(raw: String)
        /// A date or a time, already written as ISO text.
        case date
        case boolean
        /// A formula's error (`#N/A`).
        case error
    }

    var text: String
    var kind: Kind

    static func number(_ raw: String) -> SheetCell {
        SheetCell(text: SheetNumbers.text(raw), kind: .number(raw: raw))
    }
}

/// How numbers and dates of sheets are written as text.
enum SheetNumbers {
    /// A number as people read it: `1000`, not `1000.0`; `48.8566`, not `48.856600000000002`
    /// (the shortest text that reads back to the same number).
    static func text(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A spreadsheet's serial day (days since 30 December 1899, Excel's and LibreOffice's
    /// origin; since 1 January 1904 for Excel's old Mac workbooks) as an ISO date, with its
    /// time when it has one (`2024-03-01`, `2024-03-01T14:30:00`); a time alone (below 1) as
    /// `14:30` or `14:30:15`.
    static func date(serial raw: String, base1904: Bool, timeOnly: Bool) -> String? {
        guard let serial = Double(raw.trimmingCharacters(in: .whitespaces)), serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        let time = seconds % 60 == 0
            ? String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
            : String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        if timeOnly || (days == 0 && serial < 1 && seconds > 0) { return time }
        // Days from 1899-12-30 (or 1904-01-01) to a civil date.
        let civil = LocalDay(number: days + (base1904 ? 1462 : 0) - 25_569)
        let date = String(format: "%04d-%02d-%02d", civil.year, civil.month, civil.day)
        if seconds == 0 { return date }
        return date + "T" + String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

}

/// Cells that spreadsheets damage, repaired by the column's name in the standard, each with
/// a warning that says what was read and what was kept. Only cells stored as numbers are
/// repaired: text is the producer's own, and the validator says what is wrong with it.
enum SheetRepair {
    struct Repaired {
        var text: String
        var why: String
    }

    static func repair(_ cell: SheetCell, label: String) -> Repaired? {
        guard case .number(let raw) = cell.kind else { return nil }
        let digits = cell.text
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        switch label.lowercased() {
        case "code_postal" where digits.count == 4:
            return Repaired(text: "0" + digits, why: "le tableur a enregistré le code postal comme un nombre et perdu son 0 initial")
        case "code_insee" where digits.count == 4:
            return Repaired(text: "0" + digits, why: "le tableur a enregistré le code INSEE comme un nombre et perdu son 0 initial")
        case "telephone":
            return phone(digits)
        case "pivot", "siret":
            let scientific = raw.contains("E") || raw.contains("e") || raw.contains(".")
            if digits.allSatisfy({ $0 == "0" }) {
                // The standard's placeholder for « no SIRET », which a number cell keeps as 0.
                return Repaired(text: "00000000000000", why: "le tableur a enregistré le SIRET fictif 00000000000000 comme le nombre 0")
            }
            if scientific && digits.count == 14 {
                return Repaired(text: digits, why: "le tableur a enregistré le SIRET comme un nombre à virgule (\(raw))")
            }
            return nil
        default:
            return nil
        }
    }

    /// A phone number stored as a number: `33180059880` lost its `+` (the standard's
    /// international form), `612345678` its leading 0. Nine digits that begin like the
    /// international code of New Caledonia, Wallis-et-Futuna or Saint-Pierre-et-Miquelon
    /// (687, 681, 508, whose numbers have six digits) could be either: left as they are.
    /// The international codes whose numbers of six digits, once their `+` is lost, read like
    /// a French 06/07 number that lost its 0: nine such digits are never guessed.
    static let ambiguousPhonePrefixes: Set<String> = ["687", "681", "508"]

    static func phone(_ digits: String) -> Repaired? {
        let lostPlus = "le tableur a enregistré le numéro comme un nombre et perdu son « + »"
        switch digits.count {
        case 11 where digits.hasPrefix("33") || digits.hasPrefix("689"):
            return Repaired(text: "+" + digits, why: lostPlus)
        case 12 where ["590", "594", "262", "596", "269"].contains(String(digits.prefix(3))):
            return Repaired(text: "+" + digits, why: lostPlus)
        case 9 where !ambiguousPhonePrefixes.contains(String(digits.prefix(3))) && digits.first != "0":
            return Repaired(text: "0" + digits, why: "le tableur a enregistré le numéro comme un nombre et perdu son 0 initial")
        default:
            return nil
        }
    }
}
