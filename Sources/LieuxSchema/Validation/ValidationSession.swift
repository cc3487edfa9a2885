import Foundation
import LieuxModel

/// Options of a validation.
public struct ValidationOptions: Sendable {
    /// How many errors, then how many warnings, a report lists; the rest are only counted.
    public var listLimit: Int = 1000
    /// The day "today" is, for the checks of `date_maj`.
    public var today: CalendarDate = .today
    /// Whether to run the checks beyond the schema (warnings).
    public var checksBeyondSchema = true

    /// How many threads check a large CSV file, cut into pieces of whole records (the
    /// report is the same as on one thread); 1 checks every file on one thread.
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The size of those pieces, in bytes; a file smaller than two pieces is checked on one thread.
    public var pieceBytes = 1 << 20
    /// Which sheet of a workbook, which encoding of a CSV file.
    public var reading = ReadingOptions()

    public init(
        listLimit: Int = 1000, today: CalendarDate = .today, checksBeyondSchema: Bool = true, reading: ReadingOptions = .init()
    ) {
        self.listLimit = listLimit
        self.today = today
        self.checksBeyondSchema = checksBeyondSchema
        self.reading = reading
    }
}

/// One row after validation: its values by schema field, and whether it has errors.
public struct CheckedRow: Sendable {
    /// The physical row number (header = 1).
    public var number: Int
    /// One value per field of the schema, in schema order; `nil` when empty or absent.
    public var values: [String?]
    /// Whether the row has no error (it may have warnings).
    public var isValid: Bool
}

/// The validation of one file, row by row: feed it the header, then each row.
///
/// It keeps only what checks need across rows (values of unique fields), never the rows.
public struct ValidationSession {
    public let schema: TableSchema
    public let options: ValidationOptions
    public private(set) var report: TaskReport

    private var rules: [FieldRule]
    private let missingValues: [String]
    /// For each column of the source, the schema field it fills.
    private var fieldOfColumn: [Int?] = []
    /// For each schema field, the column that fills it.
    private var columnOfField: [Int?]
    private var headerRead = false
    private var headerBroken = false
    private let primaryKeyFields: [Int]
    private var primaryKeys = UniqueKeyTable()
    /// The field that is the whole primary key and `unique` too (the `id` of the standard):
    /// its values are kept once, in ``primaryKeys``. A value's key is the same for both
    /// checks, and whether a value passes the field's checks depends on its text alone, so
    /// the first row of a valid value is the same in both tables: keeping one saves 20 bytes
    /// a row (40 MB at a million rows).
    private let sharedKeyField: Int?
    /// The row whose key the `unique` check of ``sharedKeyField`` just looked up, and what it found.
    private var keyCheckedThisRow: (row: Int, first: Int?)?
    private var checks: ChecksBeyondSchema
    private let started = Date()

    public init(schema: TableSchema, place: String, format: SourceFormat, options: ValidationOptions = .init())
        throws(SchemaError)
    {
        self.schema = schema
        self.options = options
        report = TaskReport(place: place, format: format, schemaVersion: schema.version)
        guard schema.fields.count <= FieldSet.capacity else {
            throw SchemaError(message: "Le schéma a \(schema.fields.count) champs : Lieux en valide \(FieldSet.capacity) au plus.")
        }
        var rules: [FieldRule] = []
        for (index, field) in schema.fields.enumerated() {
            rules.append(try FieldRule(descriptor: field, number: index + 1))
        }
        self.rules = rules
        missingValues = schema.missingValues
        columnOfField = Array(repeating: nil, count: schema.fields.count)
        primaryKeyFields = schema.primaryKey.compactMap { key in schema.fields.firstIndex { $0.name == key } }
        checks = ChecksBeyondSchema(schema: schema, today: options.today)
        let keyFields = primaryKeyFields
        sharedKeyField = keyFields.count == 1 && schema.fields[keyFields[0]].constraints.unique ? keyFields[0] : nil
    }

