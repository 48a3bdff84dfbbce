import SwitchboardCore
import Testing

@Suite("D answering and the interaction")
struct CallHandlingTests {
    @Test("D1 answering on the phone starts the timer and shows the interaction")
    func answerStartsTimer() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        h.advance(seconds: 4)
        let task = h.answer(Fixture.alice)
        let snapshot = h.task(task)
        #expect(snapshot.status == .connected)
        #expect(snapshot.connectedAt == h.now)
        #expect(snapshot.ringDeadline == nil)
        #expect(snapshot.legs.map(\.state) == [.connected])
        #expect(h.timers[.ringTimeout(task)] == nil, "the ring timer is cancelled")
        #expect(h.eventTypes().contains(.agentContactAssigned))
    }

    @Test("D2 on hold the pane shows the call on hold and End is disabled; Resume brings it back")
    func holdDisablesEnd() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.hold(task), by: Fixture.alice)
        #expect(h.task(task).legs.first?.state == .held)
        #expect(h.controls(task).end == .disabled(.onHold))
        #expect(h.controls(task).unhold == .enabled)
        #expect(h.refuse(.end(task), by: Fixture.alice)?.reason == "on_hold")
        h.run(.unhold(task), by: Fixture.alice)
        #expect(h.controls(task).end == .enabled)
        #expect(h.task(task).legs.first?.state == .connected)
    }

    @Test("D3 End opens wrap-up; a reason from the list closes the task")
    func endAndWrapUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.end(task), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
        #expect(h.controls(task).wrapup == .enabled)
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(Set(h.eventTypes()).isSuperset(of: [.contactEnded, .agentWrapup]))
        #expect(h.refuse(.wrapUp(task, reasonID: "unknown"), by: Fixture.alice)?.code == .invalidRequest)
        #expect(h.refuse(.wrapUp(task, reasonID: "wrap-sales-only"), by: Fixture.alice)?.code == .invalidRequest)
        h.run(.wrapUp(task, reasonID: Fixture.escalated), by: Fixture.alice)
        #expect(h.task(task).status == .closed)
        #expect(h.task(task).wrapUpReasonID == Fixture.escalated)
        #expect(h.center.tasks[task] == nil && h.center.interactions.isEmpty, "closed work leaves the live state")
    }

    enum HangUpMoment: String, CaseIterable {
        case queued, ringing, connected, held, consultRequested, consulting, conference
    }

    @Test("D4 the customer may hang up at any time; that ends the interaction", arguments: HangUpMoment.allCases)
    func customerHangsUp(at moment: HangUpMoment) {
        let h = Harness()
        h.login(Fixture.bob, available: false)
        let (callID, interactionID) = h.call()
        var task: TaskID?
        if moment != .queued {
            h.login(Fixture.alice)
            task = h.ringing(Fixture.alice)
        }
        switch moment {
        case .queued, .ringing: break
        case .connected: h.answer(Fixture.alice)
        case .held:
            h.answer(Fixture.alice)
            h.run(.hold(task!), by: Fixture.alice)
        case .consultRequested, .consulting, .conference:
            h.answer(Fixture.alice)
            h.run(.consult(task!, to: .agent(Fixture.bob)), by: Fixture.alice)
            if moment != .consultRequested { h.answer(Fixture.bob) }
            if moment == .conference { h.run(.consultConference(task!), by: Fixture.alice) }
        }
        h.signal(.customerHungUp(callID))
        #expect(h.center.interactions[interactionID].map(\.isEnded) ?? true)
        #expect(h.center.queues.isEmpty)
        #expect(!h.telephony.contains(.disconnectCustomer(callID)), "the customer is already gone")
        switch moment {
        case .queued:
            #expect(h.eventTypes() == [.contactEnded])
        case .ringing:
            #expect(h.task(task!).status == .closed)
            #expect(h.state(Fixture.alice) == .available, "no RONA when the customer gives up")
        default:
            #expect(h.task(task!).status == .wrapup)
            #expect(h.state(Fixture.alice) == .wrapUp)
        }
    }

    @Test("D6 every interaction control needs an accepted call")
    func controlsNeedAcceptedCall() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        let task = h.ringing(Fixture.alice)!
        let controls = h.controls(task)
        for (name, control) in controls.named where ![.accept, .decline, .consultAccept, .wrapup, .cancel].contains(name) {
            #expect(control == .disabled(.notAccepted), "\(name)")
        }
        #expect(h.refuse(.hold(task), by: Fixture.alice)?.reason == "not_accepted")
        #expect(h.refuse(.transfer(task, to: .dialNumber("2000")), by: Fixture.alice)?.reason == "not_accepted")
        #expect(h.lastEvents(.agentBlindTransferFailed).count == 1)
    }

    @Test("An agent never touches another agent's task")
    func foreignTask() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.login(Fixture.bob)
        #expect(h.refuse(.hold(task), by: Fixture.bob)?.code == .taskNotFound)
        #expect(h.refuse(.hold("task-404"), by: Fixture.alice)?.code == .taskNotFound)
        #expect(h.task(task).legs.first?.state == .connected)
    }

    @Test("An agent's phone hanging up ends the call (D5)")
    func phoneHangUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.signal(.deviceHungUp(dialNumber: "1001"))
        #expect(h.task(task).status == .wrapup)
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(!h.telephony.contains { if case .disconnectAgent = $0 { true } else { false } })
    }

    @Test("Media follows the call: queue audio, bridge, hold audio")
    func mediaPlans() {
        let h = Harness()
        let (_, interactionID) = h.call()
        #expect(h.center.mediaPlan(for: h.center.interactions[interactionID]!).customerHearsQueueAudio)
        h.login(Fixture.alice)
        let task = h.answer(Fixture.alice)
        #expect(h.center.mediaPlan(for: h.center.interactions[interactionID]!).bridged == [.customer, .agent(Fixture.alice)])
        h.run(.hold(task), by: Fixture.alice)
        let plan = h.center.mediaPlan(for: h.center.interactions[interactionID]!)
        #expect(plan.onHold == [.customer] && plan.bridged == [.agent(Fixture.alice)])
        #expect(h.telephony.last == .updateMedia(interactionID, plan))
    }
}
