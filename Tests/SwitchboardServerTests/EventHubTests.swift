import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStore
import Synchronization
import Testing

@Suite("Event fan-out")
struct EventHubTests {
    static func event(_ sequence: Int64, agent: String? = "agent1", type: String = "AgentContactHeld") -> StoredEvent {
        StoredEvent(sequence: sequence, at: .seconds(sequence), type: type, taskID: nil, agentID: agent, interactionID: nil, message: "{}")
    }

    @Test("A slow subscriber is cut off with a notice instead of slowing the others")
    func slowSubscriberIsCutOff() async {
        let hub = EventHub(bufferSize: 4)
        let principal = Principal(tenant: "demo", username: "supervisor", role: .supervisor, agentID: nil)
        await hub.withSubscription(principal) { slow, _ in
            await hub.withSubscription(principal) { fast, _ in
                var fastIterator = fast.makeAsyncIterator()
                for sequence in Int64(1)...10 {
                    hub.publish([Self.event(sequence)])
                    if case .event(let event)? = await fastIterator.next() { #expect(event.sequence == sequence) }
                }
                var received: [EventHub.Delivery] = []
                for await delivery in slow { received.append(delivery) }
                #expect(received.count == 5)
                guard case .overflowed? = received.last else {
                    Issue.record("the slow subscriber was not told")
                    return
                }
                #expect(hub.subscriberCount == 1, "only the fast one is left")
            }
        }
        #expect(hub.subscriberCount == 0, "leaving ends the subscription")
    }

    @Test("An agent's stream carries its own events and others' state changes only")
    func agentFilter() async {
        let hub = EventHub(bufferSize: 16, published: 0)
        await hub.withSubscription(Principal(tenant: "demo", username: "agent1", role: .agent, agentID: "agent1")) { stream, _ in
            hub.publish([
                Self.event(1), Self.event(2, agent: "agent2"), Self.event(3, agent: "agent2", type: "AgentStateChange"),
                Self.event(4, agent: nil, type: "ContactQueued"),
            ])
            hub.publish([Self.event(5)])
            var sequences: [Int64] = []
            for await delivery in stream {
                if case .event(let event) = delivery { sequences.append(event.sequence) }
                if sequences.count == 3 { break }
            }
            #expect(sequences == [1, 3, 5])
        }
    }

    @Test("K1 a subscription learns the last sequence published before it, so store plus stream miss nothing")
    func publishedBefore() async {
        let hub = EventHub(bufferSize: 16, published: 7)
        let principal = Principal(tenant: "demo", username: "supervisor", role: .supervisor, agentID: nil)
        await hub.withSubscription(principal) { _, published in #expect(published == 7) }
        hub.publish([Self.event(8), Self.event(9)])
        await hub.withSubscription(principal) { stream, published in
            #expect(published == 9)
            hub.publish([Self.event(10)])
            var iterator = stream.makeAsyncIterator()
            if case .event(let event)? = await iterator.next() { #expect(event.sequence == 10) } else { Issue.record("no event") }
        }
    }

    @Test("Publishing while subscribers come and go on other threads never deadlocks")
    func churn() async {
        let hub = EventHub(bufferSize: 2)
        let principal = Principal(tenant: "demo", username: "supervisor", role: .supervisor, agentID: nil)
        final class Flag: Sendable { let isSet = Atomic(false) }
        let subscribersDone = Flag()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var sequence: Int64 = 0
                while !subscribersDone.isSet.load(ordering: .relaxed) {
                    sequence += 1
                    hub.publish([Self.event(sequence)])
                    if sequence % 64 == 0 { await Task.yield() }
                }
            }
            await withTaskGroup(of: Void.self) { subscribers in
                for _ in 0..<4 {
                    subscribers.addTask {
                        for _ in 0..<2_000 {
                            await hub.withSubscription(principal) { stream, _ in
                                var iterator = stream.makeAsyncIterator()
                                _ = await iterator.next()
                            }
                        }
                    }
                }
            }
            subscribersDone.isSet.store(true, ordering: .relaxed)
        }
        #expect(hub.subscriberCount == 0)
    }
}
