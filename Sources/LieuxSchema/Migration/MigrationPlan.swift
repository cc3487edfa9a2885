import Foundation
import LieuxModel

/// What ``MigratingRowReader`` does with each column of its source, worked out from the
/// labels once, then only for the new ones when a JSON source's labels grow.
///
/// A label names a field of version 1.0.2 (kept, converted if both versions have it), a
/// column of version 0.1 that 1.0 no longer has (renamed, split or removed: see
/// ``MigrationV01/legacyColumns``), or nothing (reported once, dropped). Labels are matched as
/// the validator matches them: exactly, else ignoring case, accents and separators, with an
/// `incorrect-label` error; a second column for the same field is a `duplicate-label` error
/// and is not read.
struct MigrationPlan: Sendable {
    /// The fields of version 1.0.2, in order: the labels of migrated rows.
    static let fields: [Lieu.Field] = Lieu.Field.allCases
    static let fieldNames: [String] = fields.map(\.rawValue)

    /// How the column of a 1.0 field is converted.
    enum Conversion: Sendable {
        /// Kept as it is: fields only 1.0 has, and single-valued fields both versions have.
        case asIs
        /// Split on `;` and `|`, trimmed, joined with `|`: multi-valued fields both versions
        /// have (`typologie`, `site_web`).
        case list
        /// Labels mapped to their 1.0 label, then joined with `|`: `services` and
        /// `modalites_accompagnement`. A label of neither version is kept, for the validator
        /// to report it against the 1.0 vocabulary.
        case vocabulary(LabelMap)
    }

    /// A source column that holds a 1.0 field.
    struct FieldColumn: Sendable {
        var column: Int
        var field: Int
        var conversion: Conversion
    }

    /// What is done with a 0.1 column that 1.0 no longer has.
    enum LegacyRole: Sendable {
        /// Its values go to `field`: added to its list (`asList`), or filling it when empty.
        case renamed(field: Int, asList: Bool)
        /// Its labels go to the lists of their fields; the others are reported with `advice`.
        case split(LabelMap, advice: String)
        /// Reported when not empty, with `advice`.
        case removed(advice: String)
    }

    /// A source column of version 0.1 that 1.0 no longer has.
    struct LegacyColumn: Sendable {
        var column: Int
        var name: String
        var role: LegacyRole
    }

    /// Source columns of 1.0 fields.
    private(set) var fieldColumns: [FieldColumn] = []
    /// Source columns of 0.1 only, read after the others so that a 1.0 value comes first.
    private(set) var legacyColumns: [LegacyColumn] = []
    /// For each field, whether 0.1 columns add values to it: its values are then gathered as
    /// a list, the 1.0 column's first, without duplicates.
    private(set) var mergedAsList = [Bool](repeating: false, count: MigrationPlan.fields.count)
    /// For each source column, whether it is read (not unknown, not a duplicate).
    private(set) var isRead: [Bool] = []
    /// How many source labels have been read.
    var labelCount: Int { isRead.count }
    /// The source column already holding each field or 0.1 column, by name.
    private var columnOfName: [String: Int] = [:]

    init() {}

    /// Plans the labels after the ones already read; returns the problems of the new ones.
    mutating func read(labels: [String]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        guard labels.count > labelCount else { return issues }
        for column in labelCount..<labels.count {
            let label = labels[column]
            isRead.append(false)
            guard let name = Self.name(of: label) else {
                issues.append(Self.unknownColumnIssue(label: label, column: column))
                continue
            }
            if name != label {
                issues.append(Self.incorrectLabelIssue(label: label, name: name, column: column))
            }
            if let previous = columnOfName[name] {
                issues.append(Self.duplicateLabelIssue(label: label, column: column, previous: previous))
                continue
            }
            columnOfName[name] = column
            isRead[column] = true
            if let field = Self.fieldIndex[name] {
                fieldColumns.append(FieldColumn(column: column, field: field, conversion: Self.conversion(of: name)))
            } else if let legacy = MigrationV01.legacyColumns[name] {
                legacyColumns.append(LegacyColumn(column: column, name: name, role: role(of: name, legacy)))
            }
        }
        return issues
    }

