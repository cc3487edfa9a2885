/// A set of a schema's fields by position, as bits: the fields of one row that have an
/// error. A `Set<Int>` cost two allocations and hashing for every row.
struct FieldSet: Equatable {
    /// The most fields a schema may have.
    static let capacity = 128

    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(_ fields: some Sequence<Int>) {
        for field in fields { insert(field) }
    }

    func contains(_ field: Int) -> Bool {
        field < 64 ? low & (1 << UInt64(field)) != 0 : high & (1 << UInt64(field - 64)) != 0
    }

    mutating func insert(_ field: Int) {
        if field < 64 { low |= 1 << UInt64(field) } else { high |= 1 << UInt64(field - 64) }
    }

    mutating func formUnion(_ other: FieldSet) {
        low |= other.low
        high |= other.high
    }

    func isDisjoint(with other: FieldSet) -> Bool {
        low & other.low == 0 && high & other.high == 0
    }
}
