extension OutputBuffer {
    /// `text` as a JSON string, quotes included (RFC 8259).
    ///
    /// Escaped: `"` and `\`; control characters below U+0020 as `\n`, `\r`, `\t`, `\b`, `\f`
    /// or `\u00XX`; U+2028 and U+2029 as `\u2028` and `\u2029`, which JavaScript before ES2019
    /// does not accept in strings. Everything else is written as UTF-8, as it is.
    mutating func appendJSONString(_ text: String) {
        append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendJSONEscaped($0) }
        if done == nil {
            Array(text.utf8).withUnsafeBufferPointer { appendJSONEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// The bytes of a JSON string's content, escaped.
    ///
    /// Eight bytes at a time are tested at once (SWAR) for the bytes that need a look:
    /// below 0x20, `"`, `\`, and 0xE2 (the lead byte of U+2028 and U+2029, but also of `’`
    /// and `€`); runs of ordinary bytes are copied in one go.
    mutating func appendJSONEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress else { return }
        let raw = UnsafeRawPointer(start)
        let count = utf8.count
        var runStart = 0
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !SWAR.needsJSONEscape(word) {
                    index += 8
                    continue
                }
            }
            // Byte by byte up to the end of this word.
            let stop = min(index + 8, count)
            while index < stop {
                let byte = start[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                    index += 1
                    continue
                }
                if byte == 0xE2 {
                    // U+2028 is E2 80 A8, U+2029 is E2 80 A9.
                    if index + 2 < count, start[index + 1] == 0x80, start[index + 2] & 0xFE == 0xA8 {
                        append(UnsafeBufferPointer(start: start + runStart, count: index - runStart))
                        append(start[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                        index += 3
                        runStart = index
                    } else {
                        index += 1
                    }
                    continue
                }
                append(UnsafeBufferPointer(start: start + runStart, count: index - runStart))
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    append("\\u00")
                    append(Self.hexDigit(byte >> 4))
                    append(Self.hexDigit(byte & 0x0F))
                }
                index += 1
                runStart = index
            }
        }
        append(UnsafeBufferPointer(start: start + runStart, count: count - runStart))
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 + nibble : 87 + nibble
    }
}
