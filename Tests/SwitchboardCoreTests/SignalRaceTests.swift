import SwitchboardCore
import Testing

/// Late or crossing signals from phones and outside parties never act on another call.
@Suite("Races between signals, timers and commands")
struct SignalRaceTests {
    @Test("C2 a phone answering after the ring timeout does not connect the agent's next call")
    func lateAnswer() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        let first = h.ringing(Fixture.alice)!
        h.advance(seconds: 15)
        #expect(h.state(Fixture.alice) == .rona)
        h.run(.setState(.available), by: Fixture.alice)
        let second = h.ringing(Fixture.alice)!
        #expect(second != first)
        let late = h.signal(.deviceAnswered(dialNumber: "1001", task: first))
        #expect(late.outcome.failureCode == .notAllowedInState)
        #expect(h.task(second).status == .offered, "the new offer still rings")
    }

    @Test("B2 a late hang-up of a finished call does not turn the agent's next offer into a RONA")
    func lateHangUp() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.carol)
        let carolsCall = h.connectedCall(to: Fixture.alice)
        h.run(.consult(carolsCall, to: .agent(Fixture.carol)), by: Fixture.alice)
        let consulted = h.answer(Fixture.carol)
        h.call()
        h.run(.consultEnd(carolsCall), by: Fixture.alice)
        let offer = h.ringing(Fixture.carol)!
        #expect(h.signal(.deviceHungUp(dialNumber: "1003", task: consulted)).outcome.failureCode == .notAllowedInState)
        #expect(h.task(offer).status == .offered)
        #expect(h.state(Fixture.carol) == .available)
    }

    @Test("C2 a ring timer that fires after the answer does nothing")
    func timerAfterAnswer() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        let task = h.answer(Fixture.alice)
        let stale = h.apply(.timer(.ringTimeout(task)))
        #expect(stale.events.isEmpty && stale.effects.isEmpty)
        #expect(h.task(task).status == .connected)
    }

    @Test("E7 a late hang-up from an outside consult does not end the call transferred outside since")
    func lateOutsideHangUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: .dialNumber("2000")), by: Fixture.alice)
        let consultLeg = h.lastDial()!.leg
        h.signal(.externalAnswered(interactionID, leg: consultLeg))
        h.run(.consultEnd(task), by: Fixture.alice)
        h.run(.transfer(task, to: .dialNumber("+4533445566")), by: Fixture.alice)
        let transferLeg = h.lastDial()!.leg
        #expect(h.signal(.externalHungUp(interactionID, leg: consultLeg)).outcome.failureCode == .notAllowedInState)
        #expect(h.center.interactions[interactionID]?.phase == .external)
        #expect(!h.telephony.contains(.disconnectCustomer(callID)))
        h.signal(.externalHungUp(interactionID, leg: transferLeg))
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
    }

    @Test("E9 agent 1's phone hanging up in a conference is not sent a disconnect")
    func conferenceHangUpNoDisconnect() {
        let (h, task, consulted, _) = Harness.aliceConsultingBob()
        h.run(.consultConference(task), by: Fixture.alice)
        h.signal(.deviceHungUp(dialNumber: "1001"))
        #expect(!h.telephony.contains(.disconnectAgent(Fixture.alice, dialNumber: Fixture.number("1001"), task: task)))
        #expect(h.task(consulted).role == .owner)
    }

    @Test("A consult waiting in a queue leaves it when the call ends, even after the entry point moved")
    func queuedConsultAfterReconfiguration() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: .entryPoint(Fixture.salesEP)), by: Fixture.alice)
        #expect(h.center.queues[Fixture.sales]?.count == 1)
        let moved = Fixture.configuration().modified { lists in
            for index in lists.entryPoints.indices { lists.entryPoints[index].queueID = Fixture.support }
        }
        h.apply(.reconfigure(moved))
        h.signal(.customerHungUp(callID))
        #expect(h.center.queues.isEmpty)
    }
}
