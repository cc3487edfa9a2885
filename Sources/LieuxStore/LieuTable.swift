import LieuxModel

/// The `lieu` table's columns, described once for the schema, the writer, the history and
/// the readers.
///
/// A venue's row holds one column per field of the standard (in its order), the columns
/// derived from them that searches use (`departement`, `content_hash`, `nom_tri`), its
/// point (`geom`, with the R*Tree `idx_lieu_geom`) and its GeoJSON feature as bytes
/// (`feature`, see ``EncodedFeature``), which pages and exports copy as they are.
enum LieuTable {
    /// One column per field of the standard, in its order.
    static let fieldColumns: [String] = Lieu.Field.allCases.map(\.rawValue)
    /// The columns the writer writes and the history keeps, in order: the fields, then the
    /// derived ones. The feature is not among them: it is made again from the fields.
    static let writtenColumns = fieldColumns + ["departement", "content_hash", "nom_tri"]

    /// The fields, qualified, for a select.
    static let qualifiedFields = fieldColumns.map { "lieu.\($0)" }.joined(separator: ", ")
    /// The venues with their sources.
    static let from = " FROM lieu JOIN source ON source.id = lieu.source_id"
    /// Whole venues: the row key, the source's name, then the 32 fields (``ColumnReader/found()``).
    static let selectFull = "SELECT lieu.pk, source.name AS source_name, \(qualifiedFields)"
    /// Features: the row key, the source's name, then the feature's bytes (``ColumnReader/feature()``).
    static let selectFeature = "SELECT lieu.pk, source.name AS source_name, lieu.feature"
}
