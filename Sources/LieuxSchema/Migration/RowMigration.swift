import Foundation
import LieuxModel

/// The work of ``MigratingRowReader``, apart from its source: the plan of the columns, the
/// conversion of each row and the issues found. Not generic, so that it is compiled and
/// optimised once, whatever reader it serves.
struct RowMigration: Sendable {
    private var plan = MigrationPlan()
    /// The issues found since the last ``takeIssues()``.
    private var issues: [ValidationIssue] = []
    /// Whether the source is CSV: every cell is then text, `""` when empty.
    private let isCSV: Bool
    /// Values gathered for each field of the row being migrated, when they are merged.
    private var lists: [[String]]
    /// Fields whose list the row being migrated has used.
    private var listed: [Int] = []
    /// Recent conversions of vocabulary cells and of split 0.1 cells, by source column: real
    /// files repeat the same few lists of labels, so most cells cost one hash of their bytes.
    private var vocabularyMemo: [[CellKey: String]] = []
    private var splitMemo: [[CellKey: SplitCell]] = []
    private static var memoLimit: Int { 10_000 }

    init(labels: [String], format: SourceFormat) {
        isCSV = format == .csv
        lists = Array(repeating: [], count: MigrationPlan.fields.count)
        read(labels: labels)
    }

    /// Plans the source's new labels.
    mutating func read(labels: [String]) {
        issues += plan.read(labels: labels)
        if vocabularyMemo.count < plan.labelCount {
            vocabularyMemo += Array(repeating: [:], count: plan.labelCount - vocabularyMemo.count)
            splitMemo += Array(repeating: [:], count: plan.labelCount - splitMemo.count)
        }
    }

    /// The issues found since the last call.
    mutating func takeIssues() -> [ValidationIssue] {
        defer { issues.removeAll() }
        return issues
    }

    // MARK: - One row

    /// Migrates one row of the source; `sourceLabels` are the source's labels after reading it.
    mutating func migrate(_ row: SourceRow, sourceLabels: [String]) -> SourceRow {
        if sourceLabels.count != plan.labelCount { read(labels: sourceLabels) }
        let source = row.cells
        if isCSV { checkShape(of: row, labels: sourceLabels) }
        // A CSV cell is never absent: an empty field is "", as a CSV reader gives it.
        var cells = [String?](repeating: isCSV ? "" : nil, count: MigrationPlan.fields.count)

        for column in plan.fieldColumns {
            guard column.column < source.count, let cell = source[column.column] else { continue }
            let field = column.field
            cells[field] = cell
            if plan.mergedAsList[field] {
                listed.append(field)
                switch column.conversion {
                case .vocabulary(let map):
                    MultiValueCell.forEachValue(in: cell) { add(map.target(for: $0)?.label ?? String($0), to: field) }
                case .asIs, .list:
                    MultiValueCell.forEachValue(in: cell) { add(String($0), to: field) }
                }
                continue
            }
            switch column.conversion {
            case .asIs:
                break
            case .list:
                if !MultiValueCell.isSingleValue(cell) { cells[field] = Self.joined(cell) { String($0) } }
            case .vocabulary(let map):
                let key = CellKey(cell)
                if let known = vocabularyMemo[column.column][key] {
                    cells[field] = known
                } else {
                    let converted = Self.joined(cell) { map.target(for: $0)?.label ?? String($0) }
                    if vocabularyMemo[column.column].count >= Self.memoLimit { vocabularyMemo[column.column].removeAll() }
                    vocabularyMemo[column.column][key] = converted
                    cells[field] = converted
                }
            }
        }

        for legacy in plan.legacyColumns {
            guard legacy.column < source.count, let cell = source[legacy.column] else { continue }
            switch legacy.role {
            case .renamed(let field, asList: true):
                listed.append(field)
                MultiValueCell.forEachValue(in: cell) { add(String($0), to: field) }
            case .renamed(let field, asList: false):
                guard !MultiValueCell.trimmed(cell[...]).isEmpty else { continue }
                if let current = cells[field], !current.isEmpty {
                    if current != cell {
                        issues.append(overriddenIssue(legacy, cell: cell, field: field, row: row.number))
                    }
                } else {
                    cells[field] = cell
                }
            case .split(let map, let advice):
                let key = CellKey(cell)
                let split: SplitCell
                if let known = splitMemo[legacy.column][key] {
                    split = known
                } else {
                    split = Self.split(cell, map)
                    if splitMemo[legacy.column].count >= Self.memoLimit { splitMemo[legacy.column].removeAll() }
                    splitMemo[legacy.column][key] = split
                }
                for (field, label) in split.targets {
                    listed.append(field)
                    add(label, to: field)
                }
                if !split.unmapped.isEmpty {
                    issues.append(unmappedIssue(legacy, cell: cell, labels: split.unmapped, advice: advice, row: row.number))
                }
            case .removed(let advice):
                guard !MultiValueCell.trimmed(cell[...]).isEmpty else { continue }
                issues.append(removedIssue(legacy, cell: cell, advice: advice, row: row.number))
            }
        }

        for field in listed where !lists[field].isEmpty {
            cells[field] = lists[field].joined(separator: "|")
            lists[field].removeAll(keepingCapacity: true)
        }
        listed.removeAll(keepingCapacity: true)
        return SourceRow(number: row.number, cells: cells)
    }

