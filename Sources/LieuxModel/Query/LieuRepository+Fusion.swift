/// The merged view of a repository (`doublons=fusionner`): one venue per group of duplicates.
///
/// A merged venue matches a query when one of its records does (so a filter on a value that
/// only one record has finds it, as it finds the union of the records' values); it takes the
/// place of its first record in the query's order (the nearest for a distance order), and
/// the name and date orders are applied again to the merged records. `numberMatched` counts
/// merged venues.
extension LieuRepository {
    /// Every merged venue matching `query` (its page ignored), in order.
    public func mergedMatches(_ query: LieuQuery, today: CalendarDate) async throws -> [LieuFusionne] {
        let index = try await doublons()
        guard case .nearest(let point, let count) = query.spatial else {
            return try await merge(try await records(query), index: index, today: today, order: query.sort)
        }
        // The K nearest venues once merged may need more than K records.
        var wanted = query
        var asked = count
        while true {
            wanted.spatial = .nearest(point, count: asked)
            let found = try await records(wanted)
            let merged = try await merge(found, index: index, today: today, order: query.sort)
            if merged.count >= count || found.count < asked || asked >= 64 * max(1, count) { return Array(merged.prefix(count)) }
            asked *= 2
        }
    }

    /// A page of the merged view.
    public func mergedPage(_ query: LieuQuery, today: CalendarDate) async throws -> (page: [LieuFusionne], numberMatched: Int) {
        let all = try await mergedMatches(query, today: today)
        return (Array(all.dropFirst(query.offset).prefix(query.limit)), all.count)
    }

    /// The merged venues matching `query` counted by territory of `level`.
    public func mergedAggregate(_ query: LieuQuery, by level: AreaReference.Kind, today: CalendarDate) async throws -> Aggregate {
        var tally = AggregateTally(level: level)
        for merged in try await mergedMatches(query, today: today) {
            let lieu = merged.found.lieu
            tally.add(
                departement: lieu.codeINSEE?.departement?.code ?? lieu.codePostal.departements.first?.code,
                codeINSEE: lieu.codeINSEE?.rawValue, commune: lieu.commune, coordinates: lieu.coordinates)
        }
        return tally.result()
    }

    private func records(_ query: LieuQuery) async throws -> [FoundLieu] {
        let stream = venues(query)
        var found: [FoundLieu] = []
        do {
            while let batch = try await stream.next() { found += batch }
        } catch {
            stream.cancel()
            throw error
        }
        return found
    }

    private func merge(_ records: [FoundLieu], index: DoublonIndex, today: CalendarDate, order: LieuSort) async throws -> [LieuFusionne] {
        var seen = Set<String>()
        var merged: [LieuFusionne] = []
        for record in records {
            let ref = LieuRef(source: record.source, id: record.lieu.id.rawValue)
            guard let groupe = index.groupe(of: ref) else {
                merged.append(DoublonFusion.fusionner([record], today: today).map { LieuFusionne(found: $0.lieu, membres: [ref], provenance: $0.provenance) }!)
                continue
            }
            guard seen.insert(groupe.id).inserted else { continue }
            var membres: [FoundLieu] = [record]
            for other in groupe.membres where other != ref {
                guard let id = Lieu.ID(rawValue: other.id), var found = try await lieu(source: other.source, id: id) else { continue }
                found.distance = nil
                membres.append(found)
            }
            if let result = DoublonFusion.fusionner(membres, today: today) {
                var found = result.lieu
                found.distance = record.distance
                merged.append(LieuFusionne(found: found, membres: groupe.membres, provenance: result.provenance))
            }
        }
        // The name and date orders, on the merged records.
        let sorted = merged.map(\.found).sorted(by: order)
        guard sorted != merged.map(\.found) else { return merged }
        var byKey: [LieuRef: LieuFusionne] = [:]
        for venue in merged { byKey[LieuRef(source: venue.found.source, id: venue.found.lieu.id.rawValue)] = venue }
        return sorted.compactMap { byKey[LieuRef(source: $0.source, id: $0.lieu.id.rawValue)] }
    }
}
