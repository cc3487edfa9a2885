import Foundation
import LieuxModel

/// The parameters of the coverage (`GET /couverture`, `lieux couverture`): every filter of
/// the items (parsed by ``ItemsParameters``), which select the venues, and
///
/// - `seuils`: thresholds in km, separated by commas (default 1,2,5,10,20,30; at most 20,
///   each above 0 and at most 1,000);
/// - `par`: `departement` or `region`, the coverage of each;
/// - `au_dela`: the threshold of the communes listed beyond it and of the suggestions (km, default 10);
/// - `suggestions`: how many places to suggest (0 to 100, default 0);
/// - `territoire`: `commune:CODE`, `departement:CODE` or `region:CODE`, the population counted
///   (by the INSEE code of each point's commune); the venues stay those of the filters;
/// - `limit`: how many communes beyond to list (default 100).
///
/// The command line gives its options here as name–value pairs: one parser for both.
public struct CouvertureParameters: Sendable {
    public var query: LieuQuery
    public var options: CouvertureOptions

    /// The parameters of the coverage itself, in the order the documentation gives them.
    static let names = ["seuils", "par", "au_dela", "suggestions", "territoire"]

    /// A parameter that is wrong: which, and what to do, in French.
    public struct Invalid: Error, Sendable {
        public var parameter: String?
        public var message: String
    }

    /// Parses name–value pairs (the names of the HTTP parameters); `now` is the instant of
    /// `ouvert=maintenant`.
    public init(_ pairs: [(name: String, value: String)], now: Date) throws(Invalid) {
        do {
            try self.init(QueryParameters(pairs.map { QueryParameters.Pair(name: $0.name, value: $0.value) }), route: .couverture, now: now)
        } catch {
            throw Invalid(parameter: error.parameter, message: error.detail)
        }
    }

    init(_ parameters: QueryParameters, route: ItemsParameters.Route, now: Date) throws(Problem) {
        let items = try ItemsParameters(parameters, route: route, now: now)
        let reader = ParameterReader(parameters: parameters)
        query = items.query
        options = CouvertureOptions(limiteCommunes: items.query.limit, territoire: try Self.territoire(reader))
        guard route == .couverture else { return }
        let seuils = try reader.list("seuils")
        if !seuils.isEmpty {
            options.seuilsKm = try Array(Set(seuils.map { (text) throws(Problem) in try Self.kilometres("seuils", text) })).sorted()
            guard options.seuilsKm.count <= 20 else {
                throw Problem.invalidParameter("seuils", "Au plus 20 seuils : « seuils » en donne \(options.seuilsKm.count).")
            }
        }
        if let text = try reader.text("au_dela") { options.auDelaKm = try Self.kilometres("au_dela", text) }
        options.suggestions = try reader.integer(
            "suggestions", minimum: 0, maximum: CouvertureOptions.maximumSuggestions, meaning: " (le nombre de lieux à suggérer)") ?? 0
        if let text = try reader.text("par") {
            let levels = [AreaReference.Kind.departement.rawValue, AreaReference.Kind.region.rawValue]
            guard let level = AreaReference.Kind(rawValue: text), level != .commune else {
                throw Problem.invalidParameter(
                    "par", "« \(text) » n'est pas un niveau de territoire de la couverture : écrivez par=departement ou par=region (les communes sont dans communes_au_dela et /couverture/communes).",
                    allowed: levels)
            }
            options.par = level
        }
    }

    static func kilometres(_ name: String, _ text: String) throws(Problem) -> Double {
        guard let value = Double(text.trimmed(newlines: false)), value.isFinite, value > 0, value <= 1_000 else {
            throw Problem.invalidParameter(name, "« \(name) » est une distance en kilomètres, plus grande que 0 et au plus 1000 (exemple : \(name)=10) ; reçu « \(text) ».")
        }
        return value
    }

    static func territoire(_ reader: ParameterReader) throws(Problem) -> AreaReference? {
        guard let text = try reader.text("territoire") else { return nil }
        guard let area = AreaReference(text) else {
            throw Problem.invalidParameter(
                "territoire", "« \(text) » ne désigne pas un territoire : écrivez commune:CODE_INSEE, departement:CODE ou region:CODE (exemple : territoire=departement:16).",
                allowed: AreaReference.Kind.allCases.map { "\($0.rawValue):CODE" })
        }
        return area
    }
}
