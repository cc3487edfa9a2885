import Foundation

/// A streaming reader of CSV files as RFC 4180 describes them, and as producers write them.
///
/// UTF-8 with or without a byte-order mark; `,` or `;` detected from the header; LF, CRLF or
/// CR line ends; quoted cells with `""` and newlines. Like Python's `csv` module (which the
/// reference validator uses), characters after a closing quote are kept, and an empty line
/// is a record without cells. Bytes that are not UTF-8 stop reading with an `encoding-error`.
public struct CSVRowReader: RowReader {
    public var format: SourceFormat { .csv }
    public private(set) var labels: [String] = []
    /// The delimiter found in the header: `,` or `;` (or a tab).
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    /// A record longer than this is taken for an unclosed quote (Python's limit is 128 KiB a cell).
    static let maximumRecordBytes = 16 << 20

    private var source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var recordNumber = 0
    private let chunkSize: Int
    private var scratch: [UInt8] = []
    /// Bytes taken from the source so far.
    private var bytesRead = 0
    /// The 8-bit encoding the file is read in, converted to UTF-8 as it is read; `nil` for UTF-8.
    public let eightBit: EightBitEncoding?
    /// The warning that says the file is not UTF-8, until the validator takes it.
    private var encodingWarning: ValidationIssue?
    private var raw: [UInt8] = []

    /// How many bytes of the source the records read so far take (with a byte-order mark
    /// and the header): where the next record starts.
    public var offset: Int { bytesRead - (buffer.count - position) }

    /// Reads the file at `url` in UTF-8; throws when it cannot be opened or its header cannot be read.
    public init(url: URL) throws(SourceError) {
        try self.init(source: ByteSource.open(url), chunkSize: 256 << 10)
    }

    /// Reads the file at `url` in `encoding` (`auto`: UTF-8, or Windows-1252 when its bytes
    /// certainly are, with a warning that says so).
    public init(url: URL, encoding: TextEncodingChoice, delimiter: UInt8? = nil) throws(SourceError) {
        let source = try ByteSource.open(url)
        let (eightBit, detected) = Self.eightBit(encoding) { EncodingDetection.scan(url) }
        try self.init(source: source, chunkSize: 256 << 10, eightBit: eightBit, detected: detected, delimiter: delimiter)
    }

    /// Reads CSV bytes held in memory (an HTTP body, a test), in UTF-8.
    public init(data: Data) throws(SourceError) {
        try self.init(source: .memory(data, offset: 0), chunkSize: 256 << 10)
    }

    /// Reads CSV bytes held in memory in `encoding`.
    public init(data: Data, encoding: TextEncodingChoice) throws(SourceError) {
        let (eightBit, detected) = Self.eightBit(encoding) { EncodingDetection.scan(data) }
        try self.init(source: .memory(data, offset: 0), chunkSize: 256 << 10, eightBit: eightBit, detected: detected)
    }

    /// The 8-bit encoding `choice` means for bytes that `detect` scans, and whether it was detected.
    static func eightBit(_ choice: TextEncodingChoice, detect: () -> EncodingDetection) -> (EightBitEncoding?, Bool) {
        switch choice {
        case .utf8: return (nil, false)
        case .windows1252: return (.windows1252, false)
        case .latin1: return (.latin1, false)
        case .auto: return (detect().eightBit, true)
        }
    }

    /// Reads the records that follow a header already read: `bytes` first, then what is left of
    /// `source`; the first record gets the number `firstRecord`.
    init(continuing bytes: [UInt8], source: ByteSource = .memory(Data(), offset: 0), delimiter: UInt8, labels: [String], firstRecord: Int) {
        eightBit = nil
        self.source = source
        chunkSize = 256 << 10
        buffer = bytes
        bytesRead = bytes.count
        self.delimiter = delimiter
        self.labels = labels
        recordNumber = firstRecord - 1
    }

