import Foundation

/// Where a reader's bytes come from: a file read in chunks, or bytes already in memory.
enum ByteSource {
    case file(FileHandle)
    case memory(Data, offset: Int)

    /// Opens a file for reading; a missing or unreadable file is a ``SourceError`` (`io`).
    static func open(_ url: URL) throws(SourceError) -> ByteSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SourceError(code: .io, message: "Le fichier « \(url.path) » est introuvable : vérifiez le chemin.")
        }
        guard !isDirectory.boolValue else {
            throw SourceError(code: .io, message: "« \(url.path) » est un dossier, pas un fichier : indiquez un fichier CSV ou JSON.")
        }
        do {
            return .file(try FileHandle(forReadingFrom: url))
        } catch {
            throw SourceError(code: .io, message: "Le fichier « \(url.path) » ne peut pas être lu (droits d'accès ?) : \(error.localizedDescription)")
        }
    }

    /// Passes over the next `count` bytes.
    mutating func skip(_ count: Int) throws(SourceError) {
        switch self {
        case .file(let handle):
            do {
                try handle.seek(toOffset: handle.offset() + UInt64(count))
            } catch {
                throw SourceError(code: .io, message: "La lecture du fichier a échoué : \(error.localizedDescription)")
            }
        case .memory(let data, let offset):
            self = .memory(data, offset: min(data.count, offset + count))
        }
    }

    /// Appends up to `count` bytes to `buffer`; returns how many were appended (0 at the end).
    mutating func read(into buffer: inout [UInt8], count: Int) throws(SourceError) -> Int {
        switch self {
        case .file(let handle):
            let data: Data?
            do {
                data = try handle.read(upToCount: count)
            } catch {
                throw SourceError(code: .io, message: "La lecture du fichier a échoué : \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { return 0 }
            buffer.append(contentsOf: data)
            return data.count
        case .memory(let data, let offset):
            let end = min(data.count, offset + count)
            guard end > offset else { return 0 }
            let start = data.startIndex + offset
            buffer.append(contentsOf: data[start..<(data.startIndex + end)])
            self = .memory(data, offset: end)
            return end - offset
        }
    }
}
