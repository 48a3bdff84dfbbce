import SwitchboardCore

/// The engine's pending timers, earliest first. Rescheduling or cancelling a timer makes its
/// earlier entries stale; they are skipped when they come up.
struct TimerQueue {
    private struct Entry {
        var deadline: Instant
        var timer: TimerID
        var generation: UInt64
    }

    private var heap: [Entry] = []
    private var current: [TimerID: UInt64] = [:]
    private var nextGeneration: UInt64 = 0

    var count: Int { current.count }

    mutating func schedule(_ timer: TimerID, at deadline: Instant) {
        nextGeneration += 1
        current[timer] = nextGeneration
        push(Entry(deadline: deadline, timer: timer, generation: nextGeneration))
    }

    mutating func cancel(_ timer: TimerID) { current[timer] = nil }

    /// The earliest live deadline.
    mutating func nextDeadline() -> Instant? {
        dropStale()
        return heap.first?.deadline
    }

    /// Removes and returns the earliest live timer due at `now`.
    mutating func popDue(at now: Instant) -> (TimerID, Instant)? {
        dropStale()
        guard let top = heap.first, top.deadline <= now else { return nil }
        pop()
        current[top.timer] = nil
        return (top.timer, top.deadline)
    }

    private mutating func dropStale() {
        while let top = heap.first, current[top.timer] != top.generation { pop() }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
