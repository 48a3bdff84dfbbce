import SwitchboardCore
import Testing

@Suite("E9 conference")
struct ConferenceTests {
    func conference() -> (Harness, TaskID, TaskID, CallID) {
        let (h, task, consulted, callID) = Harness.aliceConsultingBob()
        h.run(.consultConference(task), by: Fixture.alice)
        return (h, task, consulted, callID)
    }

    @Test("E9 End in a conference takes agent 1 out; agent 2 owns the call with the customer")
    func initiatorLeaves() {
        let (h, task, consulted, callID) = conference()
        #expect(h.controls(task).end == .enabled)
        h.run(.end(task), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
        #expect(h.task(consulted).role == .owner)
        #expect(h.task(consulted).status == .connected)
        #expect(!h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.lastEvents(.agentContactAssigned).map(\.taskID) == [consulted])
        h.run(.hold(consulted), by: Fixture.bob)
        #expect(h.task(consulted).legs.first?.state == .held)
    }

    @Test("E9 agent 1's phone hanging up in a conference is the same as End")
    func initiatorHangsUp() {
        let (h, task, consulted, _) = conference()
        h.signal(.deviceHungUp(dialNumber: "1001"))
        #expect(h.task(task).status == .wrapup)
        #expect(h.task(consulted).role == .owner)
    }

    @Test("E9 agent 2 leaving with End consult returns the call to agent 1 and the customer")
    func consultedLeaves() {
        let (h, task, consulted, _) = conference()
        h.run(.consultEnd(consulted), by: Fixture.bob)
        #expect(h.task(task).legs.map(\.state) == [.connected])
        #expect(h.task(consulted).status == .wrapup, "agent 2 talked to the customer, so wraps up")
        #expect(h.controls(task).consult == .enabled)
    }

    @Test("E9 the customer hanging up ends it for all: agent 1 and agent 2 wrap up")
    func customerHangsUp() {
        let (h, task, consulted, callID) = conference()
        h.signal(.customerHungUp(callID))
        #expect(h.task(task).status == .wrapup)
        #expect(h.task(consulted).status == .wrapup)
        #expect(h.state(Fixture.alice) == .wrapUp && h.state(Fixture.bob) == .wrapUp)
        h.run(.wrapUp(consulted, reasonID: Fixture.resolved), by: Fixture.bob)
        #expect(h.state(Fixture.bob) == .available, "B4: Available after wrap-up; Bob chose nothing during the call")
    }

    @Test("E9 in a conference nobody is on hold and hold is disabled")
    func noHoldInConference() {
        let (h, task, consulted, _) = conference()
        #expect(h.controls(task).hold == .disabled(.inConference))
        #expect(h.controls(task).consultHold == .disabled(.inConference))
        #expect(h.task(consulted).legs.allSatisfy { $0.state == .connected })
        #expect(h.refuse(.hold(task), by: Fixture.alice)?.reason == "in_conference")
    }
}
