/// The first row of every key of a file, for the checks of `unique` fields and of the primary
/// key: an open-addressing table of 128-bit keys and 32-bit row numbers.
///
/// A `Dictionary<UniqueKey, Int>` hashed each key again through `Hasher` (SipHash) and kept
/// 8-byte row numbers: at a million rows, the key tables were a tenth of a validation's time and
/// half of its memory. A key is already a hash, so its first 64 bits choose the slot (linear
/// probing), and a slot takes 20 bytes.
struct UniqueKeyTable {
    private var first: [UInt64] = []
    private var second: [UInt64] = []
    /// The row of each slot; 0 marks an empty slot (row numbers start at 1).
    private var rows: [UInt32] = []
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    /// The row where `key` was first recorded, if it was.
    func row(of key: UniqueKey) -> Int? {
        guard !rows.isEmpty else { return nil }
        let mask = rows.count - 1
        var slot = Int(truncatingIfNeeded: key.a) & mask
        while rows[slot] != 0 {
            if first[slot] == key.a && second[slot] == key.b { return Int(rows[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records `key` at `row` unless it is there already; returns the row it was first
    /// recorded at when it was.
    mutating func firstRow(of key: UniqueKey, recordingAt row: Int) -> Int? {
        if (count + 1) * 10 > rows.count * 7 { grow() }
        let mask = rows.count - 1
        var slot = Int(truncatingIfNeeded: key.a) & mask
        while rows[slot] != 0 {
            if first[slot] == key.a && second[slot] == key.b { return Int(rows[slot]) }
            slot = (slot + 1) & mask
        }
        first[slot] = key.a
        second[slot] = key.b
        rows[slot] = UInt32(clamping: max(1, row))
        count += 1
        return nil
    }

    /// Every recorded key with its row, in no particular order.
    func forEach(_ body: (UniqueKey, Int) -> Void) {
        for slot in rows.indices where rows[slot] != 0 {
            body(UniqueKey(a: first[slot], b: second[slot]), Int(rows[slot]))
        }
    }

    private mutating func grow() {
        let old = (first, second, rows)
        let capacity = max(64, rows.count * 2)
        first = Array(repeating: 0, count: capacity)
        second = Array(repeating: 0, count: capacity)
        rows = Array(repeating: 0, count: capacity)
        count = 0
        for slot in old.2.indices where old.2[slot] != 0 {
            _ = firstRow(of: UniqueKey(a: old.0[slot], b: old.1[slot]), recordingAt: Int(old.2[slot]))
        }
    }
}
