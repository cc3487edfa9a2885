import Foundation
import OpeningHours

/// The `horaires` values of the real files in `../shared/data` (see its README), read where
/// they are; `nil` when that folder is absent (a fresh clone), and the tests skip.
enum RealHoraires {
    /// `../shared/data` beside the repository, or `LIEUX_SHARED_DATA`.
    static let dataFolder: URL? = {
        if let path = ProcessInfo.processInfo.environment["LIEUX_SHARED_DATA"] {
            return URL(fileURLWithPath: path)
        }
        let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("standard").path) ? folder : nil
    }()

    static var isAvailable: Bool { dataFolder != nil }

    /// Every distinct `horaires` of the standard's files (JSON and CSV, v1 and v0.1), in
    /// the order met.
    static let standardValues: [String] = {
        guard let folder = dataFolder else { return [] }
        var values: [String] = []
        var seen: Set<String> = []
        func add(_ value: String?) {
            guard let value, !value.isEmpty, seen.insert(value).inserted else { return }
            values.append(value)
        }
        for version in ["v1", "v0.1"] {
            let directory = folder.appendingPathComponent("standard/\(version)")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
            for file in files where !file.hasPrefix("schema") {
                let url = directory.appendingPathComponent(file)
                if file.hasSuffix(".json"),
                   let data = try? Data(contentsOf: url),
                   let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
                    rows.forEach { add($0["horaires"] as? String) }
                } else if file.hasSuffix(".csv") {
                    CSVRows.read(url, separator: ",").forEach { add($0["horaires"]) }
                }
            }
        }
        return values
    }()

    /// Distinct values of the `horaires_ouverture_osm` column of the Région Sud file:
    /// despite its name, mostly French free text.
    static let regionSudValues: [String] = {
        guard let folder = dataFolder else { return [] }
        let url = folder.appendingPathComponent("sources/mednum-cli-regionsud-lieux-inclusion-numerique-2022.csv")
        var values: [String] = []
        var seen: Set<String> = []
        for row in CSVRows.read(url, separator: ";") {
            guard let value = row["horaires_ouverture_osm"]?.replacingOccurrences(of: "\n", with: " "),
                  !value.isEmpty, seen.insert(value).inserted else { continue }
            values.append(value)
        }
        return values
    }()

    /// The day columns of the national France Services list (`h_lundi` … `h_samedi`).
    static let franceServicesDays: [[Weekday: String]] = {
        guard let folder = dataFolder else { return [] }
        let url = folder.appendingPathComponent("sources/mednum-cli-france-services-liste-fs-20221201.csv")
        let columns: [(String, Weekday)] = [
            ("h_lundi", .monday), ("h_mardi", .tuesday), ("h_mercredi", .wednesday),
            ("h_jeudi", .thursday), ("h_vendredi", .friday), ("h_samedi", .saturday),
        ]
        return CSVRows.read(url, separator: ",").map { row in
            var days: [Weekday: String] = [:]
            for (column, day) in columns { days[day] = row[column] ?? "" }
            return days
        }
    }()
}

/// A small RFC 4180 reader for the tests (quotes, doubled quotes, separators and line
/// breaks inside quotes); invalid UTF-8 becomes U+FFFD.
enum CSVRows {
    static func read(_ url: URL, separator: Character) -> [[String: String]] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let records = parse(String(decoding: data, as: UTF8.self), separator: separator)
        guard let header = records.first else { return [] }
        return records.dropFirst().map { record in
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() where index < record.count {
                row[name] = record[index]
            }
            return row
        }
    }

    static func parse(_ text: String, separator: Character) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == separator {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                record.append(field)
                field = ""
                if record.count > 1 || !(record.first ?? "").isEmpty { records.append(record) }
                record = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
