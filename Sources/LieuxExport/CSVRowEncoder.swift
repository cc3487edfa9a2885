import LieuxModel

/// Encodes the header and the rows of the standard's CSV, for ``CSVWriter``.
struct CSVRowEncoder {
    /// The standard's columns, in order.
    private let fields = Lieu.Field.allCases

    /// The column names (none needs quotes).
    func header(into out: inout OutputBuffer) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let start = out.count
            out.append(utf8: field.rawValue)
            Cells.quoteIfNeeded(&out, from: start)
        }
    }

    /// The cells of `lieu`, without the line end.
    func encode(_ lieu: Lieu, into out: inout OutputBuffer) {
        var cells = Cells(out: out)
        lieu.visitFields(fields, with: &cells)
        out = cells.out
    }

    /// Writes each field as a cell, with the `,` before it.
    private struct Cells: LieuFieldVisitor {
        var out: OutputBuffer

        /// Quotes the cell written from `start` if it holds `,`, `"`, CR or LF, or starts or
        /// ends with a space or a tab.
        static func quoteIfNeeded(_ out: inout OutputBuffer, from start: Int) {
            let end = out.count
            guard end > start else { return }
            let cell = UnsafeBufferPointer(start: out.base + start, count: end - start)
            guard needsQuotes(cell) else { return }
            let copy = Array(cell)
            out.truncate(to: start)
            out.reserve(copy.count + 2)
            out.append(UInt8(ascii: "\""))
            for byte in copy {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }

        private static func needsQuotes(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
            let first = cell[0], last = cell[cell.count - 1]
            if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
            let raw = UnsafeRawPointer(cell.baseAddress!)
            var index = 0
            while index + 8 <= cell.count {
                if SWAR.needsCSVQuotes(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
                index += 8
            }
            while index < cell.count {
                let byte = cell[index]
                if byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D { return true }
                index += 1
            }
            return false
        }

        mutating func text(_ index: Int, _ value: String?) {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let value, !value.isEmpty else { return }
            let start = out.count
            out.append(utf8: value)
            Self.quoteIfNeeded(&out, from: start)
        }

        mutating func values<T: RawRepresentable>(_ index: Int, _ values: MultiValue<T>) where T.RawValue == String {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard !values.isEmpty else { return }
            let start = out.count
            var first = true
            for value in values {
                if !first { out.append(UInt8(ascii: "|")) }
                first = false
                out.append(utf8: value.rawValue)
            }
            Self.quoteIfNeeded(&out, from: start)
        }

        mutating func coordinate(_ index: Int, _ value: Double?) {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let value else { return }
            out.appendShortestDecimal(value)
        }

        mutating func date(_ index: Int, _ value: CalendarDate) {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.appendDate(value)
        }
    }
}
