/// A binary max-heap: the largest element first, for the lowest values of a search kept
/// among many (the store's point index) and the best candidate of a greedy choice.
/// Inlinable: its callers in other modules get it specialized for their element type.
public struct MaxHeap<Element: Comparable> {
    @usableFromInline var storage: [Element] = []

    @inlinable public init() {}

    /// The elements, in heap order.
    @inlinable public var elements: [Element] { storage }
    @inlinable public var count: Int { storage.count }
    /// The largest element.
    @inlinable public var peek: Element? { storage.first }

    @inlinable public mutating func push(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[parent] < storage[child] else { break }
            storage.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes and returns the largest element.
    @inlinable public mutating func pop() -> Element? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let top = storage.removeLast()
        siftDown()
        return top
    }

    /// Puts `element` in place of the largest one (the heap must not be empty).
    @inlinable public mutating func replaceTop(with element: Element) {
        storage[0] = element
        siftDown()
    }

    @inlinable mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < storage.count && storage[largest] < storage[left] { largest = left }
            if right < storage.count && storage[largest] < storage[right] { largest = right }
            guard largest != parent else { break }
            storage.swapAt(parent, largest)
            parent = largest
        }
    }
}
