import Foundation

/// The search for duplicates among venues of any sources.
///
/// 1. **Candidates**: pairs within 300 m (a grid of 300 m cells on the sphere, then the
///    great-circle distance; the 32 nearest where more are that close), pairs that share a real SIRET, a phone number, an e-mail address
///    or a website (unless it is given at many places: a network's), the same numbered address
///    in one postal code, and pairs whose names share a
///    word in the same commune (the commune's name and département, so that a missing
///    `code_insee` loses nothing).
/// 2. **Evidence and decision** for each pair (``DoublonPreuves``); a person's decision
///    (``DoublonRecherche/init(fiches:decisions:)``) overrides it.
/// 3. **Groups** from the `meme` pairs, the strongest first. Two groups join only when no pair
///    across them is `different`, nor `incertain` for being more than 500 m apart at two
///    addresses (every pair across is evaluated, candidate or not): a group never holds two
///    venues decided different, and a chain A–B–C where A and C are far apart or name
///    different services stays apart.
public struct DoublonRecherche: Sendable {
    public let fiches: [DoublonFiche]
    let decisions: [DoublonCle: DoublonDecision]
    let keyCounts: [String: Int]

    /// Where more venues than this are within 300 m of one, it is paired in space with this
    /// many of the nearest (and, as everywhere, with those that share a contact, its numbered
    /// address or a word of its name in its commune). No real file comes near it (in the store of
    /// the ANCT and producers' files, 7,702 venues, the most has 25 within 300 m), but a
    /// million venues drawn in proportion to the population put up to 1,900 within 300 m of
    /// one in Paris, and every pair of them would be compared.
    static let nearestInDenseSpots = 32

    /// Cells of the spatial grid: 300 m in latitude.
    static let radius = 300.0
    static let cellDegrees = radius / 111_195

    public init(fiches: [DoublonFiche], decisions: [DoublonCle: DoublonDecision] = [:]) {
        self.fiches = fiches
        self.decisions = decisions
        // A contact is a network's when it is given at many places, not by many records: one
        // venue listed by several sources stays one place.
        var places: [String: Set<String>] = [:]
        for fiche in fiches {
            for key in Self.contactKeys(fiche) { places[key, default: []].insert(Self.placeKey(fiche)) }
        }
        keyCounts = places.mapValues(\.count)
    }

    /// Where a record is, to count places: its position to about 200 m, else its commune and address.
    static func placeKey(_ fiche: DoublonFiche) -> String {
        if let c = fiche.coordinates { return "\((c.latitude / 0.002).rounded()),\((c.longitude / 0.003).rounded())" }
        return fiche.communeCle + "|" + addressKey(fiche)
    }

    /// A numbered address as a key (number and street's name), `""` without a number.
    static func addressKey(_ fiche: DoublonFiche) -> String {
        guard let numero = fiche.analyseAdresse.numero, !fiche.analyseAdresse.nomDeVoie.isEmpty else { return "" }
        return numero + " " + fiche.analyseAdresse.nomDeVoie.joined(separator: " ")
    }

    static func contactKeys(_ fiche: DoublonFiche) -> [String] {
        var keys = (fiche.telephone.map { $0.isEmpty ? [] : ["t:" + $0] } ?? [])
        keys += Set(fiche.courriels).map { "c:" + $0 }
        keys += Set(fiche.sites).map { "w:" + $0 }
        if let siret = fiche.siret { keys.append("s:" + siret) }
        return keys
    }

    /// The evidence about fiches `i` and `j`.
    public func preuves(_ i: Int, _ j: Int) -> DoublonPreuves {
        DoublonPreuves(fiches[i], fiches[j], shared: { (keyCounts[$0] ?? 0) >= DoublonPreuves.sharedContactCount })
    }

    // MARK: Candidates

