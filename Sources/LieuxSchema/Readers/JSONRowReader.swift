import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON array of flat objects, the form the national cartography publishes, one object at a time.
///
/// The file is read in chunks of 64 KiB and parsed object by object: memory grows with the
/// largest object, never with the file. A UTF-8 byte order mark at the start is skipped.
///
/// Each object is a row; its keys are the ``labels``, in order of first appearance across the
/// objects read so far, so they grow while reading. A row's ``SourceRow/cells`` are aligned
/// with the labels as known after reading it: a row read before a key first appeared is
/// shorter. Values become cells this way:
///
/// | JSON value | cell |
/// |---|---|
/// | string | the decoded string (a `\u` escape of a lone surrogate becomes U+FFFD) |
/// | number | its text exactly as written (`45.681367`, `-0.331217`, `1e3`): never rounded, never too large |
/// | `true`, `false` | `"true"`, `"false"` |
/// | `null`, absent key | `nil` |
/// | array | its elements converted the same way and joined with `|`, nulls skipped; `nil` if nothing is left |
/// | object | its compact JSON text, for a validator to flag |
///
/// A key repeated inside one object keeps its last value, as Python's `json` module does.
///
/// Row numbers follow frictionless: the header counts as row 1, so the n-th object is row n + 1.
/// A ``SourceError`` carries the number of the row being read: rows returned so far + 2 (also
/// for an error before the first object or after the last one). Bytes that are not UTF-8 throw
/// `.encoding`; anything that is not a JSON array of objects throws `.format`, with the line,
/// column and byte offset and what was expected. After an error, `nextRow()` throws it again.
///
/// A copy of a reader reads on independently from where the original was.
public struct JSONRowReader: RowReader, Sendable {
    public var format: SourceFormat { .json }

    /// The keys seen so far, in order of first appearance.
    public private(set) var labels: [String] = []

    private var scanner: JSONScanner
    /// Label index by key bytes, so that a repeated key costs a lookup, not a new string.
    private var labelIndexes: [KeyBytes: Int] = [:]
    /// Each label's key bytes, to check the predicted key in place, without hashing, and
    /// whether they can be compared with the bytes as written (no `"`, `\`, control character).
    private var labelBytes: [[UInt8]] = []
    private var labelIsPlain: [Bool] = []
    /// The label whose key followed each label's key last time (`-1`: none yet), and the first
    /// key's label: files repeat their key order, so these predictions are almost always right.
    private var followingLabel: [Int] = []
    private var firstLabel = -1
    /// Bytes of the key or value being read.
    private var scratch: [UInt8] = []
    private var rowsRead = 0
    private var state = State.start

    /// Key bytes hashed in one call (an array of bytes hashes byte by byte).
    private struct KeyBytes: Hashable, Sendable {
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private enum State: Sendable {
        case start
        case inArray
        case finished
        case failed(SourceError)
    }

    /// Opens a JSON file for reading.
    ///
    /// Throws ``SourceError`` with code `.io` if it cannot be opened (missing, not readable, a folder).
    public init(url: URL) throws(SourceError) {
        try self.init(url: url, chunkSize: JSONScanner.defaultChunkSize)
    }

    /// Reads JSON bytes already in memory (an HTTP body); `sourceName` names them in messages.
    public init(data: Data, sourceName: String? = nil) {
        self.init(data: data, sourceName: sourceName, chunkSize: JSONScanner.defaultChunkSize)
    }

    init(data: Data, sourceName: String? = nil, chunkSize: Int) {
        scanner = JSONScanner(source: .memory(data), sourceName: sourceName, chunkSize: chunkSize)
    }

