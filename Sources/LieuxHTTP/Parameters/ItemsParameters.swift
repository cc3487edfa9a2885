import Foundation
import LieuxModel

/// The query parameters of the item routes, parsed once into a ``LieuQuery``, with a French
/// 400 problem for the first thing wrong.
///
/// - Spatial (one group at most): `bbox=minLon,minLat,maxLon,maxLat`; `lat`, `lon` and
///   `radius` (metres, at most 200 km) or `nearest` (at most 100); `within=commune:CODE`,
///   `departement:CODE` or `region:CODE`. `POST …/search` takes its polygon from the body.
/// - One parameter per vocabulary field of the standard (values separated by commas are
///   alternatives; fields combine), `typologie`, `code_postal`, `code_insee`, `departement`,
///   `source` (import source), `date_maj_min`, `q` (words of the name, address or commune),
///   `ouvert` (`maintenant` or `2026-12-24T10:00`, Paris time when no offset is given).
/// - Paging and order: `limit` (default 100, at most 10,000), `offset`,
///   `sortby=nom|-nom|date_maj|-date_maj|distance|id`.
/// - `f=json|html` (negotiation, see ``MediaFormat``) and `datetime` (accepted and checked
///   for OGC API – Features; venues have no temporal geometry, so it selects nothing).
///
/// An empty value is taken as an absent parameter (as HTML forms send them); a parameter
/// the route does not know is a 400.
struct ItemsParameters: Sendable {
    /// Which route the parameters are for: each accepts its own set.
    enum Route: Sendable {
        /// `GET /collections/lieux/items`.
        case items
        /// `POST /collections/lieux/search` (the area comes from the body).
        case search
        /// `GET /export/lieux.*` (the whole result, no page).
        case export
        /// `GET /collections/lieux/aggregates` (counts by territory, `par` besides).
        case aggregates
        /// `GET /collections/lieux/clusters` (a box and `zoom` besides, no other area).
        case clusters
        /// `GET /couverture` (thresholds, territories and suggestions besides, see ``CouvertureParameters``).
        case couverture
        /// `GET /couverture/communes` (`territoire` besides).
        case couvertureCommunes
    }

    /// The query the parameters describe.
    var query: LieuQuery
    /// The parameters as given, for links.
    let parameters: QueryParameters
    /// `doublons=fusionner`: one venue per group of duplicates (see ``DoublonFusion``).
    let fusionner: Bool

    // MARK: Names

    static let spatialNames = ["bbox", "lat", "lon", "radius", "nearest", "within"]
    static let pagingNames = ["limit", "offset"]
    /// OGC API – Features Part 2: the only CRS is CRS84, the parameters say so or are a 400.
    static let crsNames = ["crs", "bbox-crs"]
    static let vocabularyNames: [String] = [
        Service.field.rawValue, PublicSpecifiquementAdresse.field.rawValue, PriseEnChargeSpecifique.field.rawValue,
        FraisACharge.field.rawValue, Itinerance.field.rawValue, ModaliteAcces.field.rawValue,
        ModaliteAccompagnement.field.rawValue, DispositifProgrammeNational.field.rawValue, FormationLabel.field.rawValue,
        Lieu.Field.typologie.rawValue,
    ]
    static let otherFilterNames = ["code_postal", "code_insee", "departement", "source", "date_maj_min", "q", "ouvert"]

    /// The parameters a route accepts, in the order the documentation gives them.
    static func names(for route: Route) -> [String] {
        switch route {
        case .items: return ["f"] + pagingNames + spatialNames + crsNames + ["datetime"] + vocabularyNames + otherFilterNames + ["sortby", "doublons"]
        case .search: return ["f", "crs"] + pagingNames + vocabularyNames + otherFilterNames + ["sortby", "doublons"]
        case .export: return spatialNames + crsNames + vocabularyNames + otherFilterNames + ["sortby", "doublons"]
        case .aggregates: return ["par"] + spatialNames + crsNames + vocabularyNames + otherFilterNames + ["doublons"]
        case .clusters: return ["bbox", "zoom"] + crsNames + vocabularyNames + otherFilterNames
        case .couverture: return CouvertureParameters.names + ["limit"] + spatialNames + crsNames + vocabularyNames + otherFilterNames
        case .couvertureCommunes: return ["territoire"] + spatialNames + crsNames + vocabularyNames + otherFilterNames
        }
    }

