import SwitchboardCore
import Testing

/// The supervisor's list of interactions: the status comes from the interaction's machine.
@Suite("K7 interactions in progress")
struct SupervisionTests {
    @Test("K7 an interaction's status follows its machine: queued, ringing, connected, held, consult, wrapup, gone")
    func statusFollowsTheMachine() {
        let h = Harness()
        let status = { h.center.interactionSummaries.first?.status }
        h.login(Fixture.alice, available: false)
        h.call()
        #expect(status() == .queued)
        h.run(.setState(.available), by: Fixture.alice)
        #expect(status() == .ringing)
        #expect(h.center.interactionSummaries.first?.agentIDs == [Fixture.alice])
        let task = h.answer(Fixture.alice)
        #expect(status() == .connected)
        h.run(.hold(task), by: Fixture.alice)
        #expect(status() == .held)
        h.run(.unhold(task), by: Fixture.alice)
        h.login(Fixture.bob)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(status() == .consult)
        h.signal(.deviceFailed(dialNumber: h.dialNumber(Fixture.bob), reason: .noAnswer))
        #expect(status() == .held, "E5: the consult failed; the customer stays held for the agent to resume")
        h.run(.unhold(task), by: Fixture.alice)
        h.run(.end(task), by: Fixture.alice)
        #expect(status() == .wrapup)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.center.interactionSummaries.isEmpty, "gone once every agent has wrapped up")
    }

    @Test("K7 a ring-out puts the interaction back in its queue")
    func ringOut() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        #expect(h.center.interactionSummaries.first?.status == .ringing)
        h.advance(seconds: 60)
        #expect(h.center.interactionSummaries.first?.status == .queued)
    }
}
