/// Properties a feature carries besides the fields of the standard.
///
/// They follow the standard's fields in `properties`, under names the standard does not use:
/// - `source_import` (string): the name of the import source the venue came from. The
///   standard's own `source` field (the organisation that collected the data) keeps its name.
/// - `distance` (number, metres, one decimal): the distance from the point of a nearby query.
/// - ``members``: other properties as JSON text (`membres`, `provenance`, `qualite` of a
///   merged venue), after those.
public struct FeatureExtras: Sendable, Hashable {
    /// The import source the venue came from, written as `source_import`.
    public var sourceImport: String?
    /// Metres from the point of a nearby query, written as `distance` rounded to 0.1 m.
    public var distance: Double?

    /// Properties written as they are: a key and its value as JSON text.
    public var members: [Member]

    public struct Member: Sendable, Hashable {
        public var key: String
        public var json: String

        public init(_ key: String, json: String) {
            self.key = key
            self.json = json
        }
    }

    public init(sourceImport: String? = nil, distance: Double? = nil, members: [Member] = []) {
        self.sourceImport = sourceImport
        self.distance = distance
        self.members = members
    }

    /// No extra property.
    public static let none = FeatureExtras()

    /// The property name of ``sourceImport``.
    public static let sourceImportKey = "source_import"
    /// The property name of ``distance``.
    public static let distanceKey = "distance"
}
