import Foundation
import OpeningHours

/// The rows of a producer's file, converted to the standard (1.0.2) by a ``Correspondance``:
/// the validator reads them as it reads a file of the standard, and the conversion's own
/// findings come out as warnings (values without a correspondence, opening hours converted
/// in part or not at all, values put in the standard's form), each naming the original text.
public struct CorrespondingRowReader<Base: RowReader>: RowReader {
    public var format: SourceFormat { base.format }
    public let labels: [String]
    private var base: Base
    private let correspondance: Correspondance
    private let fields: [FieldDescriptor]
    private var issues: [ValidationIssue] = []
    /// What the conversion did, for `lieux convertir`'s summary: shared by the copies of the
    /// reader (the validator reads through a copy).
    private let tally = Tally()
    public var summary: ConversionSummary { tally.summary }

    private final class Tally {
        var summary = ConversionSummary()
    }
    /// Producer column (folded) → position, for the base's labels as they are now.
    private var positions: [String: Int] = [:]
    private var positionsFor = -1
    /// Standard label (folded) → label, for the vocabularies.
    private let vocabularies: [String: [String: String]]

    public init(base: Base, correspondance: Correspondance) throws(SourceError) {
        self.base = base
        self.correspondance = correspondance
        guard let schema = try? SchemaVersion.current.schema else {
            throw SourceError(code: .format, message: "Le schéma du standard est inutilisable.")
        }
        fields = schema.fields
        labels = fields.map(\.name)
        var vocabularies: [String: [String: String]] = [:]
        for field in fields {
            let labels = field.vocabulary ?? field.constraints.enum?.map(\.description) ?? []
            guard !labels.isEmpty else { continue }
            vocabularies[field.name] = Dictionary(labels.map { (ValueFolding.fold($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.vocabularies = vocabularies
        // A file whose columns are all known now (CSV, sheets) must have every column named.
        if base.format != .json {
            let present = Set(base.labels.map(ValueFolding.fold))
            let missing = correspondance.namedColumns.filter { !present.contains(ValueFolding.fold($0)) }
            if !missing.isEmpty {
                throw SourceError(
                    code: .format,
                    message: "Le fichier de correspondance nomme des colonnes absentes du fichier : \(Set(missing).sorted().map { "« \($0) »" }.joined(separator: ", ")). Colonnes du fichier : \(base.labels.map { "« \($0) »" }.joined(separator: ", ")).")
            }
        }
    }

    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        guard let row = try base.nextRow() else { return nil }
        issues += base.takeIssues()
        if positionsFor != base.labels.count {
            positions = [:]
            for (index, label) in base.labels.enumerated() where positions[ValueFolding.fold(label)] == nil {
                positions[ValueFolding.fold(label)] = index
            }
            positionsFor = base.labels.count
        }
        tally.summary.rows += 1
        var values = [String?](repeating: nil, count: fields.count)
        for (index, field) in fields.enumerated() {
            var value: String?
            if let constant = correspondance.constants[field.name] {
                value = constant
            } else if let columns = correspondance.columns[field.name] {
                let parts = columns.compactMap { cell(row, $0) }.filter { !$0.isEmpty }
                // Several columns of a field of several values are several values.
                let separator = field.isMultiValued || vocabularies[field.name] != nil ? "|" : " "
                value = parts.isEmpty ? nil : parts.joined(separator: separator)
            }
            if field.name == "horaires", value == nil, !correspondance.hours.isEmpty {
                value = hours(row)
            } else if let text = value {
                value = convert(text, field: field, row: row.number)
            }
            values[index] = value
        }
        // A postal code left in the address before the commune (« 5, rue Malakoff, 38000
        // Grenoble »), when the file's own column is empty: taken from there, with a warning.
        if let p = fields.firstIndex(where: { $0.name == "code_postal" }), (values[p] ?? "").isEmpty,
            let a = fields.firstIndex(where: { $0.name == "adresse" }), let address = values[a],
            let c = fields.firstIndex(where: { $0.name == "commune" }), let commune = values[c],
            let code = Self.postalCode(in: address, commune: commune)
        {
            values[p] = code
            tally.summary.normalized["code_postal", default: 0] += 1
            issues.append(
                ValidationIssue(
                    type: IssueCode.codePostalDeduit.rawValue, severity: .warning, rowNumber: row.number, fieldName: "code_postal",
                    cell: code, note: "from adresse",
                    message: "Ligne \(row.number) : le code postal est vide ; « \(code) », écrit dans l'adresse, est repris. Indiquez-le dans sa colonne."))
        }
        if let rule = correspondance.ids, correspondance.columns["id"] == nil, correspondance.constants["id"] == nil,
            let idIndex = fields.firstIndex(where: { $0.name == "id" })
        {
            switch rule {
            case .numeroDeLigne:
                values[idIndex] = "ligne-\(row.number)"
            case .empreinte:
                let parts = ["nom", "adresse", "commune"].map { name in
                    fields.firstIndex { $0.name == name }.flatMap { values[$0] }.map(ValueFolding.fold) ?? ""
                }
                values[idIndex] = "empreinte-" + Fingerprint.hex(parts.joined(separator: "\u{1F}"))
            }
        }
        return SourceRow(number: row.number, cells: values.map { $0 ?? "" })
    }

    public mutating func takeIssues() -> [ValidationIssue] {
        defer { issues = [] }
        return issues + base.takeIssues()
    }

    /// The postal code an address writes before its commune (`… 38000 Grenoble`): the one
    /// group of five digits followed by the commune's name; `nil` when there is none or several.
    static func postalCode(in address: String, commune: String) -> String? {
        let name = ValueFolding.fold(commune)
        guard !name.isEmpty else { return nil }
        let text = ValueFolding.fold(address)
        let words = text.split(separator: " ")
        var found: [String] = []
        for (i, word) in words.enumerated() where word.count == 5 && word.allSatisfy(\.isNumber) {
            let after = words[(i + 1)...].joined(separator: " ")
            if after.hasPrefix(name), let number = Int(word), (1_000...98_999).contains(number) { found.append(String(word)) }
        }
        return Set(found).count == 1 ? found[0] : nil
    }

    /// The cell of the producer's column `name` (matched without accents nor case).
    private func cell(_ row: SourceRow, _ name: String) -> String? {
        guard let index = positions[ValueFolding.fold(name)], index < row.cells.count else { return nil }
        return row.cells[index].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    // MARK: - Values

    /// A producer's value in the standard's form: its labels mapped, its codes, numbers and
    /// dates written as the standard writes them.
    private mutating func convert(_ text: String, field: FieldDescriptor, row: Int) -> String? {
        if let vocabulary = vocabularies[field.name] {
            return mapLabels(text, field: field, vocabulary: vocabulary, row: row)
        }
        if let table = correspondance.values[field.name], let mapped = table[ValueFolding.fold(text)] {
            tally.summary.mapped[field.name, default: 0] += 1
            return mapped.isEmpty ? nil : mapped
        }
        let normalized = ValueNormalizer.normalize(text, field: field)
        guard normalized != text else { return text }
        tally.summary.normalized[field.name, default: 0] += 1
        return normalized.isEmpty ? nil : normalized
    }

    /// Labels of a vocabulary field: each of the producer's values (separated by `|`, `;`,
    /// `,` or a new line) mapped by the correspondence, else matched to the standard's
    /// labels without accents nor case; the others are left out and reported.
    private mutating func mapLabels(_ text: String, field: FieldDescriptor, vocabulary: [String: String], row: Int) -> String? {
        let table = correspondance.values[field.name] ?? [:]
        var pieces: [String]
        if let whole = table[ValueFolding.fold(text)] {
            tally.summary.mapped[field.name, default: 0] += 1
            pieces = whole.split(separator: "|").map(String.init)
        } else if let whole = vocabulary[ValueFolding.fold(text)] {
            pieces = [whole]
        } else {
            pieces = text.split(whereSeparator: { "|;\n".contains($0) || (field.isMultiValued && $0 == ",") })
                .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\""))) }
                .filter { !$0.isEmpty }
        }
        var out: [String] = []
        for piece in pieces {
            let key = ValueFolding.fold(piece)
            if let mapped = table[key] {
                tally.summary.mapped[field.name, default: 0] += 1
                out += mapped.split(separator: "|").map(String.init).filter { !$0.isEmpty }
            } else if let label = vocabulary[key] {
                out.append(label)
            } else {
                tally.summary.unmapped[field.name, default: [:]][piece, default: 0] += 1
                issues.append(
                    ValidationIssue(
                        type: IssueCode.valeurSansCorrespondance.rawValue, severity: .warning, rowNumber: row,
                        fieldName: field.name, cell: piece, note: "unmapped",
                        message: "Ligne \(row), champ « \(field.name) » : « \(piece) » n'a pas de correspondance dans le standard ; la valeur est laissée de côté. Ajoutez-la sous « valeurs: \(field.name): » dans le fichier de correspondance."))
            }
        }
        var seen = Set<String>()
        out = out.filter { seen.insert($0).inserted }
        if !field.isMultiValued, out.count > 1 { out = [out[0]] }
        return out.isEmpty ? nil : out.joined(separator: "|")
    }

    // MARK: - Opening hours

    /// The week's hours from the correspondence's columns, tried in order: `osm`, `texte`,
    /// `jours`, `demi_journees`, `plages`; the first that gives hours wins.
    private mutating func hours(_ row: SourceRow) -> String? {
        let h = correspondance.hours
        let weeks = h.week.flatMap { cell(row, $0) }.flatMap { WeekParity(french: $0) }
        var attempts: [FrenchHoursConversion] = []
        if let column = h.osm, let text = cell(row, column), !text.isEmpty {
            attempts.append(FrenchHours.convert(text))
        }
        if let column = h.text, let text = cell(row, column), !text.isEmpty {
            attempts.append(FrenchHours.convert(text))
        }
        func day(_ d: Correspondance.Weekday7) -> Weekday { Weekday(rawValue: Correspondance.Weekday7.allCases.firstIndex(of: d)!)! }
        if !h.days.isEmpty {
            var days: [Weekday: String] = [:]
            for (d, column) in h.days { days[day(d)] = cell(row, column) ?? "" }
            if days.values.contains(where: { !$0.isEmpty }) { attempts.append(FrenchHours.fromDays(days, weeks: weeks)) }
        }
        if !h.halfDays.isEmpty {
            var morning: [Weekday: String] = [:], afternoon: [Weekday: String] = [:]
            for (half, column) in h.halfDays {
                guard let d = Correspondance.Weekday7.allCases.first(where: { half.hasPrefix($0.rawValue + "_") }) else { continue }
                if half.hasSuffix("_matin") { morning[day(d)] = cell(row, column) ?? "" } else { afternoon[day(d)] = cell(row, column) ?? "" }
            }
            if (Array(morning.values) + Array(afternoon.values)).contains(where: { !$0.isEmpty }) {
                attempts.append(FrenchHours.fromHalfDays(morning: morning, afternoon: afternoon, weeks: weeks))
            }
        }
        if !h.ranges.isEmpty {
            var times: [Weekday: [String]] = [:]
            for (d, columns) in h.ranges { times[day(d)] = columns.map { cell(row, $0) ?? "" } }
            if times.values.contains(where: { $0.contains { !$0.isEmpty } }) { attempts.append(FrenchHours.fromRanges(times, weeks: weeks)) }
        }
        guard !attempts.isEmpty else { return nil }
        let chosen = attempts.first { $0.quality == .exacte } ?? attempts.first { $0.quality == .partielle } ?? attempts[0]
        tally.summary.hours[chosen.quality.rawValue, default: 0] += 1
        switch chosen.quality {
        case .exacte:
            break
        case .partielle:
            issues.append(
                ValidationIssue(
                    type: IssueCode.horairesConvertisEnPartie.rawValue, severity: .warning, rowNumber: row.number,
                    fieldName: "horaires", cell: chosen.original, note: chosen.notes.joined(separator: "; "),
                    message: "Ligne \(row.number) : les horaires « \(chosen.original) » sont convertis en « \(chosen.openingHours ?? "") », en partie : \(chosen.notes.joined(separator: " ; ")). Vérifiez-les.",
                    suggestion: chosen.openingHours))
        case .impossible:
            tally.summary.hoursNotConverted.append(chosen.original)
            issues.append(
                ValidationIssue(
                    type: IssueCode.horairesNonConvertis.rawValue, severity: .warning, rowNumber: row.number,
                    fieldName: "horaires", cell: chosen.original, note: chosen.notes.joined(separator: "; "),
                    message: "Ligne \(row.number) : les horaires « \(chosen.original) » n'ont pas pu être convertis\(chosen.notes.isEmpty ? "" : " (\(chosen.notes.joined(separator: " ; ")))") ; ils sont laissés vides. Écrivez-les dans la syntaxe opening_hours."))
        }
        return chosen.openingHours
    }
}

/// What a conversion did, counted.
public struct ConversionSummary: Sendable, Equatable, Codable {
    public var rows = 0
    /// Values mapped by the correspondence's `valeurs`, by field.
    public var mapped: [String: Int] = [:]
    /// Values put in the standard's form (a phone number, a date, a postal code), by field.
    public var normalized: [String: Int] = [:]
    /// Values without a correspondence, by field, with their counts.
    public var unmapped: [String: [String: Int]] = [:]
    /// Opening hours converted: `exacte`, `partielle`, `impossible`.
    public var hours: [String: Int] = [:]
    public var hoursNotConverted: [String] = []
}

/// A stable 64-bit FNV-1a hash, in hexadecimal: ids that stay the same from one conversion to
/// the next.
enum Fingerprint {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
