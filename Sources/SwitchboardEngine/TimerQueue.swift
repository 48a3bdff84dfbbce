import SwitchboardCore

/// The engine's pending timers, earliest first. Rescheduling or cancelling a timer makes its
/// earlier entries stale; they are skipped when they come up.
struct TimerQueue {
    private struct Entry {
        var deadline: Instant
        var timer: TimerID
        var generation: UInt64
    }

    private var heap = PriorityQueue<Entry> { $0.deadline < $1.deadline }
    private var current: [TimerID: UInt64] = [:]
    private var nextGeneration: UInt64 = 0

    mutating func schedule(_ timer: TimerID, at deadline: Instant) {
        nextGeneration += 1
        current[timer] = nextGeneration
        heap.insert(Entry(deadline: deadline, timer: timer, generation: nextGeneration))
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
        heap.popFirst()
        current[top.timer] = nil
        return (top.timer, top.deadline)
    }

    private mutating func dropStale() {
        while let top = heap.first, current[top.timer] != top.generation { heap.popFirst() }
    }
}