    /// Every candidate pair, `i < j`, once.
    public func candidats() -> [(Int, Int)] {
        var pairs = Set<UInt64>()
        func add(_ i: Int, _ j: Int) {
            guard i != j else { return }
            pairs.insert(UInt64(min(i, j)) << 32 | UInt64(max(i, j)))
        }
        // Close in space.
        var cells: [Int64: [Int]] = [:]
        for (index, fiche) in fiches.enumerated() {
            guard let c = fiche.coordinates else { continue }
            cells[Self.cell(c), default: []].append(index)
        }
        var near: [(distance: Double, index: Int)] = []
        for (index, fiche) in fiches.enumerated() {
            guard let c = fiche.coordinates else { continue }
            near.removeAll(keepingCapacity: true)
            for key in Self.neighbourCells(c) {
                for other in cells[key] ?? [] where other != index {
                    if let d = fiches[other].coordinates {
                        let distance = c.distance(to: d)
                        if distance <= Self.radius { near.append((distance, other)) }
                    }
                }
            }
            // Where venues are dense, the nearest only: the number of pairs stays linear in
            // the number of venues (see ``nearestInDenseSpots``).
            if near.count > Self.nearestInDenseSpots {
                near.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
                near.removeSubrange(Self.nearestInDenseSpots...)
            }
            for (_, other) in near { add(index, other) }
        }
        // The same identifier or contact, when few venues share it.
        var byKey: [String: [Int]] = [:]
        for (index, fiche) in fiches.enumerated() {
            for key in Self.contactKeys(fiche) where (keyCounts[key] ?? 0) < DoublonPreuves.sharedContactCount {
                byKey[key, default: []].append(index)
            }
        }
        for members in byKey.values where members.count > 1 {
            for a in members.indices { for b in members.indices where b > a { add(members[a], members[b]) } }
        }
        // The same numbered address in the same postal code (the commune may be written
        // otherwise: « Rivières », « La Rochefoucauld-en-Angoumois »).
        var byAddress: [String: [Int]] = [:]
        for (index, fiche) in fiches.enumerated() {
            let address = Self.addressKey(fiche)
            if !address.isEmpty { byAddress[fiche.codePostal + " " + address, default: []].append(index) }
        }
        for members in byAddress.values where members.count > 1 && members.count <= 50 {
            for a in members.indices { for b in members.indices where b > a { add(members[a], members[b]) } }
        }
        // A word of the name in common, in the same commune (rare words only: a word that
        // half the commune's venues have says nothing).
        var byCommune: [String: [Int]] = [:]
        for (index, fiche) in fiches.enumerated() { byCommune[fiche.communeCle, default: []].append(index) }
        for members in byCommune.values where members.count > 1 {
            var byWord: [String: [Int]] = [:]
            for index in members {
                for word in Set(fiches[index].analyseNom.mots) where word.utf8.count > 2 { byWord[word, default: []].append(index) }
            }
            for (_, sharing) in byWord where sharing.count > 1 && sharing.count <= 50 {
                for a in sharing.indices { for b in sharing.indices where b > a { add(sharing[a], sharing[b]) } }
            }
        }
        return pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }

    static func cell(_ c: Coordinates) -> Int64 {
        let row = Int64((c.latitude / cellDegrees).rounded(.down))
        return row << 32 | Int64(UInt32(bitPattern: Int32(column(c.longitude, row: row))))
    }

    /// The column of a longitude in `row`: cells as wide in metres as they are high.
    static func column(_ longitude: Double, row: Int64) -> Int {
        let latitude = (Double(row) + 0.5) * cellDegrees
        let width = cellDegrees / max(0.01, cos(latitude * .pi / 180))
        return Int((longitude / width).rounded(.down))
    }

    static func neighbourCells(_ c: Coordinates) -> [Int64] {
        let row = Int64((c.latitude / cellDegrees).rounded(.down))
        var keys: [Int64] = []
        for r in (row - 1)...(row + 1) {
            let column = column(c.longitude, row: r)
            for k in (column - 1)...(column + 1) { keys.append(r << 32 | Int64(UInt32(bitPattern: Int32(k)))) }
        }
        return keys
    }

    // MARK: Decisions and groups