    /// Adds `value` to the list of `field`, unless it is there already.
    private mutating func add(_ value: String, to field: Int) {
        if !lists[field].contains(value) { lists[field].append(value) }
    }

    /// Where the labels of `cell` go.
    private static func split(_ cell: String, _ map: LabelMap) -> SplitCell {
        var split = SplitCell()
        MultiValueCell.forEachValue(in: cell) { value in
            if let target = map.target(for: value) {
                split.targets.append((MigrationPlan.fieldIndex[target.field.rawValue]!, target.label))
            } else {
                split.unmapped.append(String(value))
            }
        }
        return split
    }

    /// The values of `cell`, converted, without duplicates, joined with `|`.
    private static func joined(_ cell: String, _ convert: (Substring) -> String) -> String {
        var values: [String] = []
        MultiValueCell.forEachValue(in: cell) { part in
            let value = convert(part)
            if !values.contains(value) { values.append(value) }
        }
        return values.count == 1 ? values[0] : values.joined(separator: "|")
    }

    /// Reports the cells of a CSV row that do not fit its header, as the validator would have
    /// on the source: the migrated row always has 32 cells.
    private mutating func checkShape(of row: SourceRow, labels: [String]) {
        let columns = plan.labelCount
        let count = row.cells.count
        guard count != columns, row.cells.contains(where: { !($0 ?? "").isEmpty }) else { return }
        if count > columns {
            for column in columns..<count {
                let cell = row.cells[column] ?? ""
                issues.append(ValidationIssue(
                    type: IssueCode.extraCell.rawValue, severity: .error, rowNumber: row.number,
                    fieldName: "", fieldNumber: column + 1, cell: cell, note: "",
                    message: "Ligne \(row.number) : cellule en trop en position \(column + 1) (« \(FieldHints.excerpt(cell)) ») alors que l'en-tête a \(columns) colonnes. Vérifiez les séparateurs et les guillemets de cette ligne."))
            }
        } else {
            for column in count..<columns where plan.isRead[column] {
                issues.append(ValidationIssue(
                    type: IssueCode.missingCell.rawValue, severity: .error, rowNumber: row.number,
                    fieldName: labels[column], fieldNumber: column + 1, cell: "", note: "",
                    message: "Ligne \(row.number) : il manque la cellule de la colonne « \(labels[column]) » (la ligne a \(count) cellules pour \(columns) colonnes). Vérifiez les séparateurs de cette ligne."))
            }
        }
    }

    // MARK: - Warnings

    private func unmappedIssue(
        _ legacy: MigrationPlan.LegacyColumn, cell: String, labels: [String], advice: String, row: Int
    ) -> ValidationIssue {
        let quoted = labels.map { "« \($0) »" }.joined(separator: ", ")
        let verb = labels.count > 1 ? "n'ont pas d'équivalent dans la version 1.0 du standard et ne sont pas repris" : "n'a pas d'équivalent dans la version 1.0 du standard et n'est pas repris"
        return ValidationIssue(
            type: IssueCode.migrationValeurSansCorrespondance.rawValue, severity: .warning, rowNumber: row,
            fieldName: legacy.name, fieldNumber: legacy.column + 1, cell: cell,
            note: "no 1.0 label for " + labels.map { "\"\($0)\"" }.joined(separator: ", "),
            message: "Ligne \(row), colonne « \(legacy.name) » (version 0.1) : \(quoted) \(verb). \(advice)")
    }

    private func removedIssue(_ legacy: MigrationPlan.LegacyColumn, cell: String, advice: String, row: Int) -> ValidationIssue {
        ValidationIssue(
            type: IssueCode.migrationColonne.rawValue, severity: .warning, rowNumber: row,
            fieldName: legacy.name, fieldNumber: legacy.column + 1, cell: cell,
            note: "column \"\(legacy.name)\" was removed in 1.0; its value is not carried over",
            message: "Ligne \(row), colonne « \(legacy.name) » (version 0.1) : la valeur « \(FieldHints.excerpt(cell)) » n'est pas reprise. \(advice)")
    }

    private func overriddenIssue(_ legacy: MigrationPlan.LegacyColumn, cell: String, field: Int, row: Int) -> ValidationIssue {
        let name = MigrationPlan.fields[field].rawValue
        return ValidationIssue(
            type: IssueCode.migrationColonne.rawValue, severity: .warning, rowNumber: row,
            fieldName: legacy.name, fieldNumber: legacy.column + 1, cell: cell,
            note: "\"\(legacy.name)\" not carried over: \"\(name)\" has its own value",
            message: "Ligne \(row) : les colonnes « \(legacy.name) » (version 0.1) et « \(name) » (version 1.0) ont des valeurs différentes ; celle de « \(name) » est gardée et « \(FieldHints.excerpt(cell)) » n'est pas reprise. Mettez la bonne valeur dans « \(name) » et supprimez la colonne « \(legacy.name) ».")
    }
}

/// Where the labels of a split 0.1 cell go: (field, 1.0 label), and those without a 1.0 label.
private struct SplitCell: Sendable {
    var targets: [(field: Int, label: String)] = []
    var unmapped: [String] = []
}

/// A cell as a memo key: compared and hashed byte for byte, not by canonical equivalence,
/// which is both what a memo needs and much faster.
private struct CellKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: CellKey, b: CellKey) -> Bool {
        var x = a.text
        var y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
