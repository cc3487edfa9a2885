import Foundation

/// A search for venues: where, which, in what order, which page. Parsed once at the edge
/// (HTTP parameters, CLI options) and handed to a ``LieuRepository``.
public struct LieuQuery: Sendable, Hashable {
    /// Where to look.
    public var spatial: SpatialFilter = .everywhere
    /// Which venues, by the fields of the standard.
    public var filters = LieuFilters()
    /// Venues open at this instant (OpenStreetMap `opening_hours`, evaluated in Paris time).
    public var openAt: Date?
    public var sort: LieuSort = .identifiant
    /// At most this many venues (clamped to ``maximumLimit``).
    public var limit = LieuQuery.defaultLimit
    /// Venues to skip before the page.
    public var offset = 0

    public static let defaultLimit = 100
    public static let maximumLimit = 10_000
    /// The largest radius of a nearby search, in metres.
    public static let maximumRadius = 200_000.0
    /// The largest `nearest` count.
    public static let maximumNearest = 100

    public init(
        spatial: SpatialFilter = .everywhere, filters: LieuFilters = LieuFilters(), openAt: Date? = nil,
        sort: LieuSort = .identifiant, limit: Int = LieuQuery.defaultLimit, offset: Int = 0
    ) {
        self.spatial = spatial
        self.filters = filters
        self.openAt = openAt
        self.sort = sort
        self.limit = min(max(0, limit), Self.maximumLimit)
        self.offset = max(0, offset)
    }
}

/// Where to look for venues.
public enum SpatialFilter: Sendable, Hashable {
    case everywhere
    /// Venues inside a box (edges included).
    case bbox(GeoBounds)
    /// Venues within `radius` metres of a point, with their distance.
    case near(Coordinates, radius: Double)
    /// The `count` venues nearest to a point, with their distance.
    case nearest(Coordinates, count: Int)
    /// Venues inside a known area (a commune, a département, a région).
    case within(AreaReference)
    /// Venues inside a polygon or multipolygon.
    case polygon(GeoPolygon)

    /// The point distances are measured from, if any.
    public var origin: Coordinates? {
        switch self {
        case .near(let point, _), .nearest(let point, _): return point
        default: return nil
        }
    }
}

/// An administrative area by its kind and code (`departement:51`).
public struct AreaReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case commune, departement, region
    }

    public var kind: Kind
    public var code: String

    public init(kind: Kind, code: String) {
        self.kind = kind
        self.code = code
    }

    /// Parses `kind:code`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]), !parts[1].isEmpty else { return nil }
        self.init(kind: kind, code: parts[1])
    }

    public var description: String { "\(kind.rawValue):\(code)" }
}

/// A polygon with holes, or several: the exterior ring first, then holes, each ring closed,
/// in `[longitude, latitude]` order as GeoJSON writes them.
public struct GeoPolygon: Sendable, Hashable {
    /// Polygons, each a list of rings, each a list of (longitude, latitude).
    public var polygons: [[[Position]]]

    public struct Position: Sendable, Hashable {
        public var longitude: Double
        public var latitude: Double
        public init(longitude: Double, latitude: Double) {
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    public init(polygons: [[[Position]]]) { self.polygons = polygons }

    /// The smallest box holding every ring.
    public var bounds: GeoBounds? {
        let points = polygons.flatMap { $0.flatMap { $0 } }
        guard let first = points.first else { return nil }
        var box = GeoBounds(minLongitude: first.longitude, minLatitude: first.latitude, maxLongitude: first.longitude, maxLatitude: first.latitude)
        for p in points {
            box = box.union(GeoBounds(minLongitude: p.longitude, minLatitude: p.latitude, maxLongitude: p.longitude, maxLatitude: p.latitude))
        }
        return box
    }

    /// Whether the point is inside (even-odd rule: inside an exterior ring and outside its holes).
    public func contains(latitude: Double, longitude: Double) -> Bool {
        polygons.contains { rings in
            var inside = false
            for ring in rings where Self.ring(ring, contains: latitude, longitude) { inside.toggle() }
            return inside
        }
    }

    static func ring(_ ring: [Position], contains latitude: Double, _ longitude: Double) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.latitude > latitude) != (b.latitude > latitude),
                longitude < (b.longitude - a.longitude) * (latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude
            {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}

/// The order of results.
public enum LieuSort: String, Sendable, Hashable, CaseIterable {
    /// By source, then id: stable, the default.
    case identifiant = "id"
    case nom
    case nomDescendant = "-nom"
    case dateMaj = "date_maj"
    case dateMajDescendant = "-date_maj"
    /// Nearest first (with `lat`/`lon`).
    case distance
}

extension LieuSort {
    /// The key that orders names as a French reader expects: without case nor accents,
    /// ligatures spelled out, spaces collapsed (« Écrivains » between « Ecole » and « Espace »,
    /// not after « Zèbre »). The store keeps it in a column, so that it sorts through an index.
    public static func nameKey(_ name: String) -> String {
        // The letters of French names map without Foundation (it is slow on Linux); any
        // other letter sends the whole name through Foundation's folding.
        var out = String.UnicodeScalarView()
        var space = true  // collapses runs of spaces and drops leading ones
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 {
                if !space { out.append(" ") }
                space = true
                continue
            }
            space = false
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : scalar)
            } else if let folded = Self.frenchFolding[v] {
                out.append(contentsOf: folded.unicodeScalars)
            } else {
                return foundationKey(name)
            }
        }
        if out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Accented capitals and small letters of French (and their neighbours), ligatures, the
    /// typographic apostrophe.
    static let frenchFolding: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåÀÁÂÃÄÅ", "a"), ("çÇ", "c"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("ñÑ", "n"),
            ("òóôõöÒÓÔÕÖ", "o"), ("ùúûüÙÚÛÜ", "u"), ("ýÿÝŸ", "y"),
        ]
        for (letters, base) in groups { for scalar in letters.unicodeScalars { table[scalar.value] = base } }
        for (scalar, text) in [("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("’", "'"), ("‘", "'")] {
            table[scalar.unicodeScalars.first!.value] = text
        }
        return table
    }()

    static func foundationKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
        return folded.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{A0}" }).joined(separator: " ")
    }
}