    // MARK: Parsing

    /// Parses `parameters` for `route`; `now` is the instant of `ouvert=maintenant`.
    init(_ parameters: QueryParameters, route: Route, now: Date) throws(Problem) {
        self.parameters = parameters
        let allowed = Self.names(for: route)
        for name in parameters.names where !allowed.contains(name) {
            throw Problem.unknownParameter(name, allowed: allowed)
        }
        let reader = ParameterReader(parameters: parameters)
        var query = LieuQuery()
        if route != .search { query.spatial = try reader.spatial() }
        query.filters = try reader.filters()
        query.openAt = try reader.openAt(now: now)
        query.sort = try reader.sort(origin: query.spatial.origin != nil)
        if route != .export {
            query.limit = try reader.integer("limit", minimum: 1).map { min($0, LieuQuery.maximumLimit) } ?? LieuQuery.defaultLimit
            query.offset = try reader.integer("offset", minimum: 0) ?? 0
        } else {
            query.limit = LieuQuery.maximumLimit
        }
        if route == .items { try reader.checkDatetime() }
        try reader.checkCRS()
        switch try reader.text("doublons") {
        case nil: fusionner = false
        case "fusionner": fusionner = true
        case let other?:
            throw Problem.invalidParameter(
                "doublons", "« \(other) » n'est pas un traitement des doublons : doublons=fusionner donne un lieu par groupe de doublons.",
                allowed: ["fusionner"])
        }
        self.query = query
    }
}

/// Reads typed values out of the parameters, one concern per method.
struct ParameterReader {
    let parameters: QueryParameters

