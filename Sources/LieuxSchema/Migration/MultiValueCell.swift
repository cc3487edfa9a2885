/// The values of a multi-valued cell, in either version's form: `a;b` (0.1) or `a|b` (1.0).
enum MultiValueCell {
    /// Calls `body` with each value of `cell`, split on `;` and `|`, trimmed, empty ones skipped.
    @inline(__always)
    static func forEachValue(in cell: String, _ body: (Substring) -> Void) {
        var start = cell.startIndex
        let bytes = cell.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") || byte == UInt8(ascii: "|") {
                let value = trimmed(cell[start..<index])
                if !value.isEmpty { body(value) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        let value = trimmed(cell[start...])
        if !value.isEmpty { body(value) }
    }

    /// `text` without the white space (Unicode `White_Space`, no-break space included) around it.
    static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, isWhiteSpace(scalars[lower]) { lower = scalars.index(after: lower) }
        while lower < upper {
            let before = scalars.index(before: upper)
            guard isWhiteSpace(scalars[before]) else { break }
            upper = before
        }
        return text[lower..<upper]
    }

    /// Whether `cell` is one value without white space around it: nothing to convert.
    static func isSingleValue(_ cell: String) -> Bool {
        guard !cell.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "|") }) else { return false }
        let scalars = cell.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        return !isWhiteSpace(first) && !isWhiteSpace(last)
    }

    /// The Unicode `White_Space` property, without a table lookup.
    @inline(__always)
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
