/// A value of a `unique` field, or a row's primary key, kept as 128 bits instead of its
/// text: the validator remembers every key of a file (a million ids for the largest), and an
/// id's `String` with its dictionary entry cost several times these 16 bytes.
///
/// Two independent 64-bit hashes of the bytes (FNV-1a, and a multiply–xorshift mix), each
/// cell preceded by its length, a missing cell by a marker of its own. Two different keys
/// with the same 128 bits would be taken for one another: for a million keys the chance is
/// about one in 10^26; the row reported would then be the first of the two.
struct UniqueKey: Hashable {
    private(set) var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private(set) var b: UInt64 = 0x9e37_79b9_7f4a_7c15

    init() {}

    init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }

    /// The key of one text.
    init(_ text: String) {
        add(text)
    }

    /// Adds a cell: its length, then its bytes.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            add(word: UInt64(bytes.count))
            for byte in bytes { add(byte: byte) }
        }
    }

    /// Adds a missing cell.
    mutating func addMissing() {
        add(word: .max)
    }

    @inline(__always)
    private mutating func add(byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
        b = (b &+ UInt64(byte)) &* 0xff51_afd7_ed55_8ccd
        b ^= b >> 29
    }

    private mutating func add(word: UInt64) {
        var w = word
        for _ in 0..<8 {
            add(byte: UInt8(truncatingIfNeeded: w))
            w >>= 8
        }
    }
}
