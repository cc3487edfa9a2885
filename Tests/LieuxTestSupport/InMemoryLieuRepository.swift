import Foundation
import LieuxModel
import OpeningHours
import Synchronization

/// A ``LieuRepository`` over venues held in memory, searched by brute force: the test double
/// of the SQLite store for the HTTP tests.
///
/// It answers as the store does: a nearby search sorts by distance (then source and id)
/// unless another order is asked; `nearest` keeps the K nearest then applies the order;
/// areas are polygons given to the initializer; text is matched word by word, each word a
/// prefix of a word of the name, address or commune, accents and case ignored.
/// ``replace(_:)`` changes the venues and the version, as an import does.
public final class InMemoryLieuRepository: LieuRepository, Sendable {
    private struct State {
        var lieux: [FoundLieu]
        var version: Int
    }

    private let state: Mutex<State>
    private let areas: [AreaReference: GeoPolygon]
    /// When set, every call throws it (a store that fails).
    private let failure: Mutex<(any Error & Sendable)?> = Mutex(nil)
    /// The communes' points and populations, for the coverage.
    private let communes: Mutex<[PopulationPoint]> = Mutex([])

    /// The venues, each with its import source, and the known areas with their polygons.
    public init(_ lieux: [FoundLieu], areas: [AreaReference: GeoPolygon] = [:]) {
        state = Mutex(State(lieux: lieux, version: 1))
        self.areas = areas
    }

    /// Replaces the venues; the version changes.
    public func replace(_ lieux: [FoundLieu]) {
        state.withLock {
            $0.lieux = lieux
            $0.version += 1
        }
    }

    /// Makes every later call throw `error` (`nil`: answer again).
    public func fail(with error: (any Error & Sendable)?) {
        failure.withLock { $0 = error }
    }

    private func snapshot() throws -> [FoundLieu] {
        if let error = failure.withLock({ $0 }) { throw error }
        return state.withLock { $0.lieux }
    }

    // MARK: LieuRepository

    public func search(_ query: LieuQuery) async throws -> LieuPage {
        let all = try matches(query)
        return LieuPage(lieux: Array(all.dropFirst(query.offset).prefix(query.limit)), numberMatched: all.count)
    }

    public func venues(_ query: LieuQuery) -> ItemStream<FoundLieu> {
        ItemStream.reading(name: "lieux-memoire") { [self] stream in
            for found in try matches(query) { try stream.send(found) }
        }
    }

    public func lieu(source: String, id: Lieu.ID) async throws -> FoundLieu? {
        try snapshot().first { $0.source == source && $0.lieu.id == id }
    }

    public func lieu(id: Lieu.ID) async throws -> FoundLieu? {
        try snapshot().filter { $0.lieu.id == id }.min { $0.source < $1.source }
    }

    public func version() async throws -> String {
        if let error = failure.withLock({ $0 }) { throw error }
        return String(state.withLock { $0.version })
    }

    public func doublons() async throws -> DoublonIndex {
        let fiches = try snapshot().map { DoublonFiche(ref: LieuRef(source: $0.source, id: $0.lieu.id.rawValue), lieu: $0.lieu) }
        return DoublonIndex(DoublonRecherche(fiches: fiches).resultat())
    }

    public func hasArea(_ area: AreaReference) async throws -> Bool {
        if let error = failure.withLock({ $0 }) { throw error }
        return areas[area] != nil
    }

    // MARK: Searching

    /// Every venue matching `query`, in its order, with distances for nearby searches.
    public func matches(_ query: LieuQuery) throws -> [FoundLieu] {
        var found: [FoundLieu] = []
        for candidate in try snapshot() where passes(candidate.lieu, source: candidate.source, query.filters) {
            var candidate = candidate
            candidate.distance = nil
            guard let kept = spatial(candidate, query.spatial) else { continue }
            if let instant = query.openAt, !Self.isOpen(kept.lieu.horaires, at: instant) { continue }
            found.append(kept)
        }
        found.sort(by: Self.identity)
        if case .nearest(_, let count) = query.spatial {
            found = Array(found.sorted(by: Self.byDistance).prefix(count))
        }
        switch query.sort {
        case .identifiant, .distance:
            if query.spatial.origin != nil { found.sort(by: Self.byDistance) }
        case .nom, .nomDescendant, .dateMaj, .dateMajDescendant:
            found = found.sorted(by: query.sort)
        }
        return found
    }

    private static func identity(_ a: FoundLieu, _ b: FoundLieu) -> Bool {
        (a.source, a.lieu.id) < (b.source, b.lieu.id)
    }

    private static func byDistance(_ a: FoundLieu, _ b: FoundLieu) -> Bool {
        let da = a.distance ?? .infinity, db = b.distance ?? .infinity
        return da != db ? da < db : identity(a, b)
    }

