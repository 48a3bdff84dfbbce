/// A binary min-heap: `popFirst()` returns the element that `areInIncreasingOrder` puts first.
/// Used for the engine's timers and the simulation's agenda.
public struct PriorityQueue<Element> {
    private var heap: [Element] = []
    private let areInIncreasingOrder: (Element, Element) -> Bool

    public init(by areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.areInIncreasingOrder = areInIncreasingOrder
    }

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    public var first: Element? { heap.first }

    public mutating func insert(_ element: Element) {
        heap.append(element)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard areInIncreasingOrder(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    public mutating func popFirst() -> Element? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, areInIncreasingOrder(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, areInIncreasingOrder(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return first }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