    /// The value of a single-valued parameter; `nil` when absent or empty.
    func text(_ name: String) throws(Problem) -> String? {
        guard let value = try parameters.single(name) else { return nil }
        let trimmed = value.trimmed(newlines: false)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The comma-separated values of a parameter, every occurrence together; an empty
    /// occurrence is no value, an empty or blank value (`a,,b`, `a,`, ` `) is a 400.
    func list(_ name: String) throws(Problem) -> [String] {
        var values: [String] = []
        for occurrence in parameters.values(name) where !occurrence.isEmpty {
            for part in occurrence.split(separator: ",", omittingEmptySubsequences: false) {
                let value = part.trimmed(newlines: false)
                guard !value.isEmpty else {
                    throw Problem.invalidParameter(
                        name, "« \(name)=\(occurrence) » a une valeur vide : séparez les valeurs par une seule virgule, sans virgule au début ni à la fin.")
                }
                values.append(value)
            }
        }
        return values
    }

    /// The value of a single-valued text parameter of at most `maximum` characters (code
    /// points, as JSON Schema's `maxLength` counts them); `what` names it in the 400.
    func text(_ name: String, atMost maximum: Int, _ what: String) throws(Problem) -> String? {
        guard let value = try text(name) else { return nil }
        guard value.unicodeScalars.count <= maximum else {
            throw Problem.invalidParameter(name, "\(what) (\(name)) dépasse \(maximum) caractères : raccourcissez-le.")
        }
        return value
    }

    func integer(_ name: String, minimum: Int, maximum: Int? = nil, meaning: String = "") throws(Problem) -> Int? {
        guard let text = try text(name) else { return nil }
        let range = maximum.map { "entre \(minimum) et \($0)" } ?? "supérieur ou égal à \(minimum)"
        guard let value = Int(text), value >= minimum, value <= (maximum ?? .max) else {
            throw Problem.invalidParameter(name, "« \(name) » doit être un nombre entier \(range)\(meaning) ; reçu « \(text) ».")
        }
        return value
    }

    func number(_ name: String) throws(Problem) -> Double? {
        guard let text = try text(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw Problem.invalidParameter(name, "« \(name) » doit être un nombre (point décimal : 49.25) ; reçu « \(text) ».")
        }
        return value
    }

    // MARK: Spatial

    func spatial() throws(Problem) -> SpatialFilter {
        var filters: [(String, SpatialFilter)] = []
        if let box = try bbox() { filters.append(("bbox", .bbox(box))) }
        if let near = try near() { filters.append(("lat/lon", near)) }
        if let within = try within() { filters.append(("within", within)) }
        guard filters.count <= 1 else {
            let names = filters.map { "« \($0.0) »" }.joined(separator: " et ")
            throw Problem.invalidParameter(
                filters[1].0, "Un seul filtre géographique à la fois : \(names) ne se combinent pas. Gardez bbox, lat/lon avec radius ou nearest, ou within.")
        }
        return filters.first?.1 ?? .everywhere
    }

    func bbox() throws(Problem) -> GeoBounds? {
        guard let text = try text("bbox") else { return nil }
        let usage = "Écrivez bbox=minLon,minLat,maxLon,maxLat en degrés WGS 84 (exemple : bbox=3.9,49.2,4.1,49.3)"
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmed(newlines: false)) }
        guard numbers.count == 4 || numbers.count == 6, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw Problem.invalidParameter("bbox", "« \(text) » n'est pas une bbox : il faut 4 nombres séparés par des virgules. \(usage).")
        }
        let values = numbers.map { $0! }
        // Six numbers carry heights (minLon,minLat,minH,maxLon,maxLat,maxH): heights are ignored.
        let (minLon, minLat, maxLon, maxLat) = values.count == 4
            ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4])
        guard abs(minLon) <= 180, abs(maxLon) <= 180, abs(minLat) <= 90, abs(maxLat) <= 90 else {
            throw Problem.invalidParameter(
                "bbox", "La bbox « \(text) » sort du globe : longitudes entre -180 et 180, latitudes entre -90 et 90. \(usage).")
        }
        guard minLat <= maxLat else {
            throw Problem.invalidParameter("bbox", "Dans la bbox « \(text) », la latitude minimale dépasse la maximale. \(usage).")
        }
        guard minLon <= maxLon else {
            throw Problem.invalidParameter(
                "bbox", "Dans la bbox « \(text) », la longitude minimale dépasse la maximale (une bbox qui traverse l'antiméridien n'est pas prise en charge : faites deux requêtes). \(usage).")
        }
        return GeoBounds(minLongitude: minLon, minLatitude: minLat, maxLongitude: maxLon, maxLatitude: maxLat)
    }

    func near() throws(Problem) -> SpatialFilter? {
        let latitude = try number("lat"), longitude = try number("lon")
        let radius = try number("radius")
        let nearest = try integer(
            "nearest", minimum: 1, maximum: LieuQuery.maximumNearest, meaning: " (le nombre de lieux les plus proches)")
        guard latitude != nil || longitude != nil else {
            if radius != nil || nearest != nil {
                throw Problem.invalidParameter(
                    radius != nil ? "radius" : "nearest",
                    "« \(radius != nil ? "radius" : "nearest") » mesure à partir d'un point : ajoutez lat et lon (exemple : lat=49.25&lon=4.03&radius=5000).")
            }
            return nil
        }
        guard let latitude, let longitude else {
            let missing = latitude == nil ? "lat" : "lon"
            throw Problem.invalidParameter(missing, "lat et lon vont ensemble : ajoutez « \(missing) » (degrés WGS 84).")
        }
        guard let point = Coordinates(latitude: latitude, longitude: longitude) else {
            throw Problem.invalidParameter(
                abs(latitude) > 90 ? "lat" : "lon", "Le point (lat \(latitude), lon \(longitude)) sort du globe : latitude entre -90 et 90, longitude entre -180 et 180.")
        }
        switch (radius, nearest) {
        case (let radius?, nil):
            guard radius > 0, radius <= LieuQuery.maximumRadius else {
                throw Problem.invalidParameter(
                    "radius", "« radius » est une distance en mètres, plus grande que 0 et au plus \(Int(LieuQuery.maximumRadius)) (200 km) ; reçu « \(JSONValue.format(radius)) ».")
            }
            return .near(point, radius: radius)
        case (nil, let count?):
            return .nearest(point, count: count)
        case (nil, nil):
            throw Problem.invalidParameter(
                "lat", "Avec lat et lon, précisez radius (mètres, au plus 200 km) ou nearest (nombre de lieux, au plus \(LieuQuery.maximumNearest)).")
        case (_?, _?):
            throw Problem.invalidParameter("nearest", "radius et nearest ne se combinent pas : choisissez l'un des deux.")
        }
    }

    func within() throws(Problem) -> SpatialFilter? {
        guard let text = try text("within") else { return nil }
        guard let area = AreaReference(text) else {
            let kinds = AreaReference.Kind.allCases.map { "\($0.rawValue):CODE" }
            throw Problem.invalidParameter(
                "within", "« \(text) » ne désigne pas un territoire : écrivez commune:CODE_INSEE, departement:CODE ou region:CODE (exemple : within=departement:51).",
                allowed: kinds)
        }
        return .within(area)
    }

    // MARK: Filters

    func filters() throws(Problem) -> LieuFilters {
        var filters = LieuFilters()
        filters.services = try labels(Service.self)
        filters.publicsSpecifiquementAdresses = try labels(PublicSpecifiquementAdresse.self)
        filters.priseEnChargeSpecifique = try labels(PriseEnChargeSpecifique.self)
        filters.fraisACharge = try labels(FraisACharge.self)
        filters.itinerance = try labels(Itinerance.self)
        filters.modalitesAcces = try labels(ModaliteAcces.self)
        filters.modalitesAccompagnement = try labels(ModaliteAccompagnement.self)
        filters.dispositifProgrammesNationaux = try labels(DispositifProgrammeNational.self)
        filters.formationsLabels = try labels(FormationLabel.self)
        filters.typologies = try typologies()
        for text in try list("code_postal") {
            guard let code = CodePostal(rawValue: text) else {
                throw Problem.invalidParameter("code_postal", "« \(text) » n'est pas un code postal : cinq chiffres (51100).")
            }
            filters.codesPostaux.insert(code)
        }
        for text in try list("code_insee") {
            guard let code = CodeINSEE(rawValue: text) else {
                throw Problem.invalidParameter("code_insee", "« \(text) » n'est pas un code INSEE de commune : cinq caractères (51454, 2A004).")
            }
            filters.codesINSEE.insert(code)
        }
        for text in try list("departement") {
            guard let departement = Departement(code: text.uppercased()) else {
                throw Problem.invalidParameter(
                    "departement", "« \(text) » n'est pas un code de département (exemples : 01, 2A, 51, 974).",
                    allowed: Departement.all.map(\.code))
            }
            filters.departements.insert(departement.code)
        }
        filters.sources = Set(try list("source"))
        if let text = try text("date_maj_min") {
            guard let day = CalendarDate(iso: text) else {
                throw Problem.invalidParameter("date_maj_min", "« \(text) » n'est pas une date : écrivez AAAA-MM-JJ (2024-01-31).")
            }
            filters.dateMajMin = day
        }
        if let text = try text("q", atMost: 200, "Le texte cherché") { filters.text = text }
        return filters
    }

    /// The labels of a vocabulary field; case and accents may differ from the standard's.
    func labels<V: Vocabulary>(_ type: V.Type) throws(Problem) -> Set<V> {
        let name = V.field.rawValue
        var result = Set<V>()
        for text in try list(name) {
            if let value = V(rawValue: text) ?? V.allCases.first(where: { Self.fold($0.rawValue) == Self.fold(text) }) {
                result.insert(value)
            } else {
                throw Problem.valueOutsideVocabulary(name, value: text, allowed: V.labels)
            }
        }
        return result
    }

    func typologies() throws(Problem) -> Set<Typologie> {
        var result = Set<Typologie>()
        for text in try list(Lieu.Field.typologie.rawValue) {
            if let known = Typologie.known.first(where: { $0.rawValue == text })
                ?? Typologie.known.first(where: { $0.rawValue.uppercased() == text.uppercased() })
            {
                result.insert(known)
            } else {
                throw Problem.valueOutsideVocabulary("typologie", value: text, allowed: Typologie.known.map(\.rawValue))
            }
        }
        return result
    }

    /// Text compared without case nor accents.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmed(newlines: false)
    }

    // MARK: Time

    /// `ouvert=maintenant` or a local time of Paris (`2026-12-24T10:00`), or an instant with
    /// its offset (`2026-12-24T10:00+01:00`, `…Z`).
    func openAt(now: Date) throws(Problem) -> Date? {
        guard let text = try text("ouvert") else { return nil }
        if Self.fold(text) == "maintenant" { return now }
        guard let date = Self.parseLocalOrOffsetTime(text) else {
            throw Problem.invalidParameter(
                "ouvert", "« \(text) » n'est pas un instant : écrivez ouvert=maintenant ou ouvert=2026-12-24T10:00 (heure de Paris), éventuellement avec un décalage (+01:00, Z).")
        }
        return date
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` with an optional offset (`Z`, `+01:00`); Paris time without.
    static func parseLocalOrOffsetTime(_ text: String) -> Date? {
        let pattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        var components = DateComponents()
        components.year = Int(match.1)
        components.month = Int(match.2)
        components.day = Int(match.3)
        components.hour = Int(match.4)
        components.minute = Int(match.5)
        components.second = match.6.flatMap { Int($0) } ?? 0
        guard let day = CalendarDate(year: components.year!, month: components.month!, day: components.day!),
            day.year > 0, components.hour! < 24, components.minute! < 60, components.second! < 60
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        if let offset = match.7 {
            if offset == "Z" {
                calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            } else {
                let digits = offset.dropFirst().replacingOccurrences(of: ":", with: "")
                guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)), hours < 24, minutes < 60 else { return nil }
                let seconds = (hours * 3600 + minutes * 60) * (offset.first == "-" ? -1 : 1)
                calendar.timeZone = TimeZone(secondsFromGMT: seconds)!
            }
        } else {
            calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        }
        return calendar.date(from: components)
    }

    /// Checks `datetime` (RFC 3339 date, date-time, or interval with `/` and `..`).
    func checkDatetime() throws(Problem) {
        guard let text = try text("datetime") else { return }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let ok = parts.count <= 2 && parts.allSatisfy { part in
            (parts.count == 2 && (part == ".." || part.isEmpty)) || CalendarDate(iso: part) != nil
                || (try? Date.ISO8601FormatStyle().parse(part)) != nil
                || (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(part)) != nil
        } && !(parts.count == 2 && parts.allSatisfy { $0 == ".." || $0.isEmpty })
        guard ok else {
            throw Problem.invalidParameter(
                "datetime", "« \(text) » n'est pas une date ou un intervalle RFC 3339 (2024-01-31, 2024-01-31T10:00:00Z, 2024-01-01/.., ../2024-12-31).")
        }
    }

    // MARK: Coordinate reference systems

    /// The one CRS of the service: WGS 84 longitude, latitude (OGC API – Features Part 2).
    static let crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

    /// `crs` and `bbox-crs`, when given, must name CRS84 (as a URI, or `[OGC:CRS84]`).
    func checkCRS() throws(Problem) {
        for name in ItemsParameters.crsNames {
            guard let text = try text(name) else { continue }
            let accepted = [Self.crs84, "[OGC:CRS84]", "https://www.opengis.net/def/crs/OGC/1.3/CRS84"]
            guard accepted.contains(text) else {
                throw Problem.invalidParameter(
                    name, "Le système de coordonnées « \(text) » n'est pas proposé : seul \(Self.crs84) (WGS 84, longitude puis latitude) l'est.",
                    allowed: [Self.crs84])
            }
        }
    }

    // MARK: Order

    func sort(origin: Bool) throws(Problem) -> LieuSort {
        guard var text = try text("sortby") else { return origin ? .distance : .identifiant }
        if text.hasPrefix("+") { text.removeFirst() }
        guard let sort = LieuSort(rawValue: text) else {
            throw Problem.invalidParameter(
                "sortby", "« \(text) » n'est pas un ordre : nom, -nom, date_maj, -date_maj, distance ou id.",
                allowed: LieuSort.allCases.map(\.rawValue))
        }
        if sort == .distance && !origin {
            throw Problem.invalidParameter("sortby", "sortby=distance demande un point : ajoutez lat, lon et radius ou nearest.")
        }
        return sort
    }
}
