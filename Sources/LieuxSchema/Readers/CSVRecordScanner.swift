/// Finds where the records of a CSV file end, reading quotes, delimiters and line ends as
/// ``CSVRowReader`` reads them, so that a file can be cut into pieces of whole records.
///
/// Only a quote at the start of a cell opens a quoted cell; `""` inside it is a quote; after
/// its closing quote, the cell goes on to the next delimiter or line end. A record ends at LF,
/// CR or CRLF outside quotes (an empty line too). Pieces are cut only after an LF, so that a
/// CRLF is never split.
struct CSVRecordScanner {
    private enum State {
        case cellStart, plain, quoted, quoteInQuoted, afterCR
    }

    private var state = State.cellStart
    /// Records ended so far.
    private(set) var records = 0
    private let classes: [UInt8]

    private static let other: UInt8 = 0, delimiter: UInt8 = 1, lf: UInt8 = 2, cr: UInt8 = 3, quote: UInt8 = 4

    init(delimiter: UInt8) {
        var classes = [UInt8](repeating: Self.other, count: 256)
        classes[Int(delimiter)] = Self.delimiter
        classes[Int(UInt8(ascii: "\n"))] = Self.lf
        classes[Int(UInt8(ascii: "\r"))] = Self.cr
        classes[Int(UInt8(ascii: "\""))] = Self.quote
        self.classes = classes
    }

    /// Reads `bytes` (the continuation of what was read before); calls `atLineEnd` with the
    /// position just after each LF that ends a record, and the records ended up to it.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, atLineEnd: (_ position: Int, _ records: Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var state = self.state
        var records = self.records
        var i = 0
        classes.withUnsafeBufferPointer { classOf in
            while i < n {
                switch state {
                case .plain:
                    // The hot loop: most bytes are in unquoted cells.
                    while i < n {
                        let kind = classOf[Int(base[i])]
                        i += 1
                        if kind == Self.other || kind == Self.quote { continue }
                        if kind == Self.delimiter {
                            state = .cellStart
                        } else {
                            records += 1
                            if kind == Self.lf {
                                state = .cellStart
                                atLineEnd(i, records)
                            } else {
                                state = .afterCR
                            }
                        }
                        break
                    }
                case .cellStart:
                    if base[i] == UInt8(ascii: "\"") {
                        state = .quoted
                        i += 1
                    } else {
                        state = .plain
                    }
                case .quoted:
                    while i < n && base[i] != UInt8(ascii: "\"") { i += 1 }
                    if i < n {
                        state = .quoteInQuoted
                        i += 1
                    }
                case .quoteInQuoted:
                    if base[i] == UInt8(ascii: "\"") {
                        state = .quoted
                        i += 1
                    } else {
                        state = .plain  // the rest of the cell, up to its delimiter or line end
                    }
                case .afterCR:
                    state = .cellStart
                    if base[i] == UInt8(ascii: "\n") {
                        i += 1
                        atLineEnd(i, records)
                    }
                }
            }
        }
        self.state = state
        self.records = records
    }
}
