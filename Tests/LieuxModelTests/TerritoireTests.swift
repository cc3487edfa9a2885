import Foundation
import Testing
@testable import LieuxModel

@Suite("Territoire")
struct TerritoireTests {
    @Test("a town of each territory is in that territory", arguments: [
        ("Paris", 48.8566, 2.3522, "France métropolitaine"),
        ("Brest", 48.3904, -4.4861, "France métropolitaine"),
        ("Ouessant", 48.4580, -5.0950, "France métropolitaine"),
        ("Ajaccio", 41.9192, 8.7386, "France métropolitaine"),
        ("Bastia", 42.6973, 9.4509, "France métropolitaine"),
        ("Strasbourg", 48.5734, 7.7521, "France métropolitaine"),
        ("Pointe-à-Pitre", 16.2411, -61.5331, "Guadeloupe"),
        ("Fort-de-France", 14.6161, -61.0588, "Martinique"),
        ("Cayenne", 4.9372, -52.3260, "Guyane"),
        ("Saint-Denis", -20.8789, 55.4481, "La Réunion"),
        ("Mamoudzou", -12.7806, 45.2278, "Mayotte"),
        ("Saint-Pierre", 46.7811, -56.1764, "Saint-Pierre-et-Miquelon"),
        ("Gustavia", 17.8962, -62.8498, "Saint-Barthélemy"),
        ("Marigot", 18.0678, -63.0825, "Saint-Martin"),
        ("Mata-Utu", -13.2825, -176.1736, "Wallis-et-Futuna"),
        ("Papeete", -17.5350, -149.5696, "Polynésie française"),
        ("Nouméa", -22.2700, 166.4500, "Nouvelle-Calédonie"),
        ("Port-aux-Français", -49.3500, 70.2200, "Terres australes françaises"),
    ])
    func towns(town: String, latitude: Double, longitude: Double, territoire: String) {
        #expect(Territoire.containing(latitude: latitude, longitude: longitude)?.nom == territoire, "\(town)")
    }

    @Test("Nouméa is in Nouvelle-Calédonie and in the box of 988")
    func noumea() throws {
        let territoire = try #require(Territoire.containing(latitude: -22.27, longitude: 166.45))
        #expect(territoire == .nouvelleCaledonie)
        let departement = try #require(Departement(codeINSEE: "98818"))
        #expect(departement.code == "988")
        #expect(territoire.includes(departement))
        #expect(departement.bounds.contains(latitude: -22.27, longitude: 166.45))
    }

    @Test("points that are not French are in no territory", arguments: [
        ("null island", 0.0, 0.0),
        ("Paris with latitude and longitude swapped", 2.3522, 48.8566),
        ("Nouméa with latitude and longitude swapped", 166.45, -22.27),
        ("Madrid", 40.4168, -3.7038),
        ("London", 51.5074, -0.1278),
        ("Dominica, between Guadeloupe and Martinique", 15.4150, -61.3710),
        ("Madagascar", -18.8792, 47.5079),
        ("Fiji, across the antimeridian from Wallis", -17.7134, 178.0650),
        ("Nouméa on the wrong side of the antimeridian", -22.27, -166.45),
    ])
    func foreign(place: String, latitude: Double, longitude: Double) {
        #expect(Territoire.containing(latitude: latitude, longitude: longitude) == nil, "\(place)")
    }

    @Test("no two territories overlap")
    func disjoint() {
        for (index, first) in Territoire.all.enumerated() {
            for second in Territoire.all.dropFirst(index + 1) {
                #expect(!first.bounds.intersects(second.bounds), "\(first.nom) / \(second.nom)")
            }
        }
    }

    @Test("every département's box is inside its territory's box", arguments: Departement.all)
    func departements(departement: Departement) throws {
        let territoire = try #require(Territoire.of(departement))
        #expect(territoire.bounds.contains(departement.bounds))
        #expect(Territoire.all.filter { $0.includes(departement) }.count == 1)
    }

    @Test("metropolitan France holds the 96 metropolitan départements, Corsica included")
    func metropole() {
        #expect(Territoire.franceMetropolitaine.codesDepartements.count == 96)
        #expect(Territoire.franceMetropolitaine.codesDepartements.contains("2A"))
        #expect(Territoire.all.count == 13)
        #expect(Set(Territoire.all.map(\.nom)).count == 13)
    }

    @Test("boxes are non-empty, within the world, and no more than 0.2° wider than their land")
    func margins() {
        for territoire in Territoire.all {
            #expect(!territoire.bounds.isEmpty, "\(territoire.nom)")
            #expect(territoire.bounds.minLongitude >= -180 && territoire.bounds.maxLongitude <= 180)
            let departements = Departement.all.filter { territoire.includes($0) }
            guard let first = departements.first else { continue }
            let land = departements.dropFirst().reduce(first.bounds) { $0.union($1.bounds) }
            #expect(land.expanded(by: 0.2).contains(territoire.bounds), "\(territoire.nom)")
            #expect(territoire.bounds.contains(land.expanded(by: 0.015)), "\(territoire.nom)")
        }
    }
}

@Suite("GeoBounds")
struct GeoBoundsTests {
    let marne = GeoBounds(minLongitude: 3.39, minLatitude: 48.51, maxLongitude: 5.04, maxLatitude: 49.41)

    @Test("contains includes the edges")
    func edges() {
        #expect(marne.contains(latitude: 48.51, longitude: 3.39))
        #expect(marne.contains(latitude: 49.41, longitude: 5.04))
        #expect(marne.contains(latitude: 49.25, longitude: 4.03))
        #expect(!marne.contains(latitude: 49.42, longitude: 4.0))
        #expect(!marne.contains(latitude: 49.0, longitude: 5.05))
        #expect(!marne.contains(latitude: .nan, longitude: 4.0))
    }

    @Test("expanded widens every side and stays within the world")
    func expanded() {
        let wider = marne.expanded(by: 0.5)
        #expect(wider == GeoBounds(minLongitude: 2.89, minLatitude: 48.01, maxLongitude: 5.54, maxLatitude: 49.91))
        let world = GeoBounds(minLongitude: -179.9, minLatitude: -89.9, maxLongitude: 179.9, maxLatitude: 89.9).expanded(by: 1)
        #expect(world == GeoBounds(minLongitude: -180, minLatitude: -90, maxLongitude: 180, maxLatitude: 90))
        #expect(marne.expanded(by: -1).isEmpty)
    }

    @Test("union holds both boxes")
    func union() {
        let corse = GeoBounds(minLongitude: 8.53, minLatitude: 41.33, maxLongitude: 9.56, maxLatitude: 43.03)
        let both = marne.union(corse)
        #expect(both == GeoBounds(minLongitude: 3.39, minLatitude: 41.33, maxLongitude: 9.56, maxLatitude: 49.41))
        #expect(both.contains(marne) && both.contains(corse))
        #expect(!marne.intersects(corse))
        #expect(both.intersects(corse))
    }

    @Test("encodes its four edges by name")
    func codable() throws {
        let data = try JSONEncoder().encode(marne)
        #expect(try JSONDecoder().decode(GeoBounds.self, from: data) == marne)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
        #expect(Set(object.keys) == ["minLongitude", "minLatitude", "maxLongitude", "maxLatitude"])
    }
}

extension Territoire: CustomTestStringConvertible {
    public var testDescription: String { nom }
}