    init(
        source: ByteSource, chunkSize: Int, eightBit: EightBitEncoding? = nil, detected: Bool = false, delimiter forced: UInt8? = nil
    ) throws(SourceError) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        self.eightBit = eightBit
        if let eightBit {
            let how = detected ? "détecté : certains octets ne sont pas de l'UTF-8, et aucun ne forme une lettre accentuée en UTF-8" : "choisi avec --encodage"
            encodingWarning = ValidationIssue(
                type: IssueCode.encodageNonUtf8.rawValue, severity: .warning, rowNumber: nil, note: eightBit.name,
                message: "Le fichier n'est pas enregistré en UTF-8 : il a été lu en \(eightBit.name) (\(how)). Vérifiez les lettres accentuées du rapport, puis enregistrez le fichier en UTF-8 (dans un tableur : « CSV UTF-8 »).")
        }
        try fill()
        while buffer.count < 4 && !atEnd { try fill() }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
        } else if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) {
            throw SourceError(
                code: .encoding,
                message: "Le fichier est encodé en UTF-16 : enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »).",
                rowNumber: 1)
        }
        if let forced {
            delimiter = forced
        } else {
            try detectDelimiter()
        }
        if let header = try nextRecord() {
            labels = header.map { $0 ?? "" }
        }
    }

    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        guard let cells = try nextRecord() else { return nil }
        return SourceRow(number: recordNumber, cells: cells)
    }

    public mutating func takeIssues() -> [ValidationIssue] {
        guard let warning = encodingWarning else { return [] }
        encodingWarning = nil
        return [warning]
    }

    // MARK: - Reading

    private mutating func fill() throws(SourceError) {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let count: Int
        if let eightBit {
            raw.removeAll(keepingCapacity: true)
            count = try source.read(into: &raw, count: chunkSize)
            eightBit.transcode(raw, into: &buffer)
        } else {
            count = try source.read(into: &buffer, count: chunkSize)
        }
        bytesRead += count
        if count == 0 { atEnd = true }
    }

    /// Chooses the delimiter that appears most in the first record, outside quotes; a tie goes
    /// to `,`, then `;`.
    private mutating func detectDelimiter() throws(SourceError) {
        let candidates = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts: [UInt8: Int] = [:]
        while true {
            // Counted again after each fill: the header may hold quoted newlines.
            counts = [:]
            var quoted = false
            var complete = false
            for byte in buffer[position...] {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if quoted { continue }
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    complete = true
                    break
                }
                if candidates.contains(byte) { counts[byte, default: 0] += 1 }
            }
            if complete || atEnd || buffer.count - position >= 1 << 20 { break }
            try fill()
        }
        for candidate in candidates where counts[candidate, default: 0] > counts[delimiter, default: 0] {
            delimiter = candidate
        }
    }

    private mutating func nextRecord() throws(SourceError) -> [String?]? {
        while true {
            let step = try scanRecord()
            switch step {
            case .record(let cells, let next):
                position = next
                recordNumber += 1
                return cells
            case .end:
                return nil
            case .needMore:
                if buffer.count - position > Self.maximumRecordBytes {
                    throw SourceError(
                        code: .format,
                        message: "La ligne \(recordNumber + 1) dépasse 16 Mo : un guillemet n'est sans doute pas fermé. Vérifiez les guillemets de cette ligne.",
                        rowNumber: recordNumber + 1)
                }
                try fill()
            }
        }
    }

    private enum Step {
        case record([String?], next: Int)
        case needMore
        case end
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    private mutating func scanRecord() throws(SourceError) -> Step {
        let delimiter = self.delimiter
        let eof = atEnd
        let start = position
        let row = recordNumber + 1
        var scratch = self.scratch
        defer { self.scratch = scratch }
        return try buffer.withUnsafeBufferPointer { (b) throws(SourceError) -> Step in
            let n = b.count
            if start >= n { return eof ? .end : .needMore }
            if b[start] == Self.lf || b[start] == Self.cr {
                // An empty line: a record without cells, as Python's csv reads it.
                var next = start + 1
                if b[start] == Self.cr {
                    if next == n && !eof { return .needMore }
                    if next < n && b[next] == Self.lf { next += 1 }
                }
                return .record([], next: next)
            }
            var cells: [String?] = []
            cells.reserveCapacity(labels.count)
            var i = start
            while true {
                if i < n && b[i] == Self.quote {
                    i += 1
                    scratch.removeAll(keepingCapacity: true)
                    var segment = i
                    while true {
                        if i == n {
                            if !eof { return .needMore }
                            scratch.append(contentsOf: b[segment..<i])
                            break
                        }
                        if b[i] == Self.quote {
                            if i + 1 == n && !eof { return .needMore }
                            if i + 1 < n && b[i + 1] == Self.quote {
                                scratch.append(contentsOf: b[segment...i])
                                i += 2
                                segment = i
                                continue
                            }
                            scratch.append(contentsOf: b[segment..<i])
                            i += 1
                            break
                        }
                        i += 1
                    }
                    let tail = i
                    while i < n && b[i] != delimiter && b[i] != Self.lf && b[i] != Self.cr { i += 1 }
                    if i == n && !eof { return .needMore }
                    scratch.append(contentsOf: b[tail..<i])
                    let column = cells.count + 1
                    cells.append(try scratch.withUnsafeBufferPointer { (cell) throws(SourceError) in try Self.string(cell, row: row, column: column) })
                } else {
                    let fieldStart = i
                    while i < n && b[i] != delimiter && b[i] != Self.lf && b[i] != Self.cr { i += 1 }
                    if i == n && !eof { return .needMore }
                    cells.append(try Self.string(UnsafeBufferPointer(rebasing: b[fieldStart..<i]), row: row, column: cells.count + 1))
                }
                if i == n { return .record(cells, next: i) }
                if b[i] == delimiter {
                    i += 1
                    continue
                }
                if b[i] == Self.cr {
                    if i + 1 == n && !eof { return .needMore }
                    i += (i + 1 < n && b[i + 1] == Self.lf) ? 2 : 1
                } else {
                    i += 1
                }
                return .record(cells, next: i)
            }
        }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, row: Int, column: Int) throws(SourceError) -> String {
        if bytes.isEmpty { return "" }
        if let s = UTF8Bytes.string(bytes) { return s }
        throw SourceError(
            code: .encoding,
            message: "Ligne \(row), colonne \(column) : des caractères ne sont pas en UTF-8 (fichier enregistré en Windows-1252 ou Latin-1 ?). Enregistrez le fichier en UTF-8 (dans un tableur : « CSV UTF-8 »).",
            rowNumber: row)
    }
}
