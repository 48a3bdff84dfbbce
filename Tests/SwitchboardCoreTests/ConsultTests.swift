import SwitchboardCore
import Testing

@Suite("E1–E6 consult")
struct ConsultTests {
    @Test("E1 consult needs an active call")
    func needsActiveCall() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        h.call()
        let task = h.ringing(Fixture.alice)!
        #expect(h.refuse(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)?.reason == "not_accepted")
        #expect(h.lastEvents(.agentConsultFailed).count == 1)
    }

    @Test("E1 the agent list shows Available and Idle agents with their state, searchable")
    func agentList() {
        let h = Harness()
        h.login(Fixture.alice)
        h.connectedCall(to: Fixture.alice)
        h.login(Fixture.bob, available: false)
        h.login(Fixture.carol)
        h.login(Fixture.dave)
        h.call()
        h.answer(Fixture.carol)
        let all = h.center.targets(for: .consult, type: .agent, query: "", by: Fixture.alice)
        #expect(all.map(\.id) == [Fixture.bob.rawValue, Fixture.dave.rawValue])
        #expect(all.map(\.agentState) == [.idle, .available])
        #expect(h.center.targets(for: .consult, type: .agent, query: "DAH", by: Fixture.alice).map(\.name) == ["Dave Dahl"])
        #expect(h.center.targets(for: .transfer, type: .agent, query: "", by: Fixture.alice).map(\.id) == [Fixture.dave.rawValue])
    }

    @Test("E1 queues, entry points, the address book and experts are listed and searchable")
    func otherLists() {
        let h = Harness()
        let queues = h.center.targets(for: .consult, type: .queue, query: "", by: Fixture.alice)
        #expect(queues.map(\.name) == ["Support", "Sales"])
        #expect(h.center.targets(for: .consult, type: .entryPoint, query: "70100200", by: Fixture.alice).map(\.name) == ["Sales EP"])
        #expect(h.center.targets(for: .consult, type: .entryPoint, query: "(45) 70-10", by: Fixture.alice).isEmpty, "E6: no special characters")
        #expect(h.center.targets(for: .consult, type: .dialNumber, query: "billing", by: Fixture.alice).map(\.number) == ["+4533445566"])
        let experts = h.center.targets(for: .consult, type: .expert, query: "", by: Fixture.alice)
        #expect(experts.map(\.name) == ["Ida Holm"], "only experts with a business number")
        #expect(h.center.targets(for: .consult, type: .expert, query: "finance", by: Fixture.alice).count == 1)
        #expect(h.center.targets(for: .consult, type: .expert, query: "+4522334455", by: Fixture.alice).count == 1)
        #expect(h.center.targets(for: .consult, type: .expert, query: "+45223", by: Fixture.alice).isEmpty, "the full number only")
    }

    @Test("E1 consult to an Idle agent rings that agent; to a busy one is refused")
    func consultAgent() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.login(Fixture.bob, available: false)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(h.ringing(Fixture.bob) != nil)
        #expect(h.eventTypes().contains(.agentConsultCreated))
        #expect(h.task(task).legs.map(\.state) == [.held, .ringing])

        let other = Harness()
        other.login(Fixture.alice)
        other.login(Fixture.bob)
        let first = other.connectedCall(to: Fixture.alice)
        other.connectedCall(to: Fixture.bob)
        let error = other.refuse(.consult(first, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(error?.code == .consultTargetUnavailable)
        #expect(other.task(first).legs.map(\.state) == [.connected], "nothing changed")
        #expect(other.refuse(.consult(first, to: .agent(Fixture.alice)), by: Fixture.alice)?.code == .consultTargetUnavailable)
    }

    @Test("E1 consult to a queue waits for an Available agent of that queue, never the initiator")
    func consultQueue() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .queue(Fixture.sales)), by: Fixture.alice)
        #expect(h.task(task).legs.last?.state == .queued)
        h.login(Fixture.eve, team: Fixture.salesTeam)
        let offer = h.ringing(Fixture.eve)!
        #expect(h.task(offer).contactType == .consult)
        h.answer(Fixture.eve)
        #expect(h.task(task).legs.map(\.state) == [.held, .connected])
    }

    @Test("E1 consult to a dial number or an expert dials out; answering connects the consult")
    func consultOutside() {
        let h = Harness()
        h.login(Fixture.alice)
        let (_, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: .dialNumber("(+45) 33-44-55-66")), by: Fixture.alice)
        let billing = h.lastDial()!
        #expect(billing.0 == interactionID && billing.number == Fixture.number("+4533445566"))
        #expect(h.task(task).legs.last?.party.name == "Billing office", "address-book name beside the number")
        h.signal(.externalAnswered(interactionID, leg: billing.leg))
        #expect(h.task(task).legs.map(\.state) == [.held, .connected])
        #expect(h.controls(task).consultTransfer == .enabled)
        h.run(.consultEnd(task), by: Fixture.alice)
        #expect(h.telephony.contains(.disconnectExternal(interactionID, leg: billing.leg)))

        h.run(.consult(task, to: .expert(Fixture.expertWithNumber)), by: Fixture.alice)
        let expert = h.lastDial()!
        #expect(expert.number == Fixture.number("+4522334455") && expert.leg != billing.leg)
        // A late answer from the first outside call does not connect the second.
        #expect(h.signal(.externalAnswered(interactionID, leg: billing.leg)).outcome.failureCode == .notAllowedInState)
        #expect(h.task(task).legs.last?.state == .ringing)
        h.signal(.externalFailed(interactionID, leg: expert.leg))
        #expect(h.eventTypes() == [.agentConsultFailed])
        #expect(h.refuse(.consult(task, to: .expert(Fixture.expertWithoutNumber)), by: Fixture.alice)?.code == .consultTargetUnavailable)
        #expect(h.refuse(.consult(task, to: .dialNumber("12")), by: Fixture.alice)?.code == .invalidDialNumber)
    }

    @Test("E2 consult requested: Transfer and Conference disabled for the initiator, Resume enabled")
    func consultRequested() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        let controls = h.controls(task)
        #expect(controls.consultTransfer == .disabled(.consultNotAccepted))
        #expect(controls.consultConference == .disabled(.consultNotAccepted))
        #expect(controls.unhold == .enabled)
        #expect(controls.consultEnd == .enabled)
        #expect(h.refuse(.consultTransfer(task), by: Fixture.alice)?.reason == "consult_not_accepted")
    }

    @Test("E3 before the consult is accepted, Resume takes the customer off hold and the consult keeps ringing")
    func resumeBeforeAccepted() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        h.run(.unhold(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.connected, .ringing])
        h.answer(Fixture.bob)
        #expect(h.task(task).legs.map(\.state) == [.connected, .held], "the customer was talking, so the consult waits")
    }

    @Test("E3 while a consult is connected exactly one leg is held: hold on one resumes the other")
    func exactlyOneLegHeld() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let (task, consulted) = h.consultation()
        #expect(h.task(task).legs.map(\.state) == [.held, .connected])
        #expect(h.task(consulted).legs.map(\.state) == [.held, .connected])
        h.run(.consultHold(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.connected, .held])
        h.run(.hold(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.held, .connected])
        h.run(.unhold(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.connected, .held])
        h.run(.consultUnhold(task), by: Fixture.alice)
        #expect(h.task(task).legs.map(\.state) == [.held, .connected])
    }

    @Test("E5 the consulted agent does not answer: RONA, agent 1 gets an error, the customer call is unharmed")
    func consultNoAnswer() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        h.advance(seconds: 15)
        #expect(h.state(Fixture.bob) == .rona)
        let failed = h.events.last { $0.type == .agentConsultFailed }
        #expect(failed?.taskID == task)
        if case .task(_, let details) = failed?.data { #expect(details.reason == "consulted_agent_no_answer") }
        #expect(h.task(task).status == .connected)
        #expect(h.task(task).legs.map(\.state) == [.held])
        #expect(h.controls(task).consult == .enabled)
        h.run(.unhold(task), by: Fixture.alice)
    }

    @Test("E5 the consulted agent's device fails: RONA with the reason, the customer call is unharmed")
    func consultDeviceFails() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        h.signal(.deviceFailed(dialNumber: "1002", reason: .unreachable))
        #expect(h.state(Fixture.bob) == .rona)
        #expect(h.eventTypes().contains(.agentConsultFailed))
        #expect(h.task(task).status == .connected)
    }

    @Test("E6 a number typed in the entry point tab that is an EP-DN consults that entry point; another is dialled")
    func entryPointByNumber() {
        let h = Harness()
        h.login(Fixture.alice)
        let (_, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: TargetRequest(type: .entryPoint, number: "+45 7010 0200")), by: Fixture.alice)
        #expect(h.task(task).legs.last?.party.kind == .entryPoint)
        h.run(.consultEnd(task), by: Fixture.alice)
        h.run(.consult(task, to: TargetRequest(type: .entryPoint, number: "+4570100999")), by: Fixture.alice)
        #expect(h.task(task).legs.last?.party.kind == .dialNumber)
        #expect(h.lastDial()?.0 == interactionID && h.lastDial()?.number == Fixture.number("+4570100999"))
    }

    @Test("E6 an unknown entry point fails with a clear reason that advises the administrator")
    func unknownEntryPoint() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let error = h.refuse(.consult(task, to: .entryPoint("ep-none")), by: Fixture.alice)
        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_entry_point")
        #expect(error?.message.contains("administrator") == true)
    }
}

