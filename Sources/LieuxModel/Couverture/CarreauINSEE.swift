/// A square of INSEE's gridded population (« données carroyées »), by its identifier:
/// `CRS3035RES200mN2029800E4252400` is the 200 m square whose lower-left corner lies at
/// 2,029,800 m north and 4,252,400 m east in ETRS89-LAEA (EPSG:3035).
public struct CarreauINSEE: Sendable, Hashable {
    /// The side, in metres (200 or 1,000 in INSEE's files).
    public var taille: Int
    /// The lower-left corner, in metres of EPSG:3035.
    public var nord: Int
    public var est: Int

    public init(taille: Int, nord: Int, est: Int) {
        self.taille = taille
        self.nord = nord
        self.est = est
    }

    /// Parses `CRS3035RES<taille>mN<nord>E<est>`; `nil` for anything else. By hand: a grid
    /// has millions of squares, and a `Regex` costs tens of microseconds each.
    public init?(identifiant: String) {
        var bytes = Substring(identifiant).utf8[...]
        func expect(_ text: String) -> Bool {
            guard bytes.starts(with: text.utf8) else { return false }
            bytes = bytes.dropFirst(text.utf8.count)
            return true
        }
        func number() -> Int? {
            let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty, digits.count <= 9 else { return nil }
            bytes = bytes.dropFirst(digits.count)
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard expect("CRS3035RES"), let taille = number(), taille > 0, expect("mN"), let nord = number(), expect("E"),
            let est = number(), bytes.isEmpty
        else { return nil }
        self.init(taille: taille, nord: nord, est: est)
    }

    /// The identifier, as INSEE writes it.
    public var identifiant: String { "CRS3035RES\(taille)mN\(nord)E\(est)" }

    /// The centre of the square in WGS 84 (the corner plus half a side, both ways).
    public var centre: Coordinates? {
        let half = Double(taille) / 2
        return LambertAzimuthalEqualArea.etrs89.coordinates(easting: Double(est) + half, northing: Double(nord) + half)
    }
}
