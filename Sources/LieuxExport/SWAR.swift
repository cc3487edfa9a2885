/// Tests on eight bytes at once ("SIMD within a register").
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether a byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    static func hasByte(_ word: UInt64, lessThan limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// Whether a byte of `word` is `byte`.
    @inline(__always)
    static func hasByte(_ word: UInt64, equalTo byte: UInt8) -> Bool {
        hasByte(word ^ (ones &* UInt64(byte)), lessThan: 1)
    }

    /// Whether a byte of `word` is below 0x20, `"`, `\` or 0xE2.
    @inline(__always)
    static func needsJSONEscape(_ word: UInt64) -> Bool {
        hasByte(word, lessThan: 0x20) || hasByte(word, equalTo: 0x22) || hasByte(word, equalTo: 0x5C)
            || hasByte(word, equalTo: 0xE2)
    }

    /// Whether a byte of `word` is `,`, `"`, CR or LF.
    @inline(__always)
    static func needsCSVQuotes(_ word: UInt64) -> Bool {
        hasByte(word, equalTo: 0x2C) || hasByte(word, equalTo: 0x22) || hasByte(word, equalTo: 0x0A)
            || hasByte(word, equalTo: 0x0D)
    }
}