@Suite("E2 E3 E5 more consult cases")
struct MoreConsultTests {
    @Test("E4 agent 2 is told when agent 1 holds or resumes either leg: one event per task")
    func consultedAgentGetsLegEvents() {
        let (h, task, consulted, _) = Harness.aliceConsultingBob()
        h.run(.unhold(task), by: Fixture.alice)
        #expect(h.lastEvents(.agentContactUnheld).map(\.taskID) == [task, consulted])
        #expect(h.lastEvents(.agentContactUnheld).last?.data.task?.legs.last?.state == .held)
        h.run(.consultUnhold(task), by: Fixture.alice)
        #expect(h.lastEvents(.agentConsultUnheld).map(\.taskID) == [task, consulted])
    }

    @Test("K3 a repeated consult hold or resume succeeds and changes nothing")
    func idempotentConsultHold() {
        let (h, task, _, _) = Harness.aliceConsultingBob()
        h.run(.consultHold(task), by: Fixture.alice)
        let before = h.center.interactions
        let again = h.run(.consultHold(task), by: Fixture.alice)
        #expect(again.events.map(\.type) == [.agentConsultHeld] && again.effects.isEmpty)
        #expect(h.center.interactions == before)
    }

    @Test("E5 a consult routed through a queue that rings out: RONA, agent 1 told; it rings for the target queue's timeout")
    func queueConsultRingsOut() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.login(Fixture.eve, team: Fixture.salesTeam)
        h.run(.consult(task, to: .queue(Fixture.sales)), by: Fixture.alice)
        let offer = h.ringing(Fixture.eve)!
        #expect(h.task(offer).ringDeadline == h.now.advanced(by: .seconds(10)), "Sales rings 10 s, not Support's 15 s")
        h.advance(seconds: 10)
        #expect(h.state(Fixture.eve) == .rona)
        #expect(h.events.last { $0.type == .agentConsultFailed }?.taskID == task)
        #expect(h.center.queues.isEmpty)
        #expect(h.task(task).legs.map(\.state) == [.held])
    }

    @Test("D4 the customer hanging up while a consult waits in a queue removes the request")
    func customerHangsUpDuringQueuedConsult() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: .queue(Fixture.sales)), by: Fixture.alice)
        h.signal(.customerHungUp(callID))
        #expect(h.center.queues.isEmpty)
        #expect(h.task(task).status == .wrapup)
    }
}
