import LieuxModel

/// Writes venues as a CSV file of the standard (v1.0.2), one row at a time.
///
/// - The header is the standard's 32 column names, in its order (``Lieu/Field``).
/// - Cells are separated by `,`; rows end with CRLF by default, as RFC 4180 and `text/csv`
///   say and as Python's `csv` module writes (``LineEnding/lf`` on request). Every reader of
///   the standard (this project's, frictionless, spreadsheets) reads both.
/// - A cell is quoted only when it must be: when it holds `,`, `"`, CR or LF, or starts or
///   ends with a space or a tab; a `"` inside is doubled.
/// - Cells hold what ``Lieu/text(_:)`` gives: multi-values joined with `|`, `date_maj` as
///   `YYYY-MM-DD`, coordinates in the shortest decimal that reads back as the same `Double`
///   (never an exponent), empty cells for empty fields.
///
/// Read back with `Lieu(text:)`, the file gives the same venues (a value that itself holds
/// `|`, which `Lieu(text:)` never makes, would come back split). Cells are data: nothing is
/// done against spreadsheet formulas (a `telephone` starts with `+`).
public struct CSVWriter<Sink: ByteSink> {
    /// How rows end.
    public enum LineEnding: Sendable {
        /// `\r\n`, RFC 4180 (the default).
        case crlf
        /// `\n`.
        case lf
    }

    /// Where the bytes go.
    public var sink: Sink
    /// How many rows were written, header excluded.
    public private(set) var rowCount = 0

    private let encoder = CSVRowEncoder()
    private let scratch = ScratchStorage()
    private let lineEnding: LineEnding
    private let byteOrderMark: Bool
    private var state = State.notBegun

    private enum State { case notBegun, open, ended }

    /// A writer into `sink`. `byteOrderMark` starts the file with the UTF-8 BOM, which some
    /// spreadsheets need to read accents right; the standard does not ask for it.
    public init(sink: Sink, lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false) {
        self.sink = sink
        self.lineEnding = lineEnding
        self.byteOrderMark = byteOrderMark
    }

    /// Writes the header. ``write(_:)`` calls it if it was not called.
    public mutating func begin() throws {
        precondition(state == .notBegun, "CSVWriter.begin() appelé deux fois")
        state = .open
        var out = scratch.take()
        if byteOrderMark { out.append("\u{FEFF}") }
        encoder.header(into: &out)
        endLine(&out)
        scratch.keep(out)
        try out.write(to: &sink)
    }

    /// Writes the row of `lieu`.
    public mutating func write(_ lieu: Lieu) throws {
        if state == .notBegun { try begin() }
        precondition(state == .open, "CSVWriter.write(_:) après end()")
        var out = scratch.take()
        encoder.encode(lieu, into: &out)
        endLine(&out)
        scratch.keep(out)
        try out.write(to: &sink)
        rowCount += 1
    }

    /// Writes the header if no row was written, and flushes the sink.
    public mutating func end() throws {
        if state == .notBegun { try begin() }
        precondition(state == .open, "CSVWriter.end() appelé deux fois")
        state = .ended
        try sink.flush()
    }

    private func endLine(_ out: inout OutputBuffer) {
        switch lineEnding {
        case .crlf: out.append("\r\n")
        case .lf: out.append(UInt8(ascii: "\n"))
        }
    }
}

extension CSVWriter where Sink == DataSink {
    /// A writer into memory.
    public init(lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false) {
        self.init(sink: DataSink(), lineEnding: lineEnding, byteOrderMark: byteOrderMark)
    }
}