    init(url: URL, chunkSize: Int) throws(SourceError) {
        let path = url.isFileURL ? url.path : url.absoluteString
        guard url.isFileURL else {
            throw SourceError(code: .io, message: "Impossible de lire « \(path) » : ce n'est pas un fichier local.")
        }
        let (descriptor, failure) = url.withUnsafeFileSystemRepresentation { name -> (Int32, Int32) in
            guard let name else { return (-1, ENOENT) }
            let descriptor = open(name, O_RDONLY | O_CLOEXEC)
            return (descriptor, descriptor < 0 ? errno : 0)
        }
        guard descriptor >= 0 else {
            throw SourceError(
                code: .io,
                message: "Impossible de lire le fichier « \(path) » : \(JSONScanner.describeSystemError(failure)).")
        }
        let file = JSONScanner.FileDescriptor(rawValue: descriptor)
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw SourceError(
                code: .io,
                message: "Impossible de lire le fichier « \(path) » : \(JSONScanner.describeSystemError(EISDIR)).")
        }
        scanner = JSONScanner(source: .file(file), sourceName: url.lastPathComponent, chunkSize: chunkSize)
    }

    /// The next object as a row, or `nil` after the closing `]`.
    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        switch state {
        case .finished:
            return nil
        case .failed(let error):
            throw error
        case .start, .inArray:
            break
        }
        do throws(SourceError) {
            guard try moveToNextObject() else {
                state = .finished
                return nil
            }
            let cells = try readObject()
            rowsRead += 1
            state = .inArray
            return SourceRow(number: rowsRead + 1, cells: cells)
        } catch {
            var failure = error
            if failure.rowNumber == nil { failure.rowNumber = rowsRead + 2 }
            state = .failed(failure)
            throw failure
        }
    }

    // MARK: - Structure

    /// Moves to the `{` of the next object: `true`, or `false` after the closing `]` (and the
    /// check that nothing follows it).
    private mutating func moveToNextObject() throws(SourceError) -> Bool {
        if case .start = state {
            try scanner.skipByteOrderMark()
            try scanner.skipWhitespace()
            switch try scanner.peek() {
            case UInt8(ascii: "["):
                scanner.advance()
            case nil:
                throw SourceError(
                    code: .format,
                    message: "\(scanner.fileDescription(capitalized: true)) est vide : un tableau d'objets « [ {…}, {…} ] » est attendu.")
            case UInt8(ascii: "{"):
                throw SourceError(
                    code: .format,
                    message: "JSON invalide \(scanner.location) : le fichier contient un objet « { … } » seul, "
                        + "alors qu'un tableau d'objets « [ {…}, {…} ] » est attendu (un objet par lieu).")
            default:
                throw scanner.unexpected(expected: "« [ », le début d'un tableau d'objets,")
            }
            try scanner.skipWhitespace()
            if try scanner.peek() == UInt8(ascii: "]") {
                scanner.advance()
                try checkNothingFollows()
                return false
            }
        } else {
            try scanner.skipWhitespace()
            switch try scanner.peek() {
            case UInt8(ascii: ","):
                scanner.advance()
            case UInt8(ascii: "]"):
                scanner.advance()
                try checkNothingFollows()
                return false
            default:
                throw scanner.unexpected(expected: "« , » ou « ] » après un objet")
            }
            try scanner.skipWhitespace()
            if try scanner.peek() == UInt8(ascii: "]") {
                throw SourceError(
                    code: .format, message: "JSON invalide \(scanner.location) : virgule en trop avant « ] ».")
            }
        }
        let byte = try scanner.peek()
        guard byte == UInt8(ascii: "{") else {
            guard let byte, let kind = Self.describeValue(startingWith: byte) else {
                throw scanner.unexpected(expected: "« { », le début d'un objet,")
            }
            throw SourceError(
                code: .format,
                message: "JSON invalide \(scanner.location) : chaque élément du tableau doit être un objet « { … } », "
                    + "\(kind) trouvé.")
        }
        return true
    }

    private mutating func checkNothingFollows() throws(SourceError) {
        try scanner.skipWhitespace()
        if try scanner.peek() != nil {
            let error = scanner.unexpected(expected: "la fin du fichier après « ] »")
            guard error.code == .format else { throw error }
            throw SourceError(
                code: .format,
                message: error.message + " Le tableau d'objets doit être la seule valeur du fichier.")
        }
    }

    /// Reads the object at the current `{` into cells aligned with the labels.
    private mutating func readObject() throws(SourceError) -> [String?] {
        scanner.advance()
        var cells = [String?](repeating: nil, count: labels.count)
        try scanner.skipWhitespace()
        if try scanner.peek() == UInt8(ascii: "}") {
            scanner.advance()
            return cells
        }
        var previous = -1
        while true {
            switch try scanner.peek() {
            case UInt8(ascii: "\""):
                break
            case UInt8(ascii: "}"):
                throw SourceError(
                    code: .format, message: "JSON invalide \(scanner.location) : virgule en trop avant « } ».")
            default:
                throw scanner.unexpected(expected: "une clé entre guillemets « \" »")
            }
            let predicted = previous < 0 ? firstLabel : followingLabel[previous]
            let index: Int
            if predicted >= 0, labelIsPlain[predicted], scanner.consumeKey(labelBytes[predicted]) {
                index = predicted
            } else {
                scratch.removeAll(keepingCapacity: true)
                try scanner.readString(into: &scratch, decoding: true)
                index = labelIndex(after: previous)
                if index == cells.count { cells.append(nil) }
            }
            previous = index
            try scanner.skipWhitespace()
            guard try scanner.peek() == UInt8(ascii: ":") else {
                throw scanner.unexpected(expected: "« : » après la clé « \(labels[index]) »")
            }
            scanner.advance()
            try scanner.skipWhitespace()
            cells[index] = try readCell()
            try scanner.skipWhitespace()
            switch try scanner.peek() {
            case UInt8(ascii: ","):
                scanner.advance()
                try scanner.skipWhitespace()
            case UInt8(ascii: "}"):
                scanner.advance()
                return cells
            default:
                throw scanner.unexpected(expected: "« , » ou « } » après la valeur de « \(labels[index]) »")
            }
        }
    }

    /// The label index of the key in `scratch`, after the key of label `previous` (-1: the
    /// first key); a new key gets a new label.
    private mutating func labelIndex(after previous: Int) -> Int {
        let index: Int
        if let known = labelIndexes[KeyBytes(bytes: scratch)] {
            index = known
        } else {
            index = labels.count
            labelIndexes[KeyBytes(bytes: scratch)] = index
            labelBytes.append(scratch)
            labelIsPlain.append(!scratch.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 })
            followingLabel.append(-1)
            labels.append(String(decoding: scratch, as: UTF8.self))
        }
        if previous < 0 {
            firstLabel = index
        } else {
            followingLabel[previous] = index
        }
        return index
    }

    /// Reads the value at the current byte as a cell.
    private mutating func readCell() throws(SourceError) -> String? {
        guard let byte = try scanner.peek() else {
            throw scanner.truncated(expected: "une valeur")
        }
        switch byte {
        case UInt8(ascii: "\""):
            if let string = scanner.readPlainString() { return string }
            scratch.removeAll(keepingCapacity: true)
            try scanner.readString(into: &scratch, decoding: true)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let number = scanner.readPlainNumber() { return number }
            scratch.removeAll(keepingCapacity: true)
            try scanner.readNumber(into: &scratch)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            switch try scanner.readLiteral() {
            case .true: return "true"
            case .false: return "false"
            case .null: return nil
            }
        case UInt8(ascii: "["):
            scratch.removeAll(keepingCapacity: true)
            guard try scanner.appendMultiValue(into: &scratch, depth: 1) else { return nil }
        case UInt8(ascii: "{"):
            scratch.removeAll(keepingCapacity: true)
            try scanner.appendCompactValue(into: &scratch, depth: 1)
        default:
            throw scanner.unexpectedValue()
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// "un nombre", "une chaîne"… for the value starting with `byte`.
    private static func describeValue(startingWith byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): "une chaîne de caractères"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): "un nombre"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "un booléen"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "["): "un tableau"
        default: nil
        }
    }
}
