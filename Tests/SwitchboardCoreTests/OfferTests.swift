import SwitchboardCore
import Testing

@Suite("C offers and routing")
struct OfferTests {
    @Test("C1 an offer shows connecting, then the contact request with the phone ringing; no Accept for voice")
    func connectingThenContactRequest() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        let types = h.eventTypes()
        let reserved = types.firstIndex(of: .agentContactReserved)
        let offered = types.firstIndex(of: .agentOfferContact)
        #expect(reserved != nil && offered != nil && reserved! < offered!)
        let task = h.task(h.ringing(Fixture.alice)!)
        #expect(task.status == .offered)
        #expect(task.controls.accept == .disabled(.answerOnPhone))
        #expect(task.ani == "+4512345678" && task.dnis == Fixture.supportNumber)
        #expect(task.queue?.name == "Support")
        #expect(h.telephony.contains(.ringAgent(Fixture.alice, dialNumber: Fixture.number("1001"), task: task.id)))
    }

    @Test("C1 D1 a phone that allows remote answer can be answered from the desktop")
    func remoteAnswer() {
        let h = Harness()
        h.run(.stationLogin(teamID: Fixture.supportTeam, dialNumber: "1001", canAnswerRemotely: true), by: Fixture.alice)
        h.run(.setState(.available), by: Fixture.alice)
        h.call()
        let taskID = h.ringing(Fixture.alice)!
        #expect(h.controls(taskID).accept == .enabled)
        h.run(.accept(taskID), by: Fixture.alice)
        #expect(h.task(taskID).status == .connected)
        #expect(h.lastEvents(.agentContactAssigned).count == 1)
    }

    @Test("C2 ring timeout returns the call to its queue, the agent goes RONA, the next agent is tried")
    func ringTimeout() {
        let h = Harness()
        h.login(Fixture.alice)
        h.advance(seconds: 1)
        h.login(Fixture.bob)
        let (_, interactionID) = h.call()
        let first = h.ringing(Fixture.alice)!
        h.advance(seconds: 14)
        #expect(h.task(first).status == .offered)
        h.advance(seconds: 1)
        #expect(h.task(first).status == .closed)
        #expect(h.state(Fixture.alice) == .rona)
        let rona = h.events.last { $0.type == .agentOfferContactRona }
        if case .task(_, let details) = rona?.data { #expect(details.reason == "no_answer") }
        #expect(h.events.contains { $0.type == .contactQueued && $0.interactionID == interactionID })
        let second = h.ringing(Fixture.bob)
        #expect(second != nil)
        #expect(h.task(second!).interactionID == interactionID)
    }

    @Test("C2 a RONA'd call keeps its original place in the queue")
    func ronaKeepsPlace() {
        let h = Harness()
        h.login(Fixture.alice)
        let (_, first) = h.call()
        h.advance(seconds: 5)
        let (_, second) = h.call()
        #expect(h.center.queuePlace(of: second) == 1)
        h.advance(seconds: 10)
        // Alice ran out; the first call is back ahead of the second.
        #expect(h.center.queuePlace(of: first) == 1)
        #expect(h.center.queuePlace(of: second) == 2)
        h.login(Fixture.bob)
        #expect(h.task(h.ringing(Fixture.bob)!).interactionID == first)
    }

    @Test("A3 ring timeout per queue, with the tenant default")
    func ringTimeoutPerQueue() {
        let h = Harness()
        h.login(Fixture.dave)
        h.call(Fixture.salesNumber)
        let sales = h.ringing(Fixture.dave)!
        #expect(h.task(sales).ringDeadline == h.now.advanced(by: .seconds(10)))
        h.advance(seconds: 10)
        #expect(h.state(Fixture.dave) == .rona)

        let tenant = Harness(Fixture.configuration { $0.ringTimeoutSeconds = 20 })
        tenant.login(Fixture.alice)
        tenant.call()
        #expect(tenant.task(tenant.ringing(Fixture.alice)!).ringDeadline == tenant.now.advanced(by: .seconds(20)))
    }

    @Test("Routing: the agent who has been Available the longest gets the offer")
    func longestAvailable() {
        let h = Harness()
        h.login(Fixture.bob)
        h.advance(seconds: 3)
        h.login(Fixture.alice)
        h.advance(seconds: 3)
        h.login(Fixture.carol)
        h.call()
        #expect(h.ringing(Fixture.bob) != nil)
        h.call()
        #expect(h.ringing(Fixture.alice) != nil)
    }

    @Test("Routing: calls are served by arrival time across the queues an agent serves")
    func arrivalOrderAcrossQueues() {
        let h = Harness()
        let (_, sales) = h.call(Fixture.salesNumber)
        h.advance(seconds: 1)
        h.call(Fixture.supportNumber)
        h.login(Fixture.dave, team: Fixture.supportTeam)
        #expect(h.task(h.ringing(Fixture.dave)!).interactionID == sales)
    }

    @Test("Routing: an agent is offered only calls of queues its team serves")
    func teamServesQueue() {
        let h = Harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        h.call(Fixture.supportNumber)
        #expect(h.ringing(Fixture.eve) == nil)
        h.call(Fixture.salesNumber)
        #expect(h.ringing(Fixture.eve) != nil)
    }

    @Test("Routing: a call to an unknown number is refused; the queue answers the customer")
    func unknownNumber() {
        let h = Harness()
        let transition = h.signal(.customerCallArrived("call-x", ani: "+4511111111", dnis: "+4599999999"))
        #expect(transition.outcome.failureCode == .notFound)
        #expect(h.eventTypes() == [.contactRejected])
        let (callID, _) = h.call()
        #expect(h.telephony.contains(.answerCustomer(callID)))
    }

    @Test("C3 popover: the administrator's variables in order, at most 6, never a secure one")
    func popoverVariables() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        let variables = h.task(h.ringing(Fixture.alice)!).popoverVariables
        #expect(variables.map(\.name) == ["customerName", "caseNumber", "topic", "priority", "callbackAt", "segment"])
        #expect(variables.first?.value == "Jens Hansen")
        #expect(!variables.contains { $0.name == "accountNumber" })
    }

    @Test("C3 popover: at least 3 variables even when fewer are marked for it")
    func popoverAtLeastThree() {
        let variables = [
            CADVariable(id: "1", name: "a", label: "A", isShownOnPopover: true, order: 1),
            CADVariable(id: "2", name: "secret", label: "S", isSecure: true, order: 2),
            CADVariable(id: "3", name: "b", label: "B", order: 3),
            CADVariable(id: "4", name: "c", label: "C", order: 4),
            CADVariable(id: "5", name: "d", label: "D", order: 5),
        ]
        let shown = PopoverVariables.configured(variables, values: ["a": "1"])
        #expect(shown.map(\.name) == ["a", "b", "c"])
        #expect(PopoverVariables.configured(Array(variables.prefix(2)), values: [:]).map(\.name) == ["a"])
    }

    @Test("C4 consult popover: the initiator's name, DN and team, then the configured variables, at most 9")
    func consultPopover() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        let offer = h.task(h.ringing(Fixture.bob)!)
        #expect(offer.contactType == .consult)
        #expect(offer.popoverVariables.count == 9)
        #expect(offer.popoverVariables.prefix(3).map(\.value) == ["Alice Andersen", "1001", "Support Team"])
        #expect(h.eventTypes().contains(.agentOfferConsult))
    }

    @Test("C4 consult through an EP-DN: only the initiator's DN and the configured variables, at most 7")
    func consultPopoverViaEntryPoint() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.login(Fixture.bob)
        h.run(.consult(task, to: .entryPoint(Fixture.supportEP)), by: Fixture.alice)
        let offer = h.task(h.ringing(Fixture.bob)!)
        #expect(offer.popoverVariables.count == 7)
        #expect(offer.popoverVariables.first == PopoverVariable(name: "agentDN", label: "Agent DN", value: "1001"))
        #expect(offer.role == .consulted(viaEntryPoint: true))
    }
}

extension Result where Success == CommandReply, Failure == CommandError {
    var failureCode: CommandError.Code? { if case .failure(let error) = self { error.code } else { nil } }
}
