public import SwitchboardCore

/// What the simulated world will do next, earliest first (ties in the order they were planned).
struct Agenda {
    private var heap: [(at: Instant, order: UInt64, happening: Happening)] = []
    private var nextOrder: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var nextTime: Instant? { heap.first?.at }

    mutating func plan(_ happening: Happening, at time: Instant) {
        nextOrder += 1
        heap.append((time, nextOrder, happening))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard isEarlier(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func next() -> (Instant, Happening)? {
        guard let top = heap.first else { return nil }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, isEarlier(left, first) { first = left }
            if right < heap.count, isEarlier(right, first) { first = right }
            guard first != parent else { break }
            heap.swapAt(parent, first)
            parent = first
        }
        return (top.at, top.happening)
    }

    private func isEarlier(_ a: Int, _ b: Int) -> Bool {
        (heap[a].at, heap[a].order) < (heap[b].at, heap[b].order)
    }
}

/// Something the simulated customers, phones, outside parties or agents do.
enum Happening {
    case customerCalls(number: String)
    case customerHangsUp(CallID)
    case phoneAnswers(agent: Int, task: TaskID)
    case phoneFails(agent: Int, task: TaskID, DeviceFailure)
    case outsideAnswers(InteractionID)
    case outsideFails(InteractionID)
    case outsideHangsUp(InteractionID)
    /// The agent looks at the desktop and does something with a task or its state.
    case agentActs(agent: Int)
    case agentBecomesAvailable(agent: Int)
}
