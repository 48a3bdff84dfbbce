import SwitchboardCore
import Testing

/// J2 through the contact center: an agent's outbound call rings the agent's phone first, then
/// dials the customer; C3's popover; no answer ends it with a wrap-up; the agent not answering
/// their own outdial is no RONA; the limits of J1 apply.
@Suite("J2 outbound calls")
struct OutdialTests {
    static let customer = "+4512345678"

    func outdial(_ h: Harness, by agentID: AgentID = Fixture.alice, entryPoint: EntryPointID? = Fixture.supportEP) -> TaskID? {
        h.run(.outdial(number: Self.customer, entryPointID: entryPoint), by: agentID)
        return h.ringing(agentID)
    }

    @Test("J2 C3 the agent's phone rings first, then the customer is dialled; the customer answering connects them")
    func connects() {
        let h = Harness()
        h.login(Fixture.alice)
        guard let task = outdial(h) else {
            Issue.record("the agent's phone does not ring")
            return
        }
        let offer = h.task(task)
        #expect(offer.contactType == .outbound && offer.ani == Self.customer && offer.dnis == Fixture.supportNumber)
        #expect(offer.popoverVariables.map(\.name) == ["customerName", "caseNumber", "topic", "priority", "callbackAt", "segment"])
        #expect(offer.callback == nil, "an outdial is no callback")
        #expect(h.eventTypes().contains(.agentOfferContact))
        #expect(h.telephony.contains(.ringAgent(Fixture.alice, dialNumber: h.dialNumber(Fixture.alice), task: task)))
        #expect(h.lastCustomerDial()?.callID == nil, "the customer is dialled only once the agent's phone answers")

        h.answer(Fixture.alice)
        guard let callID = h.lastCustomerDial()?.callID else {
            Issue.record("the customer was not dialled")
            return
        }
        let dialling = h.task(task)
        #expect(dialling.status == .offered && dialling.legs.map(\.state) == [.ringing])
        #expect(dialling.controls.end == .enabled && dialling.controls.hold == .disabled(.callingCustomer))
        h.signal(.customerAnswered(callID))
        #expect(h.task(task).status == .connected && h.eventTypes().contains(.agentContactAssigned))
        #expect(h.state(Fixture.alice) == .engaged)
        h.run(.end(task), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
    }

    @Test("J2 from Available or Idle with no call; the number follows F; the entry point must exist")
    func refused() {
        let h = Harness()
        h.login(Fixture.alice, available: false)
        #expect(outdial(h, entryPoint: nil) != nil, "from Idle, with the contact center's own number")
        #expect(h.task(h.ringing(Fixture.alice)!).dnis == "")
        let busy = h.refuse(.outdial(number: Self.customer, entryPointID: nil), by: Fixture.alice)
        #expect(busy?.code == .notAllowedInState && busy?.reason == "on_call")
        h.login(Fixture.bob)
        let number = h.refuse(.outdial(number: "12", entryPointID: nil), by: Fixture.bob)
        #expect(number?.code == .invalidDialNumber && number?.field == "number")
        let entryPoint = h.refuse(.outdial(number: Self.customer, entryPointID: "ep-nope"), by: Fixture.bob)
        #expect(entryPoint?.code == .notFound && entryPoint?.field == "entryPointId")
        #expect(h.eventTypes() == [.agentOutdialFailed])
        #expect(h.refuse(.outdial(number: Self.customer, entryPointID: nil), by: Fixture.carol)?.reason == "not_logged_in")
    }

    @Test("J2 the customer not answering ends the outdial; the agent wraps up")
    func noAnswer() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = outdial(h)!
        h.answer(Fixture.alice)
        let interaction = h.task(task).interactionID
        h.advance(seconds: 30)
        let ended = h.lastEvents(.contactEnded).first
        if case .task(let snapshot, let details)? = ended?.data {
            #expect(details.reason == "no_answer" && snapshot.status == .wrapup)
        } else {
            Issue.record("no ContactEnded to the agent")
        }
        #expect(h.center.interactions[interaction]?.ending?.reason == .customerNotReached)
        #expect(h.state(Fixture.alice) == .wrapUp)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .available)
    }

    @Test("J2 End while the customer rings stops it (wrap-up); the agent's phone hanging up just closes it")
    func givenUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let first = outdial(h)!
        h.answer(Fixture.alice)
        let firstCall = h.lastCustomerDial()!.callID
        h.run(.end(first), by: Fixture.alice)
        #expect(h.task(first).status == .wrapup && h.telephony.contains(.disconnectCustomer(firstCall)))
        h.run(.wrapUp(first, reasonID: Fixture.resolved), by: Fixture.alice)

        let second = outdial(h)!
        h.answer(Fixture.alice)
        h.signal(.deviceHungUp(dialNumber: h.dialNumber(Fixture.alice)))
        #expect(h.task(second).status == .closed && h.state(Fixture.alice) == .available)
        #expect(h.center.interactions[h.task(second).interactionID] == nil, "over and gone")
    }

    @Test("J2 an outdial the agent's own phone does not answer ends without RONA")
    func notAnsweredByTheAgent() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = outdial(h)!
        h.advance(seconds: 15)
        #expect(h.state(Fixture.alice) == .available)
        #expect(h.task(task).status == .closed && !h.events.contains { $0.type == .agentOfferContactRona })
        #expect(h.lastCustomerDial()?.callID == nil)
    }

    @Test("J2 E7 an outdial blind-transferred to an agent who does not take it ends: it has no queue to go back to")
    func transferredOutdialNotTaken() {
        let h = Harness(Fixture.configuration { $0.requeueOnTransferNotAccepted = true })
        h.login(Fixture.alice)
        h.login(Fixture.bob)
        let task = outdial(h)!
        h.answer(Fixture.alice)
        h.signal(.customerAnswered(h.lastCustomerDial()!.callID))
        let interaction = h.task(task).interactionID
        h.run(.transfer(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        h.advance(seconds: 15)
        #expect(h.center.interactions[interaction] == nil || h.center.interactions[interaction]?.ending?.reason == .transferNotAccepted)
        #expect(h.last?.isFault == false)
    }

    @Test("J1 J2 an outdial at a limit is refused with the reason code; the call up goes on")
    func atLimit() {
        let h = Harness(Fixture.configuration { $0.concurrentCallLimit = 1 })
        h.login(Fixture.alice)
        h.login(Fixture.bob)
        let call = h.connectedCall(to: Fixture.alice)
        let refused = h.refuse(.outdial(number: Self.customer, entryPointID: nil), by: Fixture.bob)
        #expect(refused?.callLimit == .tenant && refused?.reason == "tenant_call_limit")
        #expect(h.task(call).status == .connected && h.ringing(Fixture.bob) == nil)
    }
}