    /// The row where `text` was first seen in the `unique` field `field`, or `nil` (then it is
    /// recorded at `row`).
    private mutating func firstRow(ofDuplicate field: Int, text: String, row: Int) -> Int? {
        guard field == sharedKeyField else { return rules[field].firstRow(ofDuplicate: text, row: row) }
        let first = primaryKeys.firstRow(of: UniqueKey(text), recordingAt: row)
        keyCheckedThisRow = (row, first)
        return first
    }

    // MARK: - Header

    /// Reads the labels of the source. For JSON, call again whenever new keys appear.
    public mutating func read(labels: [String]) {
        let firstTime = !headerRead
        headerRead = true
        report.labels = labels
        let start = fieldOfColumn.count
        guard labels.count > start else {
            if firstTime { checkMissingColumns() }
            return
        }
        for column in start..<labels.count {
            let label = labels[column]
            var field = schema.fields.firstIndex { $0.name == label }
            if field == nil, let close = schema.fields.firstIndex(where: { Self.normalise($0.name) == Self.normalise(label) }) {
                field = close
                // An error, as for frictionless (`incorrect-label`); the column is still read,
                // so its rows stay valid for an import.
                record(ValidationIssue(
                    type: IssueCode.incorrectLabel.rawValue, severity: .error, rowNumber: 1,
                    fieldName: schema.fields[close].name, fieldNumber: column + 1, cell: label,
                    note: "label \"\(label)\" does not match the field name \"\(schema.fields[close].name)\"",
                    message: "La colonne « \(label) » doit s'appeler exactement « \(schema.fields[close].name) » (minuscules, sans accent, « _ » entre les mots) : elle est lue comme telle, mais renommez-la."))
            }
            if let f = field, let previous = columnOfField[f] {
                record(ValidationIssue(
                    type: IssueCode.duplicateLabel.rawValue, severity: .error, rowNumber: 1,
                    fieldName: label, fieldNumber: column + 1, cell: label,
                    note: "label \"\(label)\" at position \"\(column + 1)\" is duplicated to a label: at position \"\(previous + 1)\"",
                    message: "La colonne « \(label) » apparaît deux fois dans l'en-tête (colonnes \(previous + 1) et \(column + 1)) : supprimez ou renommez l'une des deux."))
                headerBroken = true
                fieldOfColumn.append(nil)
                continue
            }
            fieldOfColumn.append(field)
            if let f = field {
                columnOfField[f] = column
            } else {
                record(unknownColumnIssue(label: label, column: column))
            }
        }
        if firstTime { checkMissingColumns() }
    }

    private func unknownColumnIssue(label: String, column: Int) -> ValidationIssue {
        let otherVersions = SchemaVersion.allCases.filter { $0.rawValue != schema.version }
        let hint: String
        if let other = otherVersions.first(where: { (try? $0.schema.field(named: label)) != nil }) {
            hint = " C'est une colonne de la version \(other.rawValue) du standard : mettez le fichier à jour (lieux import le convertit) ou validez-le avec --schema-version \(other.rawValue)."
        } else if label.trimmingCharacters(in: .whitespaces).isEmpty {
            hint = " Donnez-lui un nom ou supprimez-la."
        } else {
            hint = " Elle est ignorée ; vérifiez son nom si elle devait correspondre à un champ du standard."
        }
        return ValidationIssue(
            type: IssueCode.colonneInconnue.rawValue, severity: .warning, rowNumber: 1, fieldName: label,
            fieldNumber: column + 1, cell: label,
            note: "extra-label: \"\(label)\" is not a field of the schema \(schema.version)",
            message: "La colonne « \(label) » (colonne \(column + 1)) n'existe pas dans le standard \(schema.version).\(hint)")
    }

