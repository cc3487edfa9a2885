import LieuxModel

/// A venue and its distance, ordered as ``SearchPlan`` orders them: distance, then row key.
struct Nearby: Comparable {
    var distance: Double
    var pk: Int64

    static func < (a: Nearby, b: Nearby) -> Bool { (a.distance, a.pk) < (b.distance, b.pk) }
}

/// The `keeping` lowest values inserted, through a max-heap: a page of 50 among thousands of
/// matches costs one comparison for most of them instead of a sort.
struct LowestValues<Value: Comparable> {
    let keeping: Int
    private var heap = MaxHeap<Value>()

    init(keeping: Int) { self.keeping = keeping }

    mutating func insert(_ value: Value) {
        guard keeping > 0 else { return }
        if heap.count < keeping {
            heap.push(value)
        } else if let top = heap.peek, value < top {
            heap.replaceTop(with: value)
        }
    }

    /// The values kept, lowest first.
    func sorted() -> [Value] { heap.elements.sorted() }
}
