/// UTF-8 checked on bytes, for the readers' hot path.
///
/// `String(validating:as:)` is generic over the encoding and was not specialised here: each
/// cell looked up type metadata at run time (a tenth of a validation). This check accepts
/// exactly what Unicode (and `String(validating:as:)`) accepts: no overlong form, no surrogate,
/// nothing above U+10FFFF; ASCII is checked eight bytes at a time.
enum UTF8Bytes {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return true }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
            } else if b0 < 0xC2 {
                return false  // a continuation byte, or an overlong form of two bytes
            } else if b0 < 0xE0 {
                guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
            } else if b0 < 0xF0 {
                guard i + 2 < n else { return false }
                let b1 = base[i + 1], b2 = base[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
                if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                if b0 == 0xED && b1 >= 0xA0 { return false }  // a surrogate
                i += 3
            } else if b0 < 0xF5 {
                guard i + 3 < n else { return false }
                let b1 = base[i + 1], b2 = base[i + 2], b3 = base[i + 3]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return false }
                if b0 == 0xF0 && b1 < 0x90 { return false }  // overlong
                if b0 == 0xF4 && b1 >= 0x90 { return false }  // above U+10FFFF
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    /// The text of `bytes` when they are UTF-8.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
