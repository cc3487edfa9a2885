/// A commune of the gazetteer: its INSEE code, its name, its postal codes and a point.
public struct Commune: Sendable, Equatable {
    public var codeINSEE: String
    public var nom: String
    public var codesPostaux: [String]
    public var coordinates: Coordinates

    public init(codeINSEE: String, nom: String, codesPostaux: [String], coordinates: Coordinates) {
        self.codeINSEE = codeINSEE
        self.nom = nom
        self.codesPostaux = codesPostaux
        self.coordinates = coordinates
    }

    /// The département's code (`51`, `2A`, `971`), from the INSEE code.
    public var departement: String {
        codeINSEE.hasPrefix("97") || codeINSEE.hasPrefix("98") ? String(codeINSEE.prefix(3)) : String(codeINSEE.prefix(2))
    }
}