    private mutating func checkMissingColumns() {
        guard report.format == .csv else { return }  // JSON objects simply omit empty keys
        if report.labels.isEmpty {
            fail(SourceError(code: .format, message: "Le fichier est vide : il n'a même pas de ligne d'en-tête."), note: "the source is empty")
            headerBroken = true
            return
        }
        for (index, field) in schema.fields.enumerated() where columnOfField[index] == nil {
            if field.constraints.required {
                headerBroken = true
                record(ValidationIssue(
                    type: IssueCode.missingLabel.rawValue, severity: .error, fieldName: field.name,
                    fieldNumber: index + 1,
                    note: "required field \"\(field.name)\" has no column",
                    message: "La colonne obligatoire « \(field.name) » est absente de l'en-tête : ajoutez-la (l'ordre des colonnes est libre), aucune ligne ne peut être valide sans elle."))
            } else {
                record(ValidationIssue(
                    type: IssueCode.colonneFacultativeAbsente.rawValue, severity: .warning, fieldName: field.name,
                    fieldNumber: index + 1, note: "optional field \"\(field.name)\" has no column",
                    message: "La colonne facultative « \(field.name) » est absente : ajoutez-la, même vide, pour que le fichier suive le standard."))
            }
        }
    }

    static func normalise(_ label: String) -> String {
        FieldHints.fold(label.replacingOccurrences(of: " ", with: "_"))
    }

    // MARK: - Rows

    /// Checks one row and returns its values by schema field.
    public mutating func check(_ row: SourceRow) -> CheckedRow {
        report.stats.rows += 1
        let errorsBefore = report.stats.errors
        var values = [String?](repeating: nil, count: rules.count)
        let cells = row.cells
        let isCSV = report.format == .csv

        if cells.allSatisfy({ $0 == nil || missingValues.contains($0!) }) {
            record(ValidationIssue(
                type: IssueCode.blankRow.rawValue, severity: .error, rowNumber: row.number,
                note: "",
                message: "Ligne \(row.number) : la ligne est vide. Supprimez-la."))
            checkPrimaryKey(values, row: row.number)
            return CheckedRow(number: row.number, values: values, isValid: false)
        }

        let columns = fieldOfColumn.count
        if isCSV && cells.count > columns {
            for column in columns..<cells.count {
                let cell = cells[column] ?? ""
                record(ValidationIssue(
                    type: IssueCode.extraCell.rawValue, severity: .error, rowNumber: row.number,
                    fieldName: "", fieldNumber: column + 1, cell: cell,
                    note: "",
                    message: "Ligne \(row.number) : cellule en trop en position \(column + 1) (« \(FieldHints.excerpt(cell)) ») alors que l'en-tête a \(columns) colonnes. Vérifiez les séparateurs et les guillemets de cette ligne."))
            }
        }

        var erroneous = FieldSet()
        // Fields whose value repeats an earlier row's: frictionless still checks the primary key.
        var duplicated = FieldSet()
        for (column, field) in fieldOfColumn.enumerated() {
            guard let field else { continue }
            if column >= cells.count {
                guard isCSV else { continue }  // a JSON object without this key: null
                erroneous.insert(field)
                record(ValidationIssue(
                    type: IssueCode.missingCell.rawValue, severity: .error, rowNumber: row.number,
                    fieldName: rules[field].name, fieldNumber: column + 1, cell: "",
                    note: "",
                    message: "Ligne \(row.number) : il manque la cellule de la colonne « \(rules[field].name) » (la ligne a \(cells.count) cellules pour \(columns) colonnes). Vérifiez les séparateurs de cette ligne."))
                if rules[field].descriptor.constraints.required {
                    record(constraintIssue(rules[field], failed: ["required"], text: nil, row: row.number, column: column))
                }
                continue
            }
            values[field] = cells[column]
        }

        for field in rules.indices {
            guard !erroneous.contains(field) else { continue }
            let text = values[field]
            if columnOfField[field] == nil && isCSV {
                values[field] = nil
                continue  // reported once, on the header
            }
            switch rules[field].check(text, missingValues: missingValues) {
            case .valid(let value):
                if value == nil {
                    values[field] = nil
                } else if rules[field].descriptor.constraints.unique, let text,
                    let first = firstRow(ofDuplicate: field, text: text, row: row.number)
                {
                    duplicated.insert(field)
                    record(Self.uniqueIssue(rules[field], text: text, row: row.number, column: columnOfField[field], first: first))
                }
            case .typeError:
                erroneous.insert(field)
                record(Self.typeIssue(rules[field], text: text ?? "", row: row.number, column: columnOfField[field]))
            case .constraintError(let failed):
                erroneous.insert(field)
                record(constraintIssue(rules[field], failed: failed, text: text, row: row.number, column: columnOfField[field]))
            }
        }

        checkPrimaryKey(values, row: row.number)

        erroneous.formUnion(duplicated)
        if options.checksBeyondSchema {
            for issue in checks.check(values: values, erroneous: erroneous, row: row.number, columnOfField: columnOfField) {
                record(issue)
            }
        }

        let valid = !headerBroken && report.stats.errors == errorsBefore
        if valid { report.stats.validRows += 1 }
        return CheckedRow(number: row.number, values: values, isValid: valid)
    }

