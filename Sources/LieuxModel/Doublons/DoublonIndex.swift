/// The duplicates of a data version, looked up by venue: which group a record belongs to.
public struct DoublonIndex: Sendable {
    public let resultat: DoublonResultat
    private let groupOf: [LieuRef: Int]

    public init(_ resultat: DoublonResultat) {
        self.resultat = resultat
        var groupOf: [LieuRef: Int] = [:]
        for (index, groupe) in resultat.groupes.enumerated() {
            for membre in groupe.membres { groupOf[membre] = index }
        }
        self.groupOf = groupOf
    }

    /// The group of `ref`; `nil` when it is alone.
    public func groupe(of ref: LieuRef) -> DoublonGroupe? {
        groupOf[ref].map { resultat.groupes[$0] }
    }

    /// The uncertain pairs that involve `ref`.
    public func incertains(of ref: LieuRef) -> [DoublonPaire] {
        resultat.incertains.filter { $0.a == ref || $0.b == ref }
    }
}

/// A venue of the merged view: the merged record, the records it merges (one when the venue
/// has no duplicate) and, for each field, the records that gave it.
public struct LieuFusionne: Sendable {
    public var found: FoundLieu
    public var membres: [LieuRef]
    public var provenance: [Lieu.Field: [LieuRef]]

    public init(found: FoundLieu, membres: [LieuRef], provenance: [Lieu.Field: [LieuRef]]) {
        self.found = found
        self.membres = membres
        self.provenance = provenance
    }
}