    private mutating func role(of name: String, _ legacy: MigrationV01.ColumnChange) -> LegacyRole {
        switch legacy {
        case .renamed(let target):
            let field = Self.fieldIndex[target.rawValue]!
            let asList = Self.multiValued.contains(name) || Self.multiValued.contains(target.rawValue)
            if asList { mergedAsList[field] = true }
            return .renamed(field: field, asList: asList)
        case .split(let labels, let advice):
            let map = LabelMap(labels)
            for field in map.fields { mergedAsList[Self.fieldIndex[field.rawValue]!] = true }
            return .split(map, advice: advice)
        case .removed(let advice):
            return .removed(advice: advice)
        }
    }

    // MARK: - Names

    /// Field positions by name.
    static let fieldIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: fields.enumerated().map { ($0.element.rawValue, $0.offset) })

    /// Fields and 0.1 columns by their normalised name (``ValidationSession/normalise(_:)``).
    private static let namesByNormalisedName: [String: String] = {
        var names: [String: String] = [:]
        for name in fields.map(\.rawValue) + MigrationV01.legacyColumns.keys.sorted() {
            names[ValidationSession.normalise(name)] = name
        }
        return names
    }()

    /// The field or 0.1 column a label names, or `nil`.
    static func name(of label: String) -> String? {
        if fieldIndex[label] != nil || MigrationV01.legacyColumns[label] != nil { return label }
        return namesByNormalisedName[ValidationSession.normalise(label)]
    }

    /// Fields multi-valued in either version (`lieux:multiValue` of the schema files).
    ///
    /// The schema files are embedded in the module; were they unreadable, the validator could
    /// not run either, and only the separator of `typologie`, `site_web` and the renamed
    /// lists would be left as it is.
    static let multiValued: Set<String> = {
        var names = Set<String>()
        for version in SchemaVersion.allCases {
            guard let schema = try? version.schema else { continue }
            names.formUnion(schema.fields.filter(\.isMultiValued).map(\.name))
        }
        return names
    }()

    private static func conversion(of name: String) -> Conversion {
        let field = fields[fieldIndex[name]!]
        if let table = MigrationV01.sharedVocabularies[field] { return .vocabulary(LabelMap(table)) }
        return sharedFields.contains(name) && multiValued.contains(name) ? .list : .asIs
    }

    /// Fields both versions have.
    private static let sharedFields: Set<String> = {
        guard let old = try? SchemaVersion.v0_1_0.schema else { return [] }
        return Set(old.fields.map(\.name)).intersection(fields.map(\.rawValue))
    }()

    // MARK: - Issues of the header

    private static func unknownColumnIssue(label: String, column: Int) -> ValidationIssue {
        let hint = label.trimmingCharacters(in: .whitespaces).isEmpty
            ? "Donnez-lui un nom ou supprimez-la."
            : "Vérifiez son nom si elle devait correspondre à un champ du standard."
        return ValidationIssue(
            type: IssueCode.colonneInconnue.rawValue, severity: .warning, rowNumber: 1, fieldName: label,
            fieldNumber: column + 1, cell: label,
            note: "extra-label: \"\(label)\" is a field of neither schema 1.0.2 nor schema 0.1.0; dropped by the migration",
            message: "La colonne « \(label) » (colonne \(column + 1)) n'existe ni dans la version 1.0.2 ni dans la version 0.1.0 du standard : elle n'est pas reprise dans la conversion. \(hint)")
    }

    private static func incorrectLabelIssue(label: String, name: String, column: Int) -> ValidationIssue {
        ValidationIssue(
            type: IssueCode.incorrectLabel.rawValue, severity: .error, rowNumber: 1,
            fieldName: name, fieldNumber: column + 1, cell: label,
            note: "label \"\(label)\" does not match the field name \"\(name)\"",
            message: "La colonne « \(label) » doit s'appeler exactement « \(name) » (minuscules, sans accent, « _ » entre les mots) : elle est lue comme telle, mais renommez-la.")
    }

    private static func duplicateLabelIssue(label: String, column: Int, previous: Int) -> ValidationIssue {
        ValidationIssue(
            type: IssueCode.duplicateLabel.rawValue, severity: .error, rowNumber: 1,
            fieldName: label, fieldNumber: column + 1, cell: label,
            note: "label \"\(label)\" at position \"\(column + 1)\" is duplicated to a label: at position \"\(previous + 1)\"",
            message: "La colonne « \(label) » apparaît deux fois dans l'en-tête (colonnes \(previous + 1) et \(column + 1)) : la seconde n'est pas lue ; supprimez ou renommez l'une des deux.")
    }
}