    /// Checks the row's primary key as frictionless does: a key whose cells are all empty is
    /// an error, and so is a key already seen (compared scalar by scalar).
    private mutating func checkPrimaryKey(_ values: [String?], row: Int) {
        guard !primaryKeyFields.isEmpty else { return }
        var names: String { primaryKeyFields.map { rules[$0].name }.joined(separator: ", ") }
        let cells = primaryKeyFields.map { values[$0].flatMap { missingValues.contains($0) ? nil : $0 } }
        if cells.allSatisfy({ $0 == nil }) {
            record(ValidationIssue(
                type: IssueCode.primaryKey.rawValue, severity: .error, rowNumber: row,
                note: "cells composing the primary keys are all \"None\"",
                message: "Ligne \(row) : la clé primaire (\(names)) est vide : chaque lieu doit avoir un identifiant."))
            return
        }
        var key = UniqueKey()
        for cell in cells {
            if let cell { key.add(cell) } else { key.addMissing() }
        }
        let checked = keyCheckedThisRow
        keyCheckedThisRow = nil
        if let first = checked?.row == row ? checked!.first : primaryKeys.firstRow(of: key, recordingAt: row) {
            let shown = cells.map { $0 ?? "" }.joined(separator: ", ")
            record(ValidationIssue(
                type: IssueCode.primaryKey.rawValue, severity: .error, rowNumber: row, cell: shown,
                note: "the same as in the row at position \(first)",
                message: "Ligne \(row) : la clé primaire (\(names)) « \(shown) » est déjà celle de la ligne \(first) : chaque lieu doit avoir son propre identifiant."))
        }
    }

    /// Adds issues found outside the session (by a migrating reader).
    public mutating func add(_ issues: [ValidationIssue]) {
        for issue in issues { record(issue) }
    }

    /// Records that the source could not be read any further: an error in the list, and the
    /// report's ``TaskReport/failure``, the one signal an import goes by.
    public mutating func fail(_ error: SourceError, note: String? = nil) {
        if report.failure == nil { report.failure = ReadFailure(error) }
        record(ValidationIssue(
            type: error.code.rawValue, severity: .error, rowNumber: error.rowNumber, note: note ?? error.code.rawValue,
            message: error.message))
    }

    /// Ends the validation and returns the report.
    public mutating func finish() -> TaskReport {
        report.stats.seconds = Date().timeIntervalSince(started)
        return report
    }

    private mutating func record(_ issue: ValidationIssue) {
        switch issue.severity {
        case .error:
            report.stats.errors += 1
            if report.errors.count < options.listLimit { report.errors.append(issue) } else { report.partial = true }
        case .warning:
            report.stats.warnings += 1
            if report.warnings.count < options.listLimit { report.warnings.append(issue) } else { report.partial = true }
        }
    }

    // MARK: - Messages

