import Foundation

/// A French région: its INSEE code and name (the 18 régions since 2016, overseas included).
///
/// A ``Departement`` names its région by code (`Departement.region`); the overseas
/// collectivities (975, 977, 978, 986, 987, 988) belong to none.
public struct Region: Hashable, Sendable {
    /// The INSEE code (`44`, `01`).
    public let code: String
    /// The name (`Grand Est`).
    public let nom: String

    /// A région from its code and name.
    public init(code: String, nom: String) {
        self.code = code
        self.nom = nom
    }

    /// The région with this code, `nil` if there is none.
    public init?(code: String) {
        guard let found = Self.all.first(where: { $0.code == code }) else { return nil }
        self = found
    }

    /// The région of a département, `nil` for an overseas collectivity.
    public init?(of departement: Departement) {
        guard let code = departement.region else { return nil }
        self.init(code: code)
    }

    /// Every région, by code.
    public static let all: [Region] = [
        Region(code: "01", nom: "Guadeloupe"),
        Region(code: "02", nom: "Martinique"),
        Region(code: "03", nom: "Guyane"),
        Region(code: "04", nom: "La Réunion"),
        Region(code: "06", nom: "Mayotte"),
        Region(code: "11", nom: "Île-de-France"),
        Region(code: "24", nom: "Centre-Val de Loire"),
        Region(code: "27", nom: "Bourgogne-Franche-Comté"),
        Region(code: "28", nom: "Normandie"),
        Region(code: "32", nom: "Hauts-de-France"),
        Region(code: "44", nom: "Grand Est"),
        Region(code: "52", nom: "Pays de la Loire"),
        Region(code: "53", nom: "Bretagne"),
        Region(code: "75", nom: "Nouvelle-Aquitaine"),
        Region(code: "76", nom: "Occitanie"),
        Region(code: "84", nom: "Auvergne-Rhône-Alpes"),
        Region(code: "93", nom: "Provence-Alpes-Côte d'Azur"),
        Region(code: "94", nom: "Corse"),
    ]
}
