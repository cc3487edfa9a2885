/// One venue from the records of a group of duplicates, field by field, with the record that
/// gave each field.
///
/// The rules, in order:
/// - the **best record** (highest ``Lieu/qualite(today:)``, then the freshest `date_maj`, then
///   the smallest `source:id`) gives the id and every single-valued field it has;
/// - a single-valued field it lacks comes from the freshest record that has it;
/// - `pivot`: a real SIRET (``DoublonFiche``) over a placeholder;
/// - the position: the most precise (the most decimals), then the freshest;
/// - multi-valued fields (services, publics, typologies, contacts…): the union, in the best
///   record's order then the others';
/// - `date_maj`: the freshest.
public enum DoublonFusion {
    /// The merged venue, and for each field the records that gave it.
    public static func fusionner(_ membres: [FoundLieu], today: CalendarDate) -> (lieu: FoundLieu, provenance: [Lieu.Field: [LieuRef]])? {
        guard let first = membres.first else { return nil }
        guard membres.count > 1 else {
            let ref = LieuRef(source: first.source, id: first.lieu.id.rawValue)
            return (first, Dictionary(uniqueKeysWithValues: Lieu.Field.allCases.compactMap { first.lieu.text($0) == nil ? nil : ($0, [ref]) }))
        }
        func ref(_ found: FoundLieu) -> LieuRef { LieuRef(source: found.source, id: found.lieu.id.rawValue) }
        // Best first, then the freshest.
        let ordered = membres.sorted { a, b in
            let (qa, qb) = (a.lieu.qualite(today: today), b.lieu.qualite(today: today))
            if qa != qb { return qa > qb }
            if a.lieu.dateMaj != b.lieu.dateMaj { return a.lieu.dateMaj > b.lieu.dateMaj }
            return ref(a) < ref(b)
        }
        let best = ordered[0]
        let freshest = [best] + ordered.dropFirst().sorted { a, b in
            a.lieu.dateMaj != b.lieu.dateMaj ? a.lieu.dateMaj > b.lieu.dateMaj : ref(a) < ref(b)
        }
        var texts: [Lieu.Field: String] = [:]
        var provenance: [Lieu.Field: [LieuRef]] = [:]
        for field in Lieu.Field.allCases {
            switch field {
            case .latitude, .longitude:
                continue
            case .id:
                texts[field] = best.lieu.id.rawValue
                provenance[field] = [ref(best)]
            case .dateMaj:
                let newest = ordered.max { $0.lieu.dateMaj < $1.lieu.dateMaj }!
                texts[field] = newest.lieu.dateMaj.description
                provenance[field] = [ref(newest)]
            case .pivot:
                let real = freshest.first { DoublonFiche.realSIRET($0.lieu.pivot.rawValue) != nil } ?? best
                texts[field] = real.lieu.pivot.rawValue
                provenance[field] = [ref(real)]
            case _ where field.isMultiValued:
                var values: [String] = []
                var givers: [LieuRef] = []
                for member in ordered {
                    let own = (member.lieu.text(field) ?? "").split(separator: "|").map(String.init)
                    let new = own.filter { !values.contains($0) }
                    if !new.isEmpty { givers.append(ref(member)) }
                    values += new
                }
                if !values.isEmpty {
                    texts[field] = values.joined(separator: "|")
                    provenance[field] = givers
                }
            default:
                if let giver = freshest.first(where: { $0.lieu.text(field) != nil }) {
                    texts[field] = giver.lieu.text(field)
                    provenance[field] = [ref(giver)]
                }
            }
        }
        let placed = freshest.filter { $0.lieu.coordinates != nil }
        if let precise = placed.max(by: { precision($0.lieu) < precision($1.lieu) }) {
            texts[.latitude] = precise.lieu.text(.latitude)
            texts[.longitude] = precise.lieu.text(.longitude)
            provenance[.latitude] = [ref(precise)]
            provenance[.longitude] = [ref(precise)]
        }
        guard var merged = try? Lieu(text: { texts[$0] }) else { return (best, [:]) }
        // Values the text form cannot carry (an address kept verbatim) stay the best record's.
        if merged.coordinates == nil { merged.coordinates = best.lieu.coordinates }
        let distance = membres.compactMap(\.distance).min()
        return (FoundLieu(lieu: merged, source: best.source, distance: distance), provenance)
    }

    /// The decimals of the least precise coordinate: `45.6813` has 4. (The first record wins
    /// a tie: the caller lists the freshest first.)
    static func precision(_ lieu: Lieu) -> Int {
        guard let c = lieu.coordinates else { return -1 }
        func decimals(_ value: Double) -> Int {
            let text = Lieu.format(value)
            guard let dot = text.firstIndex(of: ".") else { return 0 }
            return text.distance(from: dot, to: text.endIndex) - 1
        }
        return min(decimals(c.latitude), decimals(c.longitude))
    }
}