    /// The venue if it lies in the spatial filter, with its distance when there is an origin.
    private func spatial(_ found: FoundLieu, _ filter: SpatialFilter) -> FoundLieu? {
        switch filter {
        case .everywhere:
            return found
        case .bbox(let box):
            guard let point = found.lieu.coordinates, box.contains(latitude: point.latitude, longitude: point.longitude) else { return nil }
            return found
        case .near(let origin, let radius):
            guard let point = found.lieu.coordinates else { return nil }
            let distance = origin.distance(to: point)
            guard distance <= radius else { return nil }
            var result = found
            result.distance = distance
            return result
        case .nearest(let origin, _):
            guard let point = found.lieu.coordinates else { return nil }
            var result = found
            result.distance = origin.distance(to: point)
            return result
        case .within(let area):
            guard let polygon = areas[area], let point = found.lieu.coordinates,
                polygon.contains(latitude: point.latitude, longitude: point.longitude)
            else { return nil }
            return found
        case .polygon(let polygon):
            guard let point = found.lieu.coordinates, polygon.contains(latitude: point.latitude, longitude: point.longitude) else { return nil }
            return found
        }
    }

    private func passes(_ lieu: Lieu, source: String, _ filters: LieuFilters) -> Bool {
        func any<V>(_ wanted: Set<V>, _ values: MultiValue<V>) -> Bool { wanted.isEmpty || values.contains { wanted.contains($0) } }
        guard any(filters.services, lieu.services),
            any(filters.publicsSpecifiquementAdresses, lieu.publicsSpecifiquementAdresses),
            any(filters.priseEnChargeSpecifique, lieu.priseEnChargeSpecifique),
            any(filters.fraisACharge, lieu.fraisACharge),
            any(filters.itinerance, lieu.itinerance),
            any(filters.modalitesAcces, lieu.modalitesAcces),
            any(filters.modalitesAccompagnement, lieu.modalitesAccompagnement),
            any(filters.dispositifProgrammesNationaux, lieu.dispositifProgrammesNationaux),
            any(filters.formationsLabels, lieu.formationsLabels),
            any(filters.typologies, lieu.typologies)
        else { return false }
        if !filters.codesPostaux.isEmpty && !filters.codesPostaux.contains(lieu.codePostal) { return false }
        if !filters.codesINSEE.isEmpty && !(lieu.codeINSEE.map { filters.codesINSEE.contains($0) } ?? false) { return false }
        if !filters.departements.isEmpty {
            let departement = lieu.codeINSEE?.departement?.code ?? lieu.codePostal.departements.first?.code
            guard let departement, filters.departements.contains(departement) else { return false }
        }
        if !filters.sources.isEmpty && !filters.sources.contains(source) { return false }
        if let day = filters.dateMajMin, lieu.dateMaj < day { return false }
        if let text = filters.text, !Self.matchesText(text, lieu) { return false }
        return true
    }

    /// Every word of `text` starts a word of the name, address or commune (accents and case ignored).
    static func matchesText(_ text: String, _ lieu: Lieu) -> Bool {
        let wanted = words(text)
        guard !wanted.isEmpty else { return true }
        let available = words([lieu.nom, lieu.adresse, lieu.commune].joined(separator: " "))
        return wanted.allSatisfy { word in available.contains { $0.hasPrefix(word) } }
    }

    static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    static func isOpen(_ horaires: String?, at instant: Date) -> Bool {
        guard let horaires, let hours = try? OpeningHours(parsing: horaires) else { return false }
        return hours.state(at: instant) == .open
    }
}

extension InMemoryLieuRepository {
    /// Counts by territory over every match, venue by venue.
    public func aggregate(_ query: LieuQuery, by level: AreaReference.Kind) async throws -> Aggregate {
        var tally = AggregateTally(level: level)
        for found in try matches(query) {
            let lieu = found.lieu
            tally.add(
                departement: lieu.codeINSEE?.departement?.code ?? lieu.codePostal.departements.first?.code,
                codeINSEE: lieu.codeINSEE?.rawValue, commune: lieu.commune, coordinates: lieu.coordinates)
        }
        return tally.result()
    }

    /// Cells over every placed match, venue by venue.
    public func clusters(_ query: LieuQuery, grid: ClusterGrid) async throws -> LieuClusters {
        var tally = ClusterTally<FoundLieu>(grid: grid)
        for found in try matches(query) {
            guard let point = found.lieu.coordinates else { continue }
            tally.add(longitude: point.longitude, latitude: point.latitude, found)
        }
        return tally.result { LieuCluster.Member(source: $0.source, id: $0.lieu.id, nom: $0.lieu.nom) }
    }

    /// Sets the communes' points and populations the coverage is computed over.
    public func setCommunes(_ points: [PopulationPoint]) {
        communes.withLock { $0 = points }
    }

    /// The coverage of the communes by the placed matches.
    public func couverture(_ query: LieuQuery, options: CouvertureOptions) async throws -> Couverture {
        let points = communes.withLock { $0 }
        return CouvertureCalcul.couverture(
            points: points, kind: points.isEmpty ? .aucun : .communes, venues: try matches(query).compactMap(\.lieu.coordinates), communes: points, options: options)
    }

    public func couvertureCommunes(_ query: LieuQuery, territoire: AreaReference?) async throws -> [CommuneDistance] {
        CouvertureCalcul.communeDistances(
            communes.withLock { $0 }, venues: try matches(query).compactMap(\.lieu.coordinates), territoire: territoire)
    }
}
