import Testing

@testable import LieuxModel

/// INSEE's squares and ETRS89-LAEA (EPSG:3035) back to WGS 84.
@Suite("INSEE grid squares and the inverse Lambert azimuthal equal-area projection")
struct CarreauINSEETests {
    /// Points of EPSG:3035 (easting, northing) and their latitude and longitude, computed with
    /// pyproj 3.7.2 (PROJ 9.5.1): `Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True)`.
    static let references: [(easting: Double, northing: Double, latitude: Double, longitude: Double)] = [
        (4_252_500, 2_029_900, 41.366709845, 9.184617765),  // Ajaccio
        (3_760_100, 2_890_100, 48.861472575, 2.342234807),  // Paris
        (4_200_500, 3_100_500, 51.003084982, 8.283155809),
        (3_500_000, 2_000_000, 40.624390732, 0.312679646),
        (4_500_000, 2_500_000, 45.587734475, 12.290896740),
        (3_210_100, 2_880_100, 48.014004270, -5.000645584),  // off Brittany
        (4_321_000, 3_210_000, 52, 10),  // the projection's centre
        (4_700_100, 2_200_100, 42.802563011, 14.623577687),
    ]

    @Test("the inverse projection gives pyproj's latitude and longitude to 1e-8 degree (a millimetre)", arguments: references)
    func inverse(reference: (easting: Double, northing: Double, latitude: Double, longitude: Double)) throws {
        let point = try #require(LambertAzimuthalEqualArea.etrs89.coordinates(easting: reference.easting, northing: reference.northing))
        #expect(abs(point.latitude - reference.latitude) < 1e-8)
        #expect(abs(point.longitude - reference.longitude) < 1e-8)
    }

    @Test("a square's identifier gives its size, its lower-left corner and its centre")
    func identifier() throws {
        let carreau = try #require(CarreauINSEE(identifiant: "CRS3035RES200mN2029800E4252400"))
        #expect(carreau == CarreauINSEE(taille: 200, nord: 2_029_800, est: 4_252_400))
        #expect(carreau.identifiant == "CRS3035RES200mN2029800E4252400")
        let centre = try #require(carreau.centre)
        #expect(abs(centre.latitude - 41.366709845) < 1e-8 && abs(centre.longitude - 9.184617765) < 1e-8)
        let kilometre = try #require(CarreauINSEE(identifiant: "CRS3035RES1000mN2890000E3760000"))
        #expect(kilometre.taille == 1000)
        let c = try #require(kilometre.centre)
        // The 1 km square's centre is 400 m north-east of the 200 m square's at the same corner.
        let small = try #require(CarreauINSEE(taille: 200, nord: 2_890_000, est: 3_760_000).centre)
        #expect(abs(c.distance(to: small) - 400 * 2.0.squareRoot()) < 5)
    }

    @Test("anything else is not a square", arguments: ["", "CRS3035RES200mN2029800", "CRS4326RES200mN2029800E4252400", "CRS3035RES0mN1E1", "crs3035res200mn1e1", "CRS3035RES200mN-20E4252400"])
    func invalid(text: String) {
        #expect(CarreauINSEE(identifiant: text) == nil)
    }
}
