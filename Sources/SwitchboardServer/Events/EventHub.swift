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
                || (!wantsOwnEventsOnly && EventType(rawValue: event.type) == .agentStateChange)
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

    private struct State {
        var subscribers: [Int: Subscriber] = [:]
        /// The last sequence handed out; every event up to it is stored.
        var published: Int64
    }

    private let state: Mutex<State>
    private let nextID = Atomic<Int>(0)
    let bufferSize: Int

    /// `published`: the last sequence already stored when the hub starts.
    init(bufferSize: Int = 1024, published: Int64 = 0) {
        self.bufferSize = bufferSize
        state = Mutex(State(published: published))
    }

    /// Runs `body` with a stream of the events `principal` may see that are published from now
    /// on, and the last sequence published before them (everything up to it is in the store, so
    /// store plus stream miss nothing). The subscription ends when `body` returns. (Not with the
    /// stream's `onTermination`: that runs under the stream's own lock, and taking the hub's lock
    /// there while `publish` holds the hub's lock and waits for the stream's is a deadlock.)
    func withSubscription<Result>(
        _ principal: Principal, _ body: (AsyncStream<Delivery>, _ publishedBefore: Int64) async throws -> Result
    ) async rethrows -> Result {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<Delivery>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize + 1))
        let published = state.withLock { state in
            state.subscribers[id] = Subscriber(principal: principal, continuation: continuation)
            return state.published
        }
        defer {
            state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
            continuation.finish()
        }
        return try await body(stream, published)
    }

    /// Hands stored events, in order, to every subscriber allowed to see them. Never waits.
    func publish(_ events: [StoredEvent]) {
        let overflowed = state.withLock { state in
            if let last = events.last { state.published = last.sequence }
            var overflowed: [AsyncStream<Delivery>.Continuation] = []
            for (id, subscriber) in state.subscribers {
                for event in events where subscriber.principal.maySee(event) {
                    switch subscriber.continuation.yield(.event(event)) {
                    // Full at `bufferSize` waiting events; the one spare slot is for the notice.
                    case .enqueued(let remaining) where remaining > 1: continue
                    case .enqueued, .dropped: overflowed.append(subscriber.continuation)
                    case .terminated: break
                    @unknown default: break
                    }
                    state.subscribers[id] = nil
                    break
                }
            }
            return overflowed
        }
        for continuation in overflowed {
            // The slot kept free above takes the notice; then the stream ends.
            continuation.yield(.overflowed)
            continuation.finish()
        }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
