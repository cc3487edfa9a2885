/// Reads a file of version 0.1 of the standard, or a mixed one, as rows of version 1.0.2.
///
/// It wraps the reader of the file and streams: one row in, one row out. Its ``labels`` are
/// the 32 fields of 1.0.2 in order, and each row's cells are aligned with them, with the
/// row number and format of the source. The correspondence is ``MigrationV01``'s:
///
/// - `courriel` → `courriels`, `labels_autres` → `autres_formations_labels`, `accessibilite`
///   → `fiche_acces_libre`;
/// - `publics_accueillis` → `publics_specifiquement_adresses` and `prise_en_charge_specifique`,
///   `conditions_acces` → `frais_a_charge`, `labels_nationaux` → `dispositif_programmes_nationaux`
///   and `formations_labels`, label by label;
/// - the labels of `services` and `modalites_accompagnement` mapped to the 1.0 ones;
/// - `cle_ban` dropped; `;` between values becomes `|`; fields new in 1.0 stay empty.
///
/// Nothing is dropped silently: a label without a 1.0 equivalent, a non-empty `cle_ban`, a
/// 0.1 value that a 1.0 column of the same file overrides each give a warning (one per row and
/// column), and a column of neither version gives a `colonne-inconnue` warning once. The
/// validator collects them through ``takeIssues()``.
///
/// Mixed files, such as the national cartography's 1.0 exports that still carry 0.1 keys:
/// a 1.0 column is kept as it is (its 0.1 labels mapped, for the fields both versions have),
/// and a 0.1 column that maps to it adds to it. For a multi-valued field, the values are
/// merged, the 1.0 column's first, without duplicates; for a single-valued one
/// (`fiche_acces_libre`), the 0.1 value fills the field only when the 1.0 cell is empty,
/// since the 1.0 column is the producer's more recent word.
///
/// ```swift
/// var reader = MigratingRowReader(base: try JSONRowReader(url: url))
/// let report = try Validator(version: .v1_0_2).validate(&reader, place: url.path)
/// ```
public struct MigratingRowReader<Base: RowReader>: RowReader {
    /// The reader of the source file.
    public private(set) var base: Base
    private var migration: RowMigration

    /// Wraps `base`, whose labels may be of version 0.1, 1.0.2 or a mix.
    public init(base: Base) {
        self.base = base
        migration = RowMigration(labels: base.labels, format: base.format)
    }

    public var format: SourceFormat { base.format }

    /// The field names of version 1.0.2, in the standard's order.
    public var labels: [String] { MigrationPlan.fieldNames }

    /// Whether a file of `version` with these column labels must be migrated to be read as
    /// version 1.0.2: always for 0.1.0, and for 1.0.2 when a 0.1 column is left in it.
    public static func needsMigration(labels: [String], version: SchemaVersion) -> Bool {
        switch version {
        case .v0_1_0: return true
        case .v1_0_2: return labels.contains { MigrationPlan.name(of: $0).map { MigrationV01.legacyColumns[$0] != nil } ?? false }
        }
    }

    /// The warnings (and header errors) found since the last call.
    public mutating func takeIssues() -> [ValidationIssue] {
        migration.takeIssues()
    }

    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        guard let row = try base.nextRow() else { return nil }
        return migration.migrate(row, sourceLabels: base.labels)
    }
}

extension MigratingRowReader: Sendable where Base: Sendable {}
