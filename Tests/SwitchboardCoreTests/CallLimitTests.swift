import SwitchboardCore
import Testing

/// J1 (A7) through the contact center: the tenant's and the deployment's concurrent-call limits
/// count the customer and outside legs; at a limit nothing more is placed and nothing up is touched.
@Suite("J1 concurrent-call limits")
struct CallLimitTests {
    static func configuration(limit: Int?) -> TenantConfiguration {
        Fixture.configuration { $0.concurrentCallLimit = limit }
    }

    /// What the core told the network so far about calls already up (nothing may touch them).
    func disconnects(_ h: Harness) -> [TelephonyCommand] {
        h.telephony.filter { command in
            switch command {
            case .disconnectCustomer, .disconnectAgent, .disconnectExternal: true
            default: false
            }
        }
    }

    @Test("J1 at the tenant's limit a new call is refused busy with its reason code; the calls up go on")
    func inboundRefused() {
        let h = Harness(Self.configuration(limit: 2))
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let (_, queued) = h.call(from: "+4511111111")
        #expect(h.center.liveLegs == 2)
        let refused = h.signal(.customerCallArrived("call-over", ani: "+4522222222", dnis: Fixture.supportNumber))
        guard case .failure(let error) = refused.outcome else {
            Issue.record("the call over the limit was admitted")
            return
        }
        #expect(error.code == .concurrentCallLimit && error.reason == "tenant_call_limit" && error.callLimit == .tenant)
        #expect(error.callLimit?.reasonCode == "CCL-TENANT")
        let rejected = h.lastEvents(.contactRejected).first
        if case .interaction(let data)? = rejected?.data { #expect(data.reason == "tenant_call_limit") }
        #expect(disconnects(h).isEmpty, "nothing up is harmed")
        #expect(h.task(task).status == .connected && h.center.queuePlace(of: queued) == 1)
        // A leg ending makes room again.
        h.signal(.customerHungUp(h.center.interactions[queued]!.callID!))
        #expect(h.center.liveLegs == 1)
        let (_, admitted) = h.call(from: "+4522222222")
        #expect(h.center.interactions[admitted] != nil)
    }

    @Test("J1 a consult or blind transfer to a number outside is refused at the limit and changes nothing")
    func dialOutRefused() {
        let h = Harness(Self.configuration(limit: 1))
        h.login(Fixture.alice)
        h.login(Fixture.bob)
        let task = h.connectedCall(to: Fixture.alice)
        let consult = h.refuse(.consult(task, to: .dialNumber("+4533445566")), by: Fixture.alice)
        #expect(consult?.code == .concurrentCallLimit && consult?.callLimit == .tenant)
        #expect(h.eventTypes() == [.agentConsultFailed])
        #expect(h.task(task).legs.map(\.state) == [.connected] && h.lastDial() == nil)
        let transfer = h.refuse(.transfer(task, to: .expert(Fixture.expertWithNumber)), by: Fixture.alice)
        #expect(transfer?.reason == "tenant_call_limit" && h.task(task).status == .connected)
        // Inside the contact center nothing new goes out: a consult to an agent is placed.
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(h.ringing(Fixture.bob) != nil)
    }

    @Test("J1 an outside party's leg counts: a consult to a number fills a limit of two")
    func outsideLegCounts() {
        let h = Harness(Self.configuration(limit: 2))
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .dialNumber("+4533445566")), by: Fixture.alice)
        #expect(h.center.liveLegs == 2)
        #expect(h.signal(.customerCallArrived("call-over", ani: "+4522222222", dnis: Fixture.supportNumber)).outcome.failure?
            .reason == "tenant_call_limit")
    }

    @Test("J1 at the deployment's limit every tenant refuses with the deployment's code until there is room")
    func deploymentLimit() {
        let h = Harness(Self.configuration(limit: nil))
        h.apply(.deploymentCapacity(full: true))
        let refused = h.signal(.customerCallArrived("call-x", ani: "+4522222222", dnis: Fixture.supportNumber))
        #expect(refused.outcome.failure?.callLimit == .deployment && refused.outcome.failure?.reason == "deployment_call_limit")
        #expect(refused.outcome.failure?.callLimit?.reasonCode == "CCL-DEPLOYMENT")
        h.apply(.deploymentCapacity(full: false))
        let (_, id) = h.call()
        #expect(h.center.interactions[id] != nil)
    }

    @Test("J1 I3 at a limit a callback waits at its place; it is offered once a call ends")
    func callbacksWait() {
        let h = Harness(Self.configuration(limit: 1))
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let callback = h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: "Mette", number: "+4512345678")))
        guard case .success(.interaction(let id)) = callback.outcome else {
            Issue.record("web callback refused")
            return
        }
        h.login(Fixture.bob)
        #expect(h.ringing(Fixture.bob) == nil, "offering it would dial out over the limit")
        #expect(h.center.queuePlace(of: id) == 1)
        h.run(.end(task), by: Fixture.alice)
        #expect(h.ringing(Fixture.bob).map { h.task($0).interactionID } == id)
    }

    @Test("J1 room made by a leg that ends inside a call (an outside consult hanging up) offers the held callback")
    func roomWithoutAnEnd() {
        let h = Harness(Self.configuration(limit: 2))
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .dialNumber("+4533445566")), by: Fixture.alice)
        guard let (interaction, leg, _) = h.lastDial() else {
            Issue.record("no outside consult")
            return
        }
        h.signal(.externalAnswered(interaction, leg: leg))
        h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: "Mette", number: "+4512345678")))
        h.login(Fixture.bob)
        #expect(h.ringing(Fixture.bob) == nil, "two legs up: the limit holds the callback")
        h.signal(.externalHungUp(interaction, leg: leg))
        #expect(h.center.liveLegs == 1)
        #expect(h.ringing(Fixture.bob).map { h.task($0).contactType } == .callback)
    }

    @Test("J1 callbacks already ringing an agent count: with room for one dial-out, one callback is offered")
    func ringingCallbacksCount() {
        let h = Harness(Self.configuration(limit: 2))
        h.login(Fixture.alice)
        h.connectedCall(to: Fixture.alice)
        for number in ["+4512345678", "+4512345679"] {
            h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: "Mette", number: number)))
        }
        h.login(Fixture.bob)
        h.login(Fixture.carol)
        let ringing = [Fixture.bob, Fixture.carol].compactMap { h.ringing($0) }
        #expect(ringing.count == 1, "one leg of room: one callback at a time")
    }

    @Test("J1 a limit reached between a callback's offer and the answer: no dial-out, it waits at its place")
    func limitReachedBeforeDialOut() {
        let h = Harness(Self.configuration(limit: 1))
        h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: "Mette", number: "+4512345678")))
        h.login(Fixture.alice)
        let offer = h.ringing(Fixture.alice)!
        let (_, inbound) = h.call(from: "+4511111111")
        h.answer(Fixture.alice)
        #expect(!h.telephony.contains { if case .dialCustomer = $0 { true } else { false } })
        let failed = h.events.last { $0.type == .callbackAttemptFailed }
        if case .task(let task, let details)? = failed?.data {
            #expect(details.reason == "tenant_call_limit" && task.id == offer && task.status == .closed)
        } else {
            Issue.record("no CallbackAttemptFailed")
        }
        #expect(h.center.interactions[h.task(offer).interactionID]?.callback?.unansweredAttempts == 0)
        // Alice is free: the inbound call (a call, not a dial-out) is offered to her.
        #expect(h.ringing(Fixture.alice).map { h.task($0).interactionID } == inbound)
    }
}