    private static func typeIssue(_ rule: FieldRule, text: String, row: Int, column: Int?) -> ValidationIssue {
        let type = rule.descriptor.type
        let what: String
        switch type {
        case .number:
            what = "n'est pas un nombre : écrivez-le avec un point décimal, sans espace ni unité (ex. 45.75)"
        case .integer:
            what = "n'est pas un nombre entier"
        case .date:
            what = "n'est pas une date au format AAAA-MM-JJ (ex. 2024-04-02)"
        case .boolean:
            what = "n'est pas un booléen (true ou false)"
        case .string, .any:
            what = "n'est pas du texte"
        }
        return ValidationIssue(
            type: IssueCode.typeError.rawValue, severity: .error, rowNumber: row, fieldName: rule.name,
            fieldNumber: column.map { $0 + 1 }, cell: text,
            note: "type is \"\(type.rawValue)/\(rule.descriptor.format ?? "default")\"",
            message: "Ligne \(row), colonne « \(rule.name) » : « \(FieldHints.excerpt(text)) » \(what).")
    }

    private static func uniqueIssue(_ rule: FieldRule, text: String, row: Int, column: Int?, first: Int) -> ValidationIssue {
        ValidationIssue(
            type: IssueCode.uniqueError.rawValue, severity: .error, rowNumber: row, fieldName: rule.name,
            fieldNumber: column.map { $0 + 1 }, cell: text,
            note: "the same as in the row at position \(first)",
            message: "Ligne \(row), colonne « \(rule.name) » : « \(FieldHints.excerpt(text)) » est déjà utilisé ligne \(first) ; chaque valeur de « \(rule.name) » doit être unique.")
    }

    private func constraintIssue(_ rule: FieldRule, failed: [String], text: String?, row: Int, column: Int?) -> ValidationIssue {
        let constraints = rule.descriptor.constraints
        let notes = failed.map { name -> String in
            let value: String
            switch name {
            case "required": value = "True"
            case "pattern": value = constraints.pattern ?? ""
            case "minLength": value = constraints.minLength.map(String.init) ?? ""
            case "maxLength": value = constraints.maxLength.map(String.init) ?? ""
            case "minimum": value = constraints.minimum?.description ?? ""
            case "maximum": value = constraints.maximum?.description ?? ""
            default: value = constraints.enum.map { $0.map(\.description).joined(separator: ", ") } ?? ""
            }
            return "constraint \"\(name)\" is \"\(value)\""
        }
        var sentences: [String] = []
        var suggestion: String?
        let cell = text ?? ""
        for name in failed {
            switch name {
            case "required":
                sentences.append("la valeur est obligatoire mais la cellule est vide : renseignez-la")
            case "maxLength":
                sentences.append("\(cell.unicodeScalars.count) caractères, pour \(constraints.maxLength ?? 0) au plus : raccourcissez le texte"
                    + (rule.name == "presentation_resume" ? " (le détail a sa place dans presentation_detail)" : ""))
            case "minLength":
                sentences.append("\(cell.unicodeScalars.count) caractères, pour \(constraints.minLength ?? 0) au moins")
            case "pattern":
                if let vocabulary = rule.descriptor.vocabulary, let unknown = rule.pattern?.unknownLabels(in: cell) {
                    let separator = schema.multiValueSeparator
                    let bad = unknown.map { $0.isEmpty ? "(valeur vide : séparateur « \(separator) » en trop ?)" : "« \($0) »" }
                    var sentence = "\(bad.joined(separator: ", ")) " + (unknown.count > 1 ? "ne font" : "ne fait")
                        + " pas partie des valeurs autorisées : " + vocabulary.joined(separator: " ; ")
                        + " (plusieurs valeurs séparées par « \(separator) »)"
                    let fixed = cell.split(separator: Character(separator), omittingEmptySubsequences: true).map { part in
                        vocabulary.contains(String(part)) ? String(part) : (FieldHints.closestLabel(to: String(part), in: vocabulary) ?? "")
                    }
                    if !fixed.contains(""), !fixed.isEmpty {
                        suggestion = fixed.joined(separator: separator)
                        sentence += " ; vouliez-vous dire « \(suggestion!) » ?"
                    }
                    sentences.append(sentence)
                } else if let form = FieldHints.expectedForm(of: rule.name) {
                    sentences.append("la valeur ne respecte pas la forme attendue : \(form)")
                } else {
                    sentences.append("la valeur ne respecte pas le motif \(constraints.pattern ?? "")")
                }
            case "minimum":
                sentences.append("la valeur est inférieure au minimum \(constraints.minimum?.description ?? "")")
            case "maximum":
                sentences.append("la valeur dépasse le maximum \(constraints.maximum?.description ?? "")")
            default:
                sentences.append("la valeur n'est pas dans la liste autorisée")
            }
        }
        let shown = text.map { " « \(FieldHints.excerpt($0)) »" } ?? ""
        return ValidationIssue(
            type: IssueCode.constraintError.rawValue, severity: .error, rowNumber: row, fieldName: rule.name,
            fieldNumber: column.map { $0 + 1 }, cell: cell,
            note: notes.joined(separator: "; "),
            message: "Ligne \(row), colonne « \(rule.name) »\(shown) : " + sentences.joined(separator: " ; ") + ".",
            suggestion: suggestion)
    }
}

