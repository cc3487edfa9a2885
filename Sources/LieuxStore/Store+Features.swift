import Foundation
import GRDB
import LieuxExport
import LieuxModel

/// Pages and exports as bytes: each venue's feature is written at import (``LieuWriter``)
/// and copied as it is (see ``EncodedFeature``).
extension Store: FeatureRepository {
    /// How many pages of features are kept for the current data version.
    static let cachedPages = 200
    /// Pages of more features than this are not kept (a full page of 10,000 is a download).
    static let largestCachedPage = 500

    public func featurePage(_ query: LieuQuery) async throws -> FeaturePage {
        // "Open now" makes a new query every second: such pages are not kept.
        let keepsPage = query.openAt == nil && query.limit <= Self.largestCachedPage
        // A page kept for the version read a moment ago needs no read at all.
        if keepsPage, let pageCache, let version = versionMemo.recent(), let page = pageCache.value(query, version: version) {
            return page
        }
        let generation = versionMemo.generation
        let (features, matched, version) = try await page(query, reading: .features, cache: featureCache)
        versionMemo.remember(version, generation: generation)
        let page = FeaturePage(features: features, numberMatched: matched)
        if keepsPage { pageCache?.keep([query: page], version: version) }
        return page
    }

    public func features(_ query: LieuQuery) -> ItemStream<EncodedFeature> {
        ItemStream.reading(name: "lieux-lecture") { [self] stream in
            try forEachFeature(query) { try stream.send($0) }
        }
    }

    /// Every venue matching `query` (its page ignored) as a feature, one at a time, from a
    /// blocking read.
    public func forEachFeature(_ query: LieuQuery, _ body: (EncodedFeature) throws -> Void) throws {
        try pool.read { db in try SearchPlan(query, db: db).forEach(db, reading: .features, body) }
    }

    public func featureItem(source: String?, id: Lieu.ID) async throws -> (feature: EncodedFeature, nom: String)? {
        try await pool.read { db in
            var sql = LieuTable.selectFeature + ", lieu.nom" + LieuTable.from + " WHERE lieu.id = ?"
            var arguments: StatementArguments = [id.rawValue]
            if let source {
                sql += " AND source.name = ?"
                arguments += [source]
            }
            var item: (EncodedFeature, String)?
            try ColumnReader.forEach(db, sql: sql + " ORDER BY source.name LIMIT 1", arguments: arguments) { row in
                item = (try VenueReading<EncodedFeature>.features.value(row, db), row.text(3) ?? "")
            }
            return item
        }
    }

    /// Writes the feature of every venue that has none (an old store, venues put back by an
    /// undo), by batches of row keys.
    static func fillFeatures(_ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE lieu SET feature = ? WHERE pk = ?")
        var after: Int64 = .min
        while true {
            var batch: [(Int64, [UInt8])] = []
            try ColumnReader.forEach(
                db, sql: LieuTable.selectFull + LieuTable.from + " WHERE lieu.feature IS NULL AND lieu.pk > ? ORDER BY lieu.pk LIMIT 5000",
                arguments: [after]
            ) { row in batch.append((row.int64(0), try row.found().lieu.geoJSONFeatureOpening())) }
            guard let last = batch.last else { return }
            for (pk, bytes) in batch { try update.execute(arguments: [Data(bytes), pk]) }
            after = last.0
        }
    }
}
