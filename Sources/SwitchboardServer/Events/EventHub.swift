import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
public import SwitchboardStore
import SwitchboardTelephony
import Synchronization

/// Who is asking: the signed-in user behind a token.
public struct Principal: Sendable, Equatable {
    public var tenant: String
    public var username: String
    public var role: Role
    public var agentID: String?
    /// `scope=own`: an agent's stream leaves out the other agents' state changes (a desktop
    /// that shows no consult or transfer list does not need them).
    public var wantsOwnEventsOnly = false

    /// API.md: an agent sees events with its own `agentId` and the other agents'
    /// `AgentStateChange` (for consult and transfer targets); supervisors and admins see all.
    func maySee(_ event: StoredEvent) -> Bool {
        switch role {
        case .admin, .supervisor: true
        case .agent:
            (event.agentID != nil && event.agentID == agentID)
                || (!wantsOwnEventsOnly && event.type == "AgentStateChange")
        }
    }
}

/// Live event fan-out for one tenant. Each subscriber has a bounded buffer; one that falls
/// behind is cut off (it reconnects with `since`) instead of slowing anybody else down.
final class EventHub: Sendable {
    /// What a subscriber receives: an event's message, or the end of the stream because the
    /// subscriber fell too far behind.
    enum Delivery: Sendable {
        case event(StoredEvent)
        case overflowed
    }

    private struct Subscriber {
        let principal: Principal
        let continuation: AsyncStream<Delivery>.Continuation
    }

    private let subscribers = Mutex<[Int: Subscriber]>([:])
    private let nextID = Atomic<Int>(0)
    let bufferSize: Int

    init(bufferSize: Int = 1024) { self.bufferSize = bufferSize }

    /// A stream of the events `principal` may see, from now on, until it is cancelled.
    func subscribe(_ principal: Principal) -> AsyncStream<Delivery> {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<Delivery>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize + 1))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = Subscriber(principal: principal, continuation: continuation) }
        return stream
    }

    /// Hands the events to every subscriber allowed to see them. Never waits.
    func publish(_ events: [StoredEvent]) {
        let overflowed = subscribers.withLock { subscribers in
            var overflowed: [AsyncStream<Delivery>.Continuation] = []
            for (id, subscriber) in subscribers {
                for event in events where subscriber.principal.maySee(event) {
                    // Full at `bufferSize` waiting events; the one spare slot is for the notice.
                    if case .enqueued(let remaining) = subscriber.continuation.yield(.event(event)), remaining > 1 {
                        continue
                    }
                    overflowed.append(subscriber.continuation)
                    subscribers[id] = nil
                    break
                }
            }
            return overflowed
        }
        // Outside the lock: finishing a stream runs its termination handler, which takes the lock.
        for continuation in overflowed {
            // The slot kept free above takes the notice; then the stream ends.
            continuation.yield(.overflowed)
            continuation.finish()
        }
    }

    var subscriberCount: Int { subscribers.withLock { $0.count } }
}
