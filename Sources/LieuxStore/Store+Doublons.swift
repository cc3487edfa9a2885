import Foundation
import GRDB
import LieuxModel

extension Store {
    /// The duplicates among the stored venues (see ``DoublonRecherche``), with the decisions
    /// people recorded; `source`: only the groups and pairs that involve it.
    /// `toutes`: also every pair compared (see ``DoublonRecherche/resultat(source:toutes:)``).
    public func doublons(source: String? = nil, toutes: Bool = false) throws(StoreError) -> (recherche: DoublonRecherche, resultat: DoublonResultat) {
        if let source {
            let known = try read { db in try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM source WHERE name = ?", arguments: [source])! }
            guard known else {
                throw StoreError(code: .unknownSource, message: "La source « \(source) » n'existe pas : `lieux stats` liste les sources.")
            }
        }
        var fiches: [DoublonFiche] = []
        do {
            try forEachLieu { lieu, source in fiches.append(DoublonFiche(ref: LieuRef(source: source, id: lieu.id.rawValue), lieu: lieu)) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .sql, message: "Les lieux n'ont pas pu être lus.", cause: error)
        }
        let recherche = DoublonRecherche(fiches: fiches, decisions: try doublonDecisions())
        return (recherche, recherche.resultat(source: source, toutes: toutes))
    }

    /// The duplicates of the current data version, computed once per version (a decision
    /// changes the version).
    public func doublons() async throws -> DoublonIndex {
        let version = try read { db in try Self.dataVersion(db) }
        if let cached = doublonCache.withLock({ $0 }), cached.version == version { return cached.index }
        let index = DoublonIndex(try doublons(source: nil).resultat)
        doublonCache.withLock { $0 = (version, index) }
        return index
    }

    /// The decisions people recorded, by pair.
    public func doublonDecisions() throws(StoreError) -> [DoublonCle: DoublonDecision] {
        try read { db in
            var decisions: [DoublonCle: DoublonDecision] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source_a, id_a, source_b, id_b, decision FROM doublon_decision") {
                guard let decision = DoublonDecision(rawValue: row["decision"]) else { continue }
                decisions[DoublonCle(LieuRef(source: row["source_a"], id: row["id_a"]), LieuRef(source: row["source_b"], id: row["id_b"]))] = decision
            }
            return decisions
        }
    }

    /// Records that `a` and `b` are one venue (`meme`) or two (`different`), replacing an
    /// earlier decision about them. Both must be stored venues: a typo would otherwise record a
    /// decision about nothing.
    public func decideDoublon(_ a: LieuRef, _ b: LieuRef, decision: DoublonDecision, auteur: String?) throws(StoreError) {
        guard decision != .incertain else {
            throw StoreError(code: .invalidValue, message: "Une décision est « meme » ou « different ».")
        }
        let key = DoublonCle(a, b)
        guard key.a != key.b else {
            throw StoreError(code: .unknownVenue, message: "« \(a) » est le même lieu que lui-même : donnez deux lieux différents.")
        }
        do {
            try pool.write { db in
                for ref in [key.a, key.b] {
                    let exists = try Bool.fetchOne(
                        db, sql: "SELECT count(*) > 0 FROM lieu JOIN source ON source.id = lieu.source_id WHERE source.name = ? AND lieu.id = ?",
                        arguments: [ref.source, ref.id])!
                    guard exists else {
                        throw StoreError(
                            code: .unknownVenue, message: "Le lieu « \(ref) » n'existe pas : écrivez SOURCE:ID (par exemple « hub-sud:mairie-12 »).")
                    }
                }
                try db.execute(
                    sql: """
                        INSERT INTO doublon_decision (source_a, id_a, source_b, id_b, decision, decided_at, auteur) VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source_a, id_a, source_b, id_b) DO UPDATE SET decision = excluded.decision,
                            decided_at = excluded.decided_at, auteur = excluded.auteur
                        """,
                    arguments: [key.a.source, key.a.id, key.b.source, key.b.id, decision.rawValue, History.now(), auteur])
                try Self.bumpVersion(db)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("La décision n'a pas pu être enregistrée.", cause: error)
        }
    }
}

extension Store {
    /// Every venue of the merged view (one per group of duplicates), from a blocking read:
    /// venues without duplicates as they are read, then the merged groups. With `source`, the
    /// venues of that source and the groups that hold one of them.
    public func forEachMerged(source: String? = nil, today: CalendarDate, _ body: (LieuFusionne) throws -> Void) throws {
        let index = DoublonIndex(try doublons(source: nil).resultat)
        var groups: [String: [FoundLieu]] = [:]
        var wanted = Set<String>()
        try forEachLieu { lieu, name in
            let ref = LieuRef(source: name, id: lieu.id.rawValue)
            if let groupe = index.groupe(of: ref) {
                groups[groupe.id, default: []].append(FoundLieu(lieu: lieu, source: name))
                if source == nil || name == source { wanted.insert(groupe.id) }
            } else if source == nil || name == source, let merged = DoublonFusion.fusionner([FoundLieu(lieu: lieu, source: name)], today: today) {
                try body(LieuFusionne(found: merged.lieu, membres: [ref], provenance: merged.provenance))
            }
        }
        for groupe in index.resultat.groupes where wanted.contains(groupe.id) {
            guard let members = groups[groupe.id], let merged = DoublonFusion.fusionner(members, today: today) else { continue }
            try body(LieuFusionne(found: merged.lieu, membres: groupe.membres, provenance: merged.provenance))
        }
    }
}
