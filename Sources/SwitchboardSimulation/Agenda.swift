import SwitchboardCore
import SwitchboardEngine

/// What the simulated world will do next, earliest first (ties in the order they were planned).
struct Agenda {
    private struct Entry {
        var at: Instant
        var order: UInt64
        var happening: Happening
    }

    private var heap = PriorityQueue<Entry> { ($0.at, $0.order) < ($1.at, $1.order) }
    private var nextOrder: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var nextTime: Instant? { heap.first?.at }

    mutating func plan(_ happening: Happening, at time: Instant) {
        nextOrder += 1
        heap.insert(Entry(at: time, order: nextOrder, happening: happening))
    }

    mutating func next() -> (Instant, Happening)? {
        heap.popFirst().map { ($0.at, $0.happening) }
    }
}

/// Something the simulated customers, phones, outside parties or agents do.
enum Happening {
    case customerCalls(number: String)
    case customerHangsUp(CallID)
    case phoneAnswers(agent: Int, task: TaskID)
    case phoneFails(agent: Int, task: TaskID, DeviceFailure)
    case outsideAnswers(InteractionID, leg: UInt64)
    case outsideFails(InteractionID, leg: UInt64)
    case outsideHangsUp(InteractionID, leg: UInt64)
    /// The agent looks at the desktop and does something with a task or its state.
    case agentActs(agent: Int)
    case agentBecomesAvailable(agent: Int)
    /// I1: a queued caller presses keys.
    case customerPresses(CallID, String)
    /// I2: a customer asks for a web callback at an entry point.
    case webCallbackAsked(EntryPointID)
    /// I3, I4: the customer answers the call back, or it fails.
    case customerAnswersCallback(CallID)
    case customerFailsCallback(CallID, DeviceFailure)
    /// J2: a free agent places an outbound call.
    case agentOutdials(agent: Int)
}
