import SwitchboardCore
import Testing

/// E4: who may do what during a consult. Agent 1 (Alice) started it, agent 2 (Bob) accepted it.
@Suite("E4 consult participants")
struct ConsultParticipantTests {
    func consultation() -> (Harness, TaskID, TaskID, CallID) { Harness.aliceConsultingBob() }

    @Test("E4 the customer is held while agent 1 talks to agent 2")
    func customerHeld() {
        let (h, task, _, _) = consultation()
        #expect(h.task(task).legs.first?.state == .held)
        let plan = h.center.mediaPlan(for: h.interaction(of: task)!)
        #expect(plan.onHold == [.customer])
        #expect(Set(plan.bridged) == [.agent(Fixture.alice), .agent(Fixture.bob)])
    }

    @Test("E4 the customer hanging up ends the interaction: agent 1 wraps up, agent 2 is disconnected without wrap-up")
    func customerHangsUp() {
        let (h, task, consulted, callID) = consultation()
        h.signal(.customerHungUp(callID))
        #expect(h.task(task).status == .wrapup)
        #expect(h.task(consulted).status == .closed)
        #expect(h.state(Fixture.alice) == .wrapUp)
        #expect(h.state(Fixture.bob) == .idle, "agent 2 goes back to the state they had")
        #expect(h.telephony.contains(.disconnectAgent(Fixture.bob, dialNumber: Fixture.number("1002"), task: consulted)))
    }

    @Test("E4 agent 1 ends the consult and goes on with the customer")
    func initiatorEndsConsult() {
        let (h, task, consulted, _) = consultation()
        h.run(.consultEnd(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.connected])
        #expect(h.task(consulted).status == .closed)
        #expect(h.lastEvents(.agentConsultEnded).map(\.taskID) == [consulted, task])
        #expect(h.controls(task).end == .enabled)
    }

    @Test("E4 agent 1 ends a consult that is still ringing: the request is withdrawn, no RONA")
    func initiatorCancelsConsult() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        let offer = h.ringing(Fixture.bob)!
        h.run(.consultEnd(task), by: Fixture.alice)
        #expect(h.task(offer).status == .closed)
        #expect(h.state(Fixture.bob) == .idle)
        #expect(h.timers[.ringTimeout(offer)] == nil)
    }

    @Test("E4 agent 1 hanging up the phone during a consult disconnects the customer and agent 2; agent 1 wraps up")
    func initiatorHangsUp() {
        let (h, task, consulted, callID) = consultation()
        h.signal(.deviceHungUp(dialNumber: "1001"))
        #expect(h.task(task).status == .wrapup)
        #expect(h.task(consulted).status == .closed)
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.telephony.contains(.disconnectAgent(Fixture.bob, dialNumber: Fixture.number("1002"), task: consulted)))
    }

    @Test("E4 agent 1 resumes the customer and holds agent 2")
    func initiatorResumesCustomer() {
        let (h, task, consulted, _) = consultation()
        h.run(.unhold(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.connected, .held])
        #expect(h.task(consulted).legs.last?.state == .held, "agent 2 is held when agent 1 resumes the customer")
    }

    @Test("E4 agent 1 transfers to agent 2: agent 1 wraps up, the call goes on between agent 2 and the customer")
    func consultTransfer() {
        let (h, task, consulted, _) = consultation()
        h.run(.consultTransfer(task), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
        #expect(h.task(consulted).status == .connected)
        #expect(h.task(consulted).role == .owner)
        #expect(h.task(consulted).legs.map(\.state) == [.connected])
        #expect(h.lastEvents(.agentConsultTransferred).map(\.taskID) == [task, consulted])
        #expect(h.controls(consulted).end == .enabled, "agent 2 now owns the call")
        h.run(.end(consulted), by: Fixture.bob)
        #expect(h.task(consulted).status == .wrapup)
    }

    @Test("E4 agent 1 starts a conference of all three")
    func conference() {
        let (h, task, consulted, _) = consultation()
        h.run(.consultConference(task), by: Fixture.alice)
        let plan = h.center.mediaPlan(for: h.interaction(of: task)!)
        #expect(Set(plan.bridged) == [.customer, .agent(Fixture.alice), .agent(Fixture.bob)])
        #expect(plan.onHold.isEmpty)
        #expect(h.lastEvents(.agentConsultConferenced).map(\.taskID) == [task, consulted])
    }

    @Test("E4 agent 2 cannot hold, resume or end the customer's call")
    func consultedCannotControlCustomer() {
        let (h, _, consulted, _) = consultation()
        let controls = h.controls(consulted)
        #expect(controls.hold == .disabled(.notOwner))
        #expect(controls.unhold == .disabled(.notOwner))
        #expect(controls.end == .disabled(.notOwner))
        #expect(controls.transfer == .disabled(.notOwner))
        #expect(controls.consultTransfer == .disabled(.notInitiator))
        #expect(h.refuse(.unhold(consulted), by: Fixture.bob)?.reason == "not_owner")
        #expect(h.refuse(.end(consulted), by: Fixture.bob)?.reason == "not_owner")
        #expect(h.refuse(.hold(consulted), by: Fixture.bob)?.reason == "not_owner")
    }

    @Test("E4 agent 2 gives no wrap-up for the consult")
    func consultedNoWrapUp() {
        let (h, task, consulted, _) = consultation()
        h.run(.consultEnd(consulted), by: Fixture.bob)
        #expect(h.task(consulted).status == .closed)
        #expect(h.state(Fixture.bob) == .idle)
        #expect(h.task(task).status == .connected)
    }

    @Test("E4 agent 2 leaves with End consult; the call goes on between agent 1 and the customer")
    func consultedLeaves() {
        let (h, task, consulted, _) = consultation()
        h.run(.consultEnd(consulted), by: Fixture.bob)
        #expect(h.task(task).legs.map(\.state) == [.connected])
        #expect(h.lastEvents(.agentConsultEnded).map(\.taskID) == [consulted, task])
        #expect(h.telephony.contains(.disconnectAgent(Fixture.bob, dialNumber: Fixture.number("1002"), task: consulted)))
    }

    @Test("E4 agent 2's phone hanging up is End consult")
    func consultedHangsUp() {
        let (h, task, consulted, _) = consultation()
        h.signal(.deviceHungUp(dialNumber: "1002"))
        #expect(h.task(consulted).status == .closed)
        #expect(h.task(task).legs.map(\.state) == [.connected])
        #expect(!h.telephony.contains(.disconnectAgent(Fixture.bob, dialNumber: Fixture.number("1002"), task: consulted)))
    }

    @Test("E4 agent 2 accepts a transfer from agent 1 and joins a conference agent 1 starts")
    func consultedJoins() {
        let (h, task, consulted, _) = consultation()
        h.run(.consultConference(task), by: Fixture.alice)
        #expect(h.task(consulted).legs.allSatisfy { $0.state == .connected && $0.isConferenced })
        h.run(.consultTransfer(task), by: Fixture.alice)
        #expect(h.task(consulted).role == .owner)
    }
}
