import Foundation

/// A part of France far from the others — metropolitan France, an overseas département or
/// collectivity — with a box that holds it.
///
/// Used to catch coordinates that cannot be French (swapped latitude and longitude, `0,0`,
/// a point in the sea between two territories). The boxes are wider than the land by about
/// 0.1° (0.02° between Saint-Barthélemy and Saint-Martin, which are 0.05° apart), so a venue
/// on the coast is never outside; being rectangles, they also take in bits of neighbouring
/// countries (Geneva, Sint Maarten…): a point inside is plausible, not proved French.
/// The boxes are those of `Departement.all` widened and rounded outwards to 0.1°.
public struct Territoire: Hashable, Sendable {
    /// The French name (`Nouvelle-Calédonie`).
    public let nom: String
    /// A box that holds the territory, with a margin.
    public let bounds: GeoBounds
    /// The codes of the départements or collectivities in the territory (`["988"]`).
    public let codesDepartements: [String]

    /// A territory from its name, box and départements.
    public init(nom: String, bounds: GeoBounds, codesDepartements: [String]) {
        self.nom = nom
        self.bounds = bounds
        self.codesDepartements = codesDepartements
    }

    /// Whether a département belongs to the territory.
    public func includes(_ departement: Departement) -> Bool {
        codesDepartements.contains(departement.code)
    }

    /// The territory whose box holds the point, `nil` when none does (no two boxes overlap).
    public static func containing(latitude: Double, longitude: Double) -> Territoire? {
        all.first { $0.bounds.contains(latitude: latitude, longitude: longitude) }
    }

    /// The territory of a département, `nil` for none (every known département has one).
    public static func of(_ departement: Departement) -> Territoire? {
        all.first { $0.includes(departement) }
    }
}

extension Territoire {
    /// France métropolitaine, Corsica and the coastal islands included (Ouessant to Cap Corse,
    /// Lavezzi to Bray-Dunes).
    public static let franceMetropolitaine = Territoire(
        nom: "France métropolitaine",
        bounds: GeoBounds(minLongitude: -5.3, minLatitude: 41.2, maxLongitude: 9.7, maxLatitude: 51.2),
        codesDepartements: Departement.all.map(\.code).filter { $0.count == 2 }
    )
    /// Guadeloupe: Basse-Terre, Grande-Terre, Marie-Galante, Les Saintes, La Désirade.
    public static let guadeloupe = Territoire(
        nom: "Guadeloupe",
        bounds: GeoBounds(minLongitude: -61.9, minLatitude: 15.7, maxLongitude: -60.9, maxLatitude: 16.6),
        codesDepartements: ["971"]
    )
    /// Martinique.
    public static let martinique = Territoire(
        nom: "Martinique",
        bounds: GeoBounds(minLongitude: -61.4, minLatitude: 14.2, maxLongitude: -60.7, maxLatitude: 15.0),
        codesDepartements: ["972"]
    )
    /// Guyane.
    public static let guyane = Territoire(
        nom: "Guyane",
        bounds: GeoBounds(minLongitude: -54.8, minLatitude: 2.0, maxLongitude: -51.5, maxLatitude: 5.9),
        codesDepartements: ["973"]
    )
    /// La Réunion.
    public static let laReunion = Territoire(
        nom: "La Réunion",
        bounds: GeoBounds(minLongitude: 55.1, minLatitude: -21.5, maxLongitude: 56.0, maxLatitude: -20.7),
        codesDepartements: ["974"]
    )
    /// Mayotte: Grande-Terre and Petite-Terre.
    public static let mayotte = Territoire(
        nom: "Mayotte",
        bounds: GeoBounds(minLongitude: 44.9, minLatitude: -13.2, maxLongitude: 45.4, maxLatitude: -12.5),
        codesDepartements: ["976"]
    )
    /// Saint-Pierre-et-Miquelon.
    public static let saintPierreEtMiquelon = Territoire(
        nom: "Saint-Pierre-et-Miquelon",
        bounds: GeoBounds(minLongitude: -56.6, minLatitude: 46.6, maxLongitude: -56.0, maxLatitude: 47.3),
        codesDepartements: ["975"]
    )
    /// Saint-Barthélemy (a margin of 0.02° only: Saint-Martin is 0.05° north).
    public static let saintBarthelemy = Territoire(
        nom: "Saint-Barthélemy",
        bounds: GeoBounds(minLongitude: -62.98, minLatitude: 17.83, maxLongitude: -62.75, maxLatitude: 18.0),
        codesDepartements: ["977"]
    )
    /// Saint-Martin, the French part of the island (the box takes in Dutch Sint Maarten too).
    public static let saintMartin = Territoire(
        nom: "Saint-Martin",
        bounds: GeoBounds(minLongitude: -63.18, minLatitude: 18.01, maxLongitude: -62.93, maxLatitude: 18.15),
        codesDepartements: ["978"]
    )
    /// Wallis-et-Futuna, west of the antimeridian (negative longitudes).
    public static let wallisEtFutuna = Territoire(
        nom: "Wallis-et-Futuna",
        bounds: GeoBounds(minLongitude: -178.4, minLatitude: -14.5, maxLongitude: -176.0, maxLatitude: -13.0),
        codesDepartements: ["986"]
    )
    /// Polynésie française, from the Society Islands to the Gambier and from the Marquesas to the
    /// Austral Islands.
    public static let polynesieFrancaise = Territoire(
        nom: "Polynésie française",
        bounds: GeoBounds(minLongitude: -154.9, minLatitude: -28.1, maxLongitude: -134.3, maxLatitude: -7.7),
        codesDepartements: ["987"]
    )
    /// Nouvelle-Calédonie, from the Chesterfield Islands to Matthew and Hunter.
    public static let nouvelleCaledonie = Territoire(
        nom: "Nouvelle-Calédonie",
        bounds: GeoBounds(minLongitude: 157.8, minLatitude: -23.3, maxLongitude: 172.4, maxLatitude: -17.7),
        codesDepartements: ["988"]
    )
    /// The southern islands of the Terres australes et antarctiques françaises (Crozet,
    /// Kerguelen, Saint-Paul and Amsterdam); no commune, no département. The Îles Éparses and
    /// Adélie Land are left out.
    public static let terresAustrales = Territoire(
        nom: "Terres australes françaises",
        bounds: GeoBounds(minLongitude: 50.0, minLatitude: -50.1, maxLongitude: 77.8, maxLatitude: -37.6),
        codesDepartements: []
    )

    /// Every territory, metropolitan France first.
    public static let all: [Territoire] = [
        franceMetropolitaine, guadeloupe, martinique, guyane, laReunion, mayotte,
        saintPierreEtMiquelon, saintBarthelemy, saintMartin, wallisEtFutuna,
        polynesieFrancaise, nouvelleCaledonie, terresAustrales,
    ]
}
