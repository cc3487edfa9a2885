import Foundation
import ZIPFoundation

/// The zip archive of a workbook (`.xlsx`, `.ods`), whose parts are read with limits: a
/// small file that unpacks to gigabytes (a « zip bomb ») is refused with a clear message
/// before it fills the disk or the memory.
struct WorkbookArchive {
    private let archive: Archive
    private let place: String

    /// The most a small part (the list of sheets, the styles) may hold once unpacked.
    static let maximumPartBytes = 64 << 20
    /// The most a sheet or its table of texts may hold once unpacked.
    static let maximumSheetBytes = 2 << 30
    /// Beyond 100 MB unpacked, a part may not be more than this many times its packed size
    /// (real sheets pack 5 to 20 times; bombs, thousands of times).
    static let maximumRatio = 200

    init(url: URL) throws(SourceError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SourceError(code: .io, message: "Le fichier « \(url.path) » est introuvable : vérifiez le chemin.")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw SourceError(
                code: .format,
                message: "« \(url.lastPathComponent) » n'est pas un classeur lisible (ce n'est pas une archive zip) : enregistrez-le de nouveau au format .xlsx ou .ods, ou en CSV UTF-8.")
        }
        place = url.lastPathComponent
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// A small part, whole, in memory; `nil` when the archive has no such part.
    func data(_ path: String) throws(SourceError) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        try extract(entry, limit: Self.maximumPartBytes) { data.append($0) }
        return data
    }

    /// A large part unpacked to a temporary file, for a reader that streams it. The file is
    /// gone when `body` returns.
    func withFile<T>(_ path: String, _ body: (String) throws(SourceError) -> T) throws(SourceError) -> T? {
        guard let entry = archive[path] else { return nil }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("lieux-classeur-\(UUID().uuidString).xml").path
        guard FileManager.default.createFile(atPath: file, contents: nil), let handle = FileHandle(forWritingAtPath: file) else {
            throw SourceError(code: .io, message: "Le classeur ne peut pas être décompressé : le dossier temporaire n'est pas accessible en écriture.")
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            defer { try? handle.close() }
            var failure: Error?
            try extract(entry, limit: Self.maximumSheetBytes) { chunk in
                guard failure == nil else { return }
                do { try handle.write(contentsOf: chunk) } catch { failure = error }
            }
            if failure != nil {
                throw SourceError(code: .io, message: "Le classeur ne peut pas être décompressé : le disque est plein ?")
            }
        }
        return try body(file)
    }

    private func extract(_ entry: Entry, limit: Int, _ consumer: (Data) -> Void) throws(SourceError) {
        let packed = max(1, Int(entry.compressedSize))
        var unpacked = 0
        let tooLarge = SourceError(
            code: .format,
            message: "« \(place) » : la partie « \(entry.path) » du classeur dépasse \(limit >> 20) Mo une fois décompressée, ou se décompresse plus de \(Self.maximumRatio) fois : elle n'est pas lue (fichier piégé ou trop grand). Enregistrez les lieux en CSV UTF-8.")
        do {
            _ = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: false) { chunk in
                unpacked += chunk.count
                if unpacked > limit || (unpacked > 100 << 20 && unpacked / packed > Self.maximumRatio) {
                    throw ArchiveLimit()
                }
                consumer(chunk)
            }
        } catch is ArchiveLimit {
            throw tooLarge
        } catch {
            throw SourceError(
                code: .format,
                message: "« \(place) » : la partie « \(entry.path) » du classeur est endommagée (\(error)) : ouvrez-le et enregistrez-le de nouveau avec votre tableur.")
        }
    }

    private struct ArchiveLimit: Error {}
}
