import SwitchboardCore
import Testing

@Suite("E7 blind transfer")
struct TransferTests {
    @Test("E7 blind transfer to an agent: the transferring agent wraps up at once; the target answers")
    func toAgent() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.login(Fixture.bob)
        h.run(.transfer(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(h.task(task).status == .wrapup)
        #expect(h.state(Fixture.alice) == .wrapUp)
        #expect(h.eventTypes().contains(.agentBlindTransferred))
        let offer = h.answer(Fixture.bob)
        #expect(h.task(offer).status == .connected && h.task(offer).role == .owner)
    }

    @Test("E7 transfer lists only Available agents: Idle, Engaged and wrap-up agents are refused")
    func onlyAvailableAgents() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        #expect(h.refuse(.transfer(task, to: .agent(Fixture.bob)), by: Fixture.alice)?.code == .consultTargetUnavailable)
        h.login(Fixture.carol)
        let other = h.connectedCall(to: Fixture.carol)
        h.run(.end(other), by: Fixture.carol)
        #expect(h.state(Fixture.carol) == .wrapUp)
        #expect(h.refuse(.transfer(task, to: .agent(Fixture.carol)), by: Fixture.alice)?.code == .consultTargetUnavailable)
        #expect(h.center.targets(for: .transfer, type: .agent, query: "", by: Fixture.alice).isEmpty)
        #expect(h.task(task).status == .connected)
    }

    @Test("E7 a call transferred to an entry point is never routed back to the agent who transferred it")
    func neverBackToTransferrer() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.transfer(task, to: .entryPoint(Fixture.supportEP)), by: Fixture.alice)
        #expect(h.eventTypes().contains(.agentVteamTransferred))
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .available)
        #expect(h.ringing(Fixture.alice) == nil)
        h.login(Fixture.bob)
        #expect(h.ringing(Fixture.bob) != nil)
    }

    @Test("E7 transfer to a queue waits there for an agent")
    func toQueue() {
        let h = Harness()
        h.login(Fixture.alice)
        let (_, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.transfer(task, to: .queue(Fixture.sales)), by: Fixture.alice)
        #expect(h.center.queues[Fixture.sales]?.map(\.interactionID) == [interactionID])
        h.login(Fixture.eve, team: Fixture.salesTeam)
        #expect(h.ringing(Fixture.eve) != nil)
    }

    @Test("E7 if the agent target does not accept, the call is dropped")
    func targetDoesNotAcceptDrops() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.login(Fixture.bob)
        h.run(.transfer(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        h.advance(seconds: 15)
        #expect(h.state(Fixture.bob) == .rona)
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.center.queues.isEmpty)
        let ended = h.events.last { $0.type == .contactEnded }
        #expect(ended != nil)
    }

    @Test("E7 tenant option: the call is requeued by its original arrival time instead")
    func targetDoesNotAcceptRequeues() {
        let h = Harness(Fixture.configuration { $0.requeueOnTransferNotAccepted = true })
        h.login(Fixture.alice)
        let (callID, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.advance(seconds: 30)
        let (_, later) = h.call()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        h.run(.transfer(task, to: .agent(Fixture.eve)), by: Fixture.alice)
        h.signal(.deviceFailed(dialNumber: "1005", reason: .busy))
        #expect(h.state(Fixture.eve) == .rona)
        #expect(!h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.center.queuePlace(of: interactionID) == 1, "ahead of the call that came later")
        #expect(h.center.queuePlace(of: later) == 2)
    }

    @Test("E7 transfer to a dial number or an expert connects the customer outside")
    func toOutside() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, interactionID) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.hold(task), by: Fixture.alice)
        h.run(.transfer(task, to: .dialNumber("+1 (201) 553-2447")), by: Fixture.alice)
        let plan = h.center.mediaPlan(for: h.center.interactions[interactionID]!)
        #expect(plan.bridged == [.customer, .external] && plan.onHold.isEmpty, "the customer talks to the outside party")
        let dial = h.lastDial()!
        #expect(dial.0 == interactionID && dial.number == Fixture.number("+12015532447"))
        #expect(h.center.interactions[interactionID]?.phase == .external)
        #expect(h.task(task).status == .wrapup)
        h.signal(.externalHungUp(interactionID, leg: dial.leg))
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.center.interactions[interactionID]?.isEnded == true)
    }

    @Test("E7 a transfer is not possible during a consult")
    func notDuringConsult() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        h.login(Fixture.carol)
        let (task, _) = h.consultation()
        #expect(h.refuse(.transfer(task, to: .agent(Fixture.carol)), by: Fixture.alice)?.reason == "consult_in_progress")
    }
}

@Suite("E7 more transfer cases")
struct MoreTransferTests {
    @Test("D4 E7 the customer hanging up while the transfer target rings withdraws the offer")
    func customerHangsUpDuringTransfer() {
        let h = Harness()
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.login(Fixture.bob)
        h.run(.transfer(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        let offer = h.ringing(Fixture.bob)!
        h.signal(.customerHungUp(callID))
        #expect(h.task(offer).status == .closed)
        #expect(h.state(Fixture.bob) == .available)
        #expect(h.task(task).status == .wrapup)
    }

    @Test("E7 only queues and entry points offered for transfer can be chosen")
    func transferTargetsOnly() {
        let configuration = Fixture.configuration().modified { lists in
            for index in lists.queues.indices where lists.queues[index].id == Fixture.sales {
                lists.queues[index].isTransferTarget = false
            }
        }
        let h = Harness(configuration)
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        #expect(h.refuse(.transfer(task, to: .queue(Fixture.sales)), by: Fixture.alice)?.code == .notFound)
        #expect(h.center.targets(for: .transfer, type: .queue, query: "", by: Fixture.alice).map(\.name) == ["Support"])
        #expect(h.center.targets(for: .consult, type: .queue, query: "", by: Fixture.alice).count == 2)
    }

    @Test("E7 a transfer to a plain queue may come back to the same agent; only an entry point never does")
    func queueTransferMayReturn() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.transfer(task, to: .queue(Fixture.support)), by: Fixture.alice)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.ringing(Fixture.alice) != nil)
    }
}
