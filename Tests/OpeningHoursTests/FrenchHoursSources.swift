import Foundation
import OpeningHours

/// The producers' files of `../shared/data/sources` (see its README), read where they are,
/// as inputs of ``FrenchHours``: one input per non-empty hours value (free text) or per row
/// with at least one non-empty hours column (columns by day or half-day).
enum FrenchHoursSources {
    /// One value to convert, and how.
    enum Input: Hashable {
        case text(String)
        case days([Weekday: String])
        /// A whole row, whose half-day columns are found by their names.
        case halfDayColumns([String: String])

        func convert() -> FrenchHoursConversion {
            switch self {
            case let .text(text): FrenchHours.convert(text)
            case let .days(days): FrenchHours.fromDays(days)
            case let .halfDayColumns(row): FrenchHours.fromHalfDays(columns: row)
            }
        }
    }

    struct File {
        let name: String
        let inputs: [Input]
    }

    /// `../shared/data/sources`, or `nil` when absent (a fresh clone).
    static let folder: URL? = {
        guard let data = RealHoraires.dataFolder else { return nil }
        let folder = data.appendingPathComponent("sources")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    static var isAvailable: Bool { folder != nil }

    static let frenchDays: [(String, Weekday)] = [
        ("lundi", .monday), ("mardi", .tuesday), ("mercredi", .wednesday), ("jeudi", .thursday),
        ("vendredi", .friday), ("samedi", .saturday), ("dimanche", .sunday),
    ]

    static let files: [File] = {
        guard let folder else { return [] }
        return [franceServices(folder), regionSud(folder), bourgogneFrancheComte(folder), hinaura(folder)]
    }()

    /// The text of a file, in UTF-8 or else Windows-1252.
    static func text(_ url: URL) -> String {
        guard let data = try? Data(contentsOf: url) else { return "" }
        return String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) ?? ""
    }

    static func rows(_ url: URL, separator: Character) -> [[String: String]] {
        let records = CSVRows.parse(text(url), separator: separator)
        guard let header = records.first else { return [] }
        return records.dropFirst().map { record in
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() where index < record.count { row[name] = record[index] }
            return row
        }
    }

    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// `h_lundi` … `h_samedi`, one row a venue.
    static func franceServices(_ folder: URL) -> File {
        let url = folder.appendingPathComponent("mednum-cli-france-services-liste-fs-20221201.csv")
        let inputs: [Input] = rows(url, separator: ",").compactMap { row in
            var days: [Weekday: String] = [:]
            for (name, day) in frenchDays { if let value = row["h_" + name] { days[day] = value } }
            return days.values.allSatisfy({ isBlank($0) }) ? nil : .days(days)
        }
        return File(name: "France Services (h_lundi…h_samedi)", inputs: inputs)
    }

    /// Free text in `horaires_ouverture_brut` and in `horaires_ouverture_osm`.
    static func regionSud(_ folder: URL) -> File {
        let url = folder.appendingPathComponent("mednum-cli-regionsud-lieux-inclusion-numerique-2022.csv")
        var inputs: [Input] = []
        for row in rows(url, separator: ";") {
            for column in ["horaires_ouverture_brut", "horaires_ouverture_osm"] where !isBlank(row[column]) {
                inputs.append(.text(row[column]!))
            }
        }
        return File(name: "Région Sud (horaires_ouverture_brut, horaires_ouverture_osm)", inputs: inputs)
    }

    /// 14 half-day columns (`lundi matin`, `lundi après-midi`…).
    static func bourgogneFrancheComte(_ folder: URL) -> File {
        let url = folder.appendingPathComponent("multicoop-bfc-ternum-dataset.csv")
        let inputs: [Input] = rows(url, separator: ",").compactMap { row in
            let blank = frenchDays.allSatisfy { name, _ in
                isBlank(row[name + " matin"]) && isBlank(row[name + " après-midi"])
            }
            return blank ? nil : .halfDayColumns(row)
        }
        return File(name: "Bourgogne-Franche-Comté (14 demi-journées)", inputs: inputs)
    }

    /// A form export: one field a day, `Lundi` … `Dimanche`.
    static func hinaura(_ folder: URL) -> File {
        let url = folder.appendingPathComponent("mednum-cli-hinaura.json")
        guard let data = text(url).data(using: .utf8),
              let records = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            return File(name: "Hinaura", inputs: [])
        }
        let inputs: [Input] = records.compactMap { record in
            var days: [Weekday: String] = [:]
            for (name, day) in frenchDays {
                let value = record[name.prefix(1).uppercased() + name.dropFirst()]
                days[day] = (value as? String) ?? (value.map { "\($0)" } ?? "")
            }
            return days.values.allSatisfy({ isBlank($0) }) ? nil : .days(days)
        }
        return File(name: "Hinaura (Lundi…Dimanche)", inputs: inputs)
    }
}