    /// The candidate pairs with their evidence and final decision, and the groups.
    ///
    /// `toutes`: also every pair compared, in ``DoublonResultat/paires`` (otherwise only
    /// counted: the pairs decided different are not kept, the search stays light).
    public func resultat(source: String? = nil, toutes: Bool = false) -> DoublonResultat {
        // Pairs by their records' positions (i < j, packed): no string is hashed in the loops.
        func key(_ i: Int, _ j: Int) -> UInt64 { UInt64(min(i, j)) << 32 | UInt64(max(i, j)) }
        let index = Dictionary(fiches.enumerated().map { ($1.ref, $0) }, uniquingKeysWith: { first, _ in first })
        var personal: [UInt64: DoublonDecision] = [:]
        for (cle, decision) in decisions {
            if let i = index[cle.a], let j = index[cle.b] { personal[key(i, j)] = decision }
        }
        var kept: [UInt64: DoublonPaire] = [:]
        var decided: [UInt64: DoublonDecision] = [:]
        func pair(_ i: Int, _ j: Int) -> DoublonPaire {
            let k = key(i, j)
            if let known = kept[k] { return known }
            let (x, y) = fiches[i].ref < fiches[j].ref ? (i, j) : (j, i)
            let evidence = preuves(x, y)
            let person = personal[k]
            return DoublonPaire(a: fiches[x].ref, b: fiches[y].ref, preuves: evidence, decision: person ?? evidence.decision, parUnePersonne: person != nil)
        }
        func decision(_ i: Int, _ j: Int) -> DoublonDecision {
            let k = key(i, j)
            if let known = decided[k] { return known }
            let found = pair(i, j)
            decided[k] = found.decision
            if found.decision != .different { kept[k] = found }
            return found.decision
        }
        // What keeps two groups apart: a pair across them decided different, or left
        // uncertain only for being more than 500 m apart at two addresses (a chain of « meme »
        // pairs 400 m long each does not make one venue of records 2 km apart).
        func keepsApart(_ i: Int, _ j: Int) -> Bool {
            switch decision(i, j) {
            case .different: return true
            case .meme: return false
            case .incertain:
                guard let found = kept[key(i, j)], let distance = found.preuves.distance else { return false }
                return distance > 500 && !found.preuves.memeAdresse
            }
        }
        var candidates = candidats()
        // A pair a person decided « meme » is a candidate whatever its evidence.
        let known = Set(candidates.map { key($0.0, $0.1) })
        for (k, value) in personal where value == .meme && !known.contains(k) { candidates.append((Int(k >> 32), Int(k & 0xFFFF_FFFF))) }
        var compared: [DoublonPaire] = []
        for (i, j) in candidates {
            _ = decision(i, j)
            if toutes { compared.append(pair(i, j)) }
        }
        // Groups: the strongest « meme » pairs first; two groups join only when no pair across
        // them is « different ».
        var groupOf = Array(fiches.indices)
        var members = fiches.indices.map { [$0] }
        let meme = candidates.compactMap { kept[key($0.0, $0.1)] }.filter { $0.decision == .meme }
            .sorted { ($0.parUnePersonne ? 1 : 0, $0.preuves.score, $1.a, $1.b) > ($1.parUnePersonne ? 1 : 0, $1.preuves.score, $0.a, $0.b) }
        for candidate in meme {
            guard let i = index[candidate.a], let j = index[candidate.b] else { continue }
            let (gi, gj) = (groupOf[i], groupOf[j])
            guard gi != gj else { continue }
            let compatible = members[gi].allSatisfy { x in members[gj].allSatisfy { y in !keepsApart(x, y) } }
            guard compatible else { continue }
            let (keepGroup, drop) = members[gi].count >= members[gj].count ? (gi, gj) : (gj, gi)
            for m in members[drop] { groupOf[m] = keepGroup }
            members[keepGroup] += members[drop]
            members[drop] = []
        }
        var groupes: [DoublonGroupe] = []
        for group in members where group.count > 1 {
            let refs = group.map { fiches[$0].ref }.sorted()
            guard source == nil || refs.contains(where: { $0.source == source }) else { continue }
            let sortedMembers = group.sorted { fiches[$0].ref < fiches[$1].ref }
            var pairs: [DoublonPaire] = []
            for a in sortedMembers.indices { for b in sortedMembers.indices where b > a { pairs.append(pair(sortedMembers[a], sortedMembers[b])) } }
            groupes.append(DoublonGroupe(id: refs[0].description, membres: refs, paires: pairs))
        }
        groupes.sort { $0.id < $1.id }
        let incertains = candidates.compactMap { (i, j) -> DoublonPaire? in
            guard let found = kept[key(i, j)], found.decision == .incertain, groupOf[i] != groupOf[j] else { return nil }
            return source == nil || found.a.source == source || found.b.source == source ? found : nil
        }.sorted { ($0.preuves.score, $1.a, $1.b) > ($1.preuves.score, $0.a, $0.b) }
        let touching = candidates.filter { source == nil || fiches[$0.0].ref.source == source || fiches[$0.1].ref.source == source }
        return DoublonResultat(
            groupes: groupes, incertains: incertains,
            paires: compared.filter { source == nil || $0.a.source == source || $0.b.source == source }.sorted { ($0.a, $0.b) < ($1.a, $1.b) },
            comparees: touching.count)
    }
}

/// Two venues, in order: the key of a pair and of a person's decision.
public struct DoublonCle: Hashable, Sendable {
    public let a: LieuRef
    public let b: LieuRef

    public init(_ x: LieuRef, _ y: LieuRef) {
        (a, b) = x < y ? (x, y) : (y, x)
    }
}

/// A pair of records with its evidence and its decision (a person's when there is one).
public struct DoublonPaire: Sendable, Hashable {
    public let a: LieuRef
    public let b: LieuRef
    public let preuves: DoublonPreuves
    public let decision: DoublonDecision
    public let parUnePersonne: Bool
}

/// Venues that are one: the members (their `source:id`, the smallest is the group's id) and
/// every pair among them with its evidence.
public struct DoublonGroupe: Sendable, Hashable {
    public let id: String
    public let membres: [LieuRef]
    public let paires: [DoublonPaire]
}

/// The groups, the uncertain pairs left for a person, and every pair compared (the
/// candidates, whatever their decision).
public struct DoublonResultat: Sendable {
    public var groupes: [DoublonGroupe]
    public var incertains: [DoublonPaire]
    /// Every pair compared, when asked for (``DoublonRecherche/resultat(source:toutes:)``).
    public var paires: [DoublonPaire]
    /// How many pairs were compared.
    public var comparees: Int

    public init(groupes: [DoublonGroupe], incertains: [DoublonPaire], paires: [DoublonPaire], comparees: Int) {
        self.groupes = groupes
        self.incertains = incertains
        self.paires = paires
        self.comparees = comparees
    }
}
