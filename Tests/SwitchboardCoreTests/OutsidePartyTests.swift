import SwitchboardCore
import Testing

/// Consults and transfers to parties outside the contact center (dial numbers, experts).
@Suite("E1 E4 E7 E9 outside parties")
struct OutsidePartyTests {
    func consultingOutside() -> (Harness, TaskID, CallID, InteractionID, UInt64) {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: .expert(Fixture.expertWithNumber)), by: Fixture.alice)
        let leg = h.lastDial()!.leg
        h.signal(.externalAnswered(interactionID, leg: leg))
        return (h, task, callID, interactionID, leg)
    }

    @Test("E4 consult transfer to an outside party: agent 1 wraps up, the customer talks to the expert")
    func consultTransferOutside() {
        let (h, task, callID, interactionID, leg) = consultingOutside()
        h.run(.consultTransfer(task), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
        #expect(h.center.interactions[interactionID]?.phase == .external)
        #expect(h.center.mediaPlan(for: h.center.interactions[interactionID]!).bridged == [.customer, .external])
        h.signal(.externalHungUp(interactionID, leg: leg))
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
    }

    @Test("E9 conference with an outside party; agent 1 leaving hands the call to it")
    func conferenceOutside() {
        let (h, task, _, interactionID, leg) = consultingOutside()
        h.run(.consultConference(task), by: Fixture.alice)
        #expect(Set(h.center.mediaPlan(for: h.center.interactions[interactionID]!).bridged) == [.customer, .agent(Fixture.alice), .external])
        h.run(.end(task), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
        #expect(h.center.interactions[interactionID]?.outsideParty?.leg == leg)
    }

    @Test("E4 the outside party hanging up ends the consult; agent 1 goes on with the customer")
    func outsideHangsUp() {
        let (h, task, _, interactionID, leg) = consultingOutside()
        h.signal(.externalHungUp(interactionID, leg: leg))
        #expect(h.task(task).legs.map(\.state) == [.connected])
        #expect(!h.telephony.contains(.disconnectExternal(interactionID, leg: leg)), "it is already gone")
    }

    @Test("D4 the customer hanging up during an outside consult hangs up the outside party too")
    func customerHangsUpDuringOutsideConsult() {
        let (h, task, callID, interactionID, leg) = consultingOutside()
        h.signal(.customerHungUp(callID))
        #expect(h.task(task).status == .wrapup)
        #expect(h.telephony.contains(.disconnectExternal(interactionID, leg: leg)))
    }

    @Test("E7 a failing outside transfer ends the call")
    func transferFails() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.transfer(task, to: .expert(Fixture.expertWithNumber)), by: Fixture.alice)
        h.signal(.externalFailed(interactionID, leg: h.lastDial()!.leg))
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.center.interactions[interactionID]?.ending?.reason == .transferFailed)
    }
}
