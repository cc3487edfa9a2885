import Crypto
import Foundation
import GRDB
import LieuxModel
import LieuxSchema

extension Store {
    /// An import may remove at most this share of a source's venues without
    /// ``ImportOptions/allowRemovals``…
    public static let removalShareLimit = 0.2
    /// …unless it removes no more than this many (and not all of them).
    public static let removalCountFloor = 10

    /// Imports one file of venues for `source` (see ``importFiles(_:source:options:)``).
    public func importFile(
        at url: URL, place: String? = nil, source: String, options: ImportOptions = .init()
    ) throws(StoreError) -> ImportResult {
        try importFiles([ImportFile(url: url, place: place)], source: source, options: options)
    }

    /// Imports files of venues that together form `source`: afterwards the source holds the
    /// venues of their valid rows, the stored venues whose rows were rejected (kept as they
    /// were), and nothing else. All of it happens in one transaction: an interrupted import
    /// leaves the store as it was.
    ///
    /// Nothing is written when a file cannot be read to its end (whatever came before), when
    /// `strict` and a file has errors, when the import would remove more than a fifth of the
    /// source's venues (and more than ten) or all of them without `allowRemovals`, or for a
    /// dry run; the result then says why, and lists the changes for the last two.
    ///
    /// Files of version 0.1, and 1.0 files that still carry 0.1 columns, are migrated to the
    /// current version first (``ImportReading``). Every change is kept in the history.
    public func importFiles(
        _ files: [ImportFile], source: String, options: ImportOptions = .init()
    ) throws(StoreError) -> ImportResult {
        let hashes = files.map { Self.sha256(of: $0.url) }
        var result: ImportResult?
        do {
            try pool.writeWithoutTransaction { db in
                // A larger page cache while the import runs (64 MB; the default is 2 MB): the
                // indexes of a big file no longer spill to the WAL again and again. At
                // 1,000,000 venues, 128 MB was no faster and held the peak at 340 MB (64 MB:
                // 271 MB).
                // The temporary table of the venues seen stays in memory too.
                try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                try db.inTransaction(.immediate) {
                    let outcome = try Self.importFiles(
                        files, hashes: hashes, source: source, options: options, db: db)
                    result = outcome
                    return outcome.committed ? .commit : .rollback
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SchemaError {
            throw StoreError(code: .sql, message: "Le schéma du standard est inutilisable : \(error.message)")
        } catch {
            throw StoreError.failed("L'import a échoué et n'a rien modifié.", cause: error)
        }
        return result!
    }

    /// The import, inside its transaction; the caller commits only an applied result.
    private static func importFiles(
        _ files: [ImportFile], hashes: [String], source: String, options: ImportOptions, db: Database
    ) throws -> ImportResult {
        let sourceID = try History.sourceID(db, name: source)
        let operationID = try History.begin(
            db, sourceID: sourceID, kind: "import", place: files.map(\.place).joined(separator: " + "),
            sha256: hashes.joined(separator: " "), strict: options.strict, origin: options.origin)
        var writer = try LieuWriter(db, sourceID: sourceID, operationID: operationID, fileCount: files.count, bulk: true)
        var reports: [ImportResult.File] = []
        var rejected = 0
        var keptVenues: [ImportResult.Change] = []
        for (file, sha256) in zip(files, hashes) {
            let reading = ImportReading(
                url: file.url, place: file.place, format: file.format, version: options.version, options: options.validation)
            // The rows are read, validated and prepared on a second thread.
            let pipeline = ImportPipeline(reading: reading)
            var repeated: [ValidationIssue] = []
            var failure: (any Error)?
            let keptBefore = writer.kept.count
            while failure == nil, let batch = pipeline.next() {
                do {
                    for item in batch {
                        switch item {
                        case .venue(let venue, let row):
                            if try writer.write(venue) == .repeatedAcrossFiles {
                                rejected += 1
                                repeated.append(Self.repeatedIssue(id: venue.id, row: row))
                            }
                        case .rejected(let id, let row):
                            rejected += 1
                            try writer.reject(id: id, rowNumber: row)
                        case .undecodable:
                            writer.countUndecodable()
                        }
                    }
                } catch {
                    failure = error
                    pipeline.cancel()
                }
            }
            var outcome = try pipeline.outcome()
            if let failure { throw failure }
            for issue in repeated { outcome.report.reject(validRow: issue, listLimit: options.validation.listLimit) }
            keptVenues += writer.kept[keptBefore...].map {
                ImportResult.Change(id: $0.id, action: .conserve, place: file.place, rowNumber: $0.rowNumber)
            }
            reports.append(ImportResult.File(
                place: file.place, sha256: sha256, fileVersion: outcome.fileVersion?.rawValue, report: outcome.report))
            // A file that could not be read to its end: nothing will be written, the next
            // files are not read.
            if outcome.report.failure != nil { break }
        }
        try writer.finish()

        var result = ImportResult(source: source, files: reports, status: .applied)
        result.storedBefore = writer.storedBefore
        result.stored = writer.storedBefore
        result.rejected = rejected + writer.undecodable
        if let unreadable = reports.first(where: { $0.report.failure != nil }), let failure = unreadable.report.failure {
            result.status = .unreadable
            result.reason = "« \(unreadable.place) » n'a pas pu être lu jusqu'au bout"
                + (failure.rowNumber.map { " (ligne \($0))" } ?? "") + " : \(failure.message) "
                + "Rien n'a été modifié, pas même les lignes lues avant l'erreur : corrigez le fichier, puis recommencez."
            return result
        }
        if options.strict && !result.valid {
            result.status = .invalid
            result.reason = "Le fichier a des erreurs et l'import est strict : rien n'a été modifié. Corrigez-les, "
                + "ou importez sans --strict pour ne rejeter que les lignes en erreur (les lieux déjà publiés sont alors conservés)."
            return result
        }
        // Venues kept despite their rows: only said of an import that applies (or would).
        result.kept = keptVenues.count
        result.keptVenues = keptVenues
        result.added = writer.added
        result.updated = writer.updated
        result.unchanged = writer.unchanged
        result.removed = try writer.removeUnseen()
        try writer.recordBulkAdditions()
        result.stored = try writer.storedCount(before: false)

        let before = result.storedBefore
        let tooMany = result.removed > 0
            && (result.removed == before
                || (result.removed > removalCountFloor && Double(result.removed) > removalShareLimit * Double(before)))
        if options.dryRun || (tooMany && !options.allowRemovals) {
            result.changes = try History.changes(db, operationID: operationID) + keptVenues
            if options.dryRun {
                result.status = .dryRun
                result.reason = "Essai : rien n'a été modifié. Voici ce que cet import changerait."
            } else {
                result.status = .refused
                let share = Int((Double(result.removed) / Double(before) * 100).rounded())
                result.reason = (result.removed == before
                        ? "Cet import retirerait tous les lieux de la source (\(before))"
                        : "Cet import retirerait \(result.removed) des \(before) lieux de la source (\(share) %, plus de 20 %)")
                    + " : rien n'a été modifié. Vérifiez que le fichier est complet ; si ces retraits sont voulus, "
                    + "autorisez-les (option --autoriser-retraits, ou paramètre autoriser-retraits=1 de l'API)."
                result.stored = before
            }
            return result
        }
        result.operation = operationID
        try History.finish(db, operationID, result: result)
        if !result.changedNothing {
            try Store.bumpVersion(db)
            try History.afterChange(db, sourceID: sourceID, operationID: operationID)
        }
        return result
    }

    /// The error of a row whose id an earlier file of the same import already has.
    private static func repeatedIssue(id: String, row: Int) -> ValidationIssue {
        ValidationIssue(
            type: IssueCode.primaryKey.rawValue, severity: .error, rowNumber: row, fieldName: "id", cell: id,
            note: "the same as in an earlier file of the import",
            message: "Ligne \(row) : l'identifiant « \(id) » est déjà celui d'un lieu d'un fichier précédent de cet import : "
                + "les fichiers d'une même source se complètent, chaque lieu ne doit figurer que dans l'un d'eux.")
    }

    /// SHA-256 of a file, read in chunks; empty when it cannot be read (its report says why).
    static func sha256(of url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