// MARK: - Pieces of one file

extension ValidationSession {
    /// A session for a piece of the file this session reads, to be checked on another thread:
    /// the header as read here, but no issue, no count and no key yet. What it remembers of
    /// values checked before (patterns, opening hours) it keeps.
    func piece() -> ValidationSession {
        var piece = self
        piece.report.stats = TaskReport.Stats(rows: 0, errors: 0, warnings: 0, seconds: 0, validRows: 0)
        piece.report.errors = []
        piece.report.warnings = []
        piece.report.partial = false
        piece.report.failure = nil
        piece.primaryKeys = UniqueKeyTable()
        for field in piece.rules.indices { piece.rules[field].forgetValues() }
        return piece
    }

    /// What a piece's session found: its issues and counts, and the keys it saw.
    struct PieceResult {
        fileprivate var report: TaskReport
        fileprivate var primaryKeys: UniqueKeyTable
        fileprivate var firstRows: [UniqueKeyTable]
    }

    /// Hands over what this piece's session found, and makes it ready for the next piece.
    mutating func takeResult() -> PieceResult {
        let result = PieceResult(report: report, primaryKeys: primaryKeys, firstRows: rules.map(\.firstRows))
        self = piece()
        return result
    }

    /// Takes in what a piece found in the records that follow those read here, as if this
    /// session had read them, and returns `true`; unless a key of the piece (a `unique` value
    /// or a primary key) was already seen here: then nothing is taken and it returns `false`,
    /// and the piece's records must be checked again by this session.
    mutating func absorb(_ piece: PieceResult) -> Bool {
        var seen = false
        piece.primaryKeys.forEach { key, _ in seen = seen || primaryKeys.row(of: key) != nil }
        for field in rules.indices where !seen {
            piece.firstRows[field].forEach { key, _ in seen = seen || rules[field].firstRows.row(of: key) != nil }
        }
        if seen { return false }
        piece.primaryKeys.forEach { key, row in _ = primaryKeys.firstRow(of: key, recordingAt: row) }
        for field in rules.indices {
            piece.firstRows[field].forEach { key, row in rules[field].record(key, row: row) }
        }
        let found = piece.report
        report.stats.rows += found.stats.rows
        report.stats.validRows += found.stats.validRows
        report.stats.errors += found.stats.errors
        report.stats.warnings += found.stats.warnings
        let limit = options.listLimit
        report.errors.append(contentsOf: found.errors.prefix(max(0, limit - report.errors.count)))
        report.warnings.append(contentsOf: found.warnings.prefix(max(0, limit - report.warnings.count)))
        report.partial = report.partial || found.partial
            || report.stats.errors > report.errors.count || report.stats.warnings > report.warnings.count
        if report.failure == nil { report.failure = found.failure }
        return true
    }

    /// Checks every row of `reader`; a read error ends the reading (``fail(_:note:)``).
    mutating func checkRows(of reader: inout CSVRowReader) {
        do {
            while let row = try reader.nextRow() { _ = check(row) }
        } catch {
            fail(error)
        }
    }
}

extension CalendarDate {
    /// Today, in Paris.
    public static var today: CalendarDate { .paris(Date()) }
}
