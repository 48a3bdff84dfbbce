import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStore
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
        let slow = hub.subscribe(principal)
        let fast = hub.subscribe(principal)
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

    @Test("An agent's stream carries its own events and others' state changes only")
    func agentFilter() async {
        let hub = EventHub(bufferSize: 16)
        let stream = hub.subscribe(Principal(tenant: "demo", username: "agent1", role: .agent, agentID: "agent1"))
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
