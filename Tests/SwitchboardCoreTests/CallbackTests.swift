import Foundation
import SwitchboardCore
import Testing

/// I1–I4 (and C5's callback offer) through the contact center: courtesy and web callbacks, the
/// dial-out when the agent's phone answers, retries, Cancel, and the timers that survive a restart.
@Suite("I callbacks")
struct CallbackTests {
    static let customer = "+4512345678"

    /// The fixture with courtesy callbacks at the support entry point from `minimumWait` seconds.
    static func configuration(
        minimumWait: Int? = 0, _ adjust: (inout TenantSettings) -> Void = { _ in }
    ) -> TenantConfiguration {
        Fixture.configuration { settings in
            settings.callbackRingSeconds = 30
            settings.callbackRetrySeconds = 60
            settings.callbackMaxAttempts = 2
            adjust(&settings)
        }.modified { lists in
            lists.entryPoints[0].courtesyCallback = minimumWait.map(CourtesyCallbackOffer.init(minimumEstimatedWaitSeconds:))
        }
    }

    func webCallback(_ h: Harness, name: String = "Mette", number: String = Self.customer) -> InteractionID {
        let transition = h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: name, number: number)))
        guard case .success(.interaction(let id)) = transition.outcome else {
            Issue.record("web callback refused: \(transition.outcome)")
            return "none"
        }
        return id
    }

    @Test("I2 C5 a web callback waits in its queue with no call and is offered to an agent as a callback")
    func webCallbackOffered() {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        #expect(h.eventTypes() == [.callbackRequested, .contactQueued])
        #expect(h.center.interactions[id]?.callID == nil)
        #expect(h.center.queuePlace(of: id) == 1)
        h.login(Fixture.alice)
        let task = h.ringing(Fixture.alice)!
        let offer = h.task(task)
        #expect(offer.contactType == .callback && offer.ani == Self.customer && offer.dnis == Fixture.supportNumber)
        #expect(offer.callback?.kind == .web && offer.callback?.name == "Mette" && offer.callback?.isDialling == false)
        #expect(offer.callID == nil)
        // C5: the customer's phone number, the queue that routed it and the DNIS.
        #expect(offer.popoverVariables.map(\.name) == ["phoneNumber", "queueName", "dnis"])
        #expect(offer.popoverVariables.map(\.value) == [Self.customer, "Support", Fixture.supportNumber])
    }

    @Test("I2 a web callback needs a known entry point, a number to call and a name")
    func webCallbackValidated() {
        let h = Harness(Self.configuration())
        let unknown = h.apply(.customer(.webCallback(entryPointID: "ep-nope", name: "A", number: Self.customer)))
        #expect(unknown.outcome.failure?.code == .notFound && unknown.outcome.failure?.field == "entryPointId")
        let badNumber = h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: "A", number: "call me")))
        #expect(badNumber.outcome.failure?.code == .invalidDialNumber && badNumber.outcome.failure?.field == "number")
        let noName = h.apply(.customer(.webCallback(entryPointID: Fixture.supportEP, name: "", number: Self.customer)))
        #expect(noName.outcome.failure?.field == "name")
        #expect(h.center.interactions.isEmpty)
    }

    @Test("I3 the agent's phone answering dials the customer; Ringing until the customer answers and they connect")
    func dialAndConnect() {
        let h = Harness(Self.configuration { $0.recordingEnabled = true })
        let id = webCallback(h)
        h.login(Fixture.alice)
        let task = h.answer(Fixture.alice)
        guard let (dialledID, callID, number) = h.lastCustomerDial() else {
            Issue.record("the customer was not dialled")
            return
        }
        #expect(dialledID == id && number.value == Self.customer)
        #expect(h.eventTypes().contains(.agentCallbackDialling))
        let dialling = h.task(task)
        #expect(dialling.status == .offered && dialling.callback?.isDialling == true && dialling.callID == callID)
        #expect(dialling.controls.accept == .disabled(.callingCustomer) && dialling.controls.end == .disabled(.callingCustomer))
        #expect(dialling.controls.cancel == .disabled(.cancelNotEnabled))
        #expect(h.timers[.ringTimeout(task)] == nil && h.timers[.callbackNoAnswer(id)] != nil)
        // The phone's answer again, or the desktop's accept, changes nothing.
        #expect(h.signal(.deviceAnswered(dialNumber: h.dialNumber(Fixture.alice))).outcome.failure?.reason == "stale_signal")

        h.signal(.customerAnswered(callID))
        #expect(h.eventTypes().contains(.agentContactAssigned) && h.eventTypes().contains(.contactRecordingStarted))
        let connected = h.task(task)
        #expect(connected.status == .connected && connected.legs.first?.state == .connected)
        #expect(connected.controls.end == .enabled && connected.controls.hold == .enabled)
        #expect(h.state(Fixture.alice) == .engaged)
        #expect(h.timers[.callbackNoAnswer(id)] == nil)
        #expect(h.center.interactions[id]?.callback?.attempts.last?.outcome == .answered)
    }

    @Test("I4 an unanswered callback waits for its retry, keeps its place, and ends after the last attempt")
    func retries() {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        h.login(Fixture.alice)
        let first = h.answer(Fixture.alice)
        let firstCall = h.lastCustomerDial()!.1
        h.advance(seconds: 30)
        // The customer did not answer: the agent's task closes without RONA or wrap-up.
        let failed = h.events.last { $0.type == .callbackAttemptFailed }
        guard case .task(let snapshot, let details)? = failed?.data else {
            Issue.record("no CallbackAttemptFailed")
            return
        }
        #expect(details.reason == "no_answer" && details.attempt == 1 && details.retryAt != nil)
        #expect(snapshot.status == .closed && snapshot.closeReason == .customerNoAnswer)
        #expect(h.state(Fixture.alice) == .available)
        #expect(h.telephony.contains(.disconnectCustomer(firstCall)))
        #expect(h.telephony.contains(.disconnectAgent(Fixture.alice, dialNumber: h.dialNumber(Fixture.alice), task: first)))
        #expect(h.center.interactions[id]?.retryAt == details.retryAt && h.center.queuePlace(of: id) == nil)
        #expect(h.ringing(Fixture.alice) == nil, "nothing is offered before the retry is due")

        // A later call waits too; when the retry is due the callback is ahead of it (I1, I4: its place).
        h.run(.setState(.idle(Fixture.lunch)), by: Fixture.alice)
        let (_, later) = h.call()
        h.advance(seconds: 60)
        #expect(h.eventTypes().contains(.callbackRetried))
        #expect(h.center.queuePlace(of: id) == 1 && h.center.queuePlace(of: later) == 2)
        h.run(.setState(.available), by: Fixture.alice)
        let second = h.answer(Fixture.alice)
        #expect(h.task(second).contactType == .callback)
        h.signal(.customerFailed(h.lastCustomerDial()!.1, reason: .busy))
        // Two unanswered attempts are all the tenant allows: the callback ends.
        #expect(h.center.interactions[id] == nil || h.center.interactions[id]?.isEnded == true)
        #expect(h.events.contains { event in
            if case .interaction(let data) = event.data { event.type == .contactEnded && data.reason == "callback_unanswered" } else { false }
        })
        #expect(h.ringing(Fixture.alice) != nil, "the later call is offered next")
    }

    @Test("I1 pressing 1 in the queue chooses a courtesy callback: the call leaves the line and the place stays")
    func courtesyCallback() {
        let h = Harness(Self.configuration(minimumWait: 0))
        let (firstCall, first) = h.call(from: Self.customer)
        let (_, second) = h.call(from: "+4587654321")
        #expect(h.center.courtesyCallbackOffered(to: first, at: h.now))
        h.signal(.digits(firstCall, "1"))
        #expect(h.telephony.contains(.disconnectCustomer(firstCall)))
        #expect(h.eventTypes() == [.callbackRequested])
        let interaction = h.center.interactions[first]!
        #expect(interaction.contactType == .callback && interaction.callID == nil && interaction.callback?.kind == .courtesy)
        #expect(h.center.queuePlace(of: first) == 1 && h.center.queuePlace(of: second) == 2)
        // The old call's hang-up (the caller put the phone down after choosing) changes nothing.
        #expect(h.signal(.customerHungUp(firstCall)).outcome.failure?.code == .notFound)
        #expect(!h.center.courtesyCallbackOffered(to: first, at: h.now), "chosen once")

        h.login(Fixture.alice)
        let task = h.ringing(Fixture.alice)!
        #expect(h.task(task).interactionID == first && h.task(task).contactType == .callback)
        #expect(h.task(task).callback?.kind == .courtesy && h.task(task).ani == Self.customer)
        h.answer(Fixture.alice)
        #expect(h.lastCustomerDial()?.2.value == Self.customer)
        // A courtesy callback cannot be cancelled (only web callbacks can, I3).
        #expect(h.task(task).controls.cancel == .disabled(.notWebCallback))
    }

    @Test("I1 the courtesy callback is offered only above the entry point's estimated wait, and only for 1")
    func courtesyCallbackThreshold() {
        let h = Harness(Self.configuration(minimumWait: 200))
        h.login(Fixture.alice, available: false)
        let (callID, id) = h.call(from: Self.customer)
        // One staffed agent, first in line, 180 s assumed per call: 180 s expected, under 200.
        #expect(h.center.estimatedWait(of: h.center.interactions[id]!) == .seconds(180))
        #expect(!h.center.courtesyCallbackOffered(to: id, at: h.now))
        h.signal(.digits(callID, "1"))
        #expect(h.center.interactions[id]?.callback == nil && !h.telephony.contains(.disconnectCustomer(callID)))
        let (secondCall, second) = h.call(from: "+4587654321")
        #expect(h.center.courtesyCallbackOffered(to: second, at: h.now), "second in line: 360 s")
        h.signal(.digits(secondCall, "2"))
        #expect(h.center.interactions[second]?.callback == nil, "only 1 chooses it")
        h.signal(.digits(secondCall, "1"))
        #expect(h.center.interactions[second]?.callback?.kind == .courtesy)
        // Without a number to call back (withheld), it is never offered.
        let (_, anonymous) = h.call(from: "anonymous")
        #expect(!h.center.courtesyCallbackOffered(to: anonymous, at: h.now))
        // With no courtesy callback at the entry point, never.
        let plain = Harness(Self.configuration(minimumWait: nil))
        let (_, plainID) = plain.call(from: Self.customer)
        #expect(!plain.center.courtesyCallbackOffered(to: plainID, at: plain.now))
    }

    @Test("I1 outside the entry point's opening hours the courtesy callback is offered whatever the wait")
    func outsideOpeningHours() {
        func harness(_ days: [OpeningHours.DayHours]) -> Harness {
            let hours = OpeningHours(timeZone: "UTC", days: days, offsets: [])
            return Harness(Self.configuration(minimumWait: 10_000).modified { $0.entryPoints[0].openingHours = hours })
        }
        let closed = harness([])
        closed.login(Fixture.alice, available: false)
        let (_, waiting) = closed.call(from: Self.customer)
        #expect(closed.center.courtesyCallbackOffered(to: waiting, at: closed.now), "closed: offered at once")
        let open = harness((1...7).map { OpeningHours.DayHours(weekday: $0, opensAt: 0, closesAt: 1440) })
        open.login(Fixture.alice, available: false)
        let (_, short) = open.call(from: Self.customer)
        #expect(!open.center.courtesyCallbackOffered(to: short, at: open.now), "open, and the wait is short")
    }

    @Test("I1 the estimated wait learns the queue's handle time from wrapped-up calls")
    func handleTimeLearned() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.advance(seconds: 100)
        h.run(.end(task), by: Fixture.alice)
        h.advance(seconds: 20)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.center.handleTimes.averageHandleTime(of: Fixture.support) == .seconds(120))
        h.run(.setState(.idle(Fixture.lunch)), by: Fixture.alice)
        let (_, id) = h.call()
        #expect(h.center.estimatedWait(of: h.center.interactions[id]!) == .seconds(120))
    }

    @Test("I3 Cancel before the customer answers a web callback: the dial-out stops, the callback ends, the agent wraps up")
    func cancel() {
        let h = Harness(Self.configuration { $0.endCallForWebCallback = true })
        let id = webCallback(h)
        h.login(Fixture.alice)
        let task = h.ringing(Fixture.alice)!
        #expect(h.task(task).controls.cancel == .disabled(.notAccepted), "nothing to cancel while the agent's phone rings")
        h.answer(Fixture.alice)
        let callID = h.lastCustomerDial()!.1
        #expect(h.task(task).controls.cancel == .enabled)
        h.run(.cancel(task), by: Fixture.alice)
        #expect(h.eventTypes().contains(.callbackCancelled) && h.eventTypes().contains(.agentWrapup))
        #expect(h.task(task).status == .wrapup && h.state(Fixture.alice) == .wrapUp)
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(h.telephony.contains(.disconnectAgent(Fixture.alice, dialNumber: h.dialNumber(Fixture.alice), task: task)))
        #expect(h.center.interactions[id]?.ending?.reason == .callbackCancelled)
        #expect(h.timers[.callbackNoAnswer(id)] == nil)
        // The customer answering late finds no callback.
        #expect(h.signal(.customerAnswered(callID)).outcome.failure?.code == .notFound)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .available)
    }

    @Test("I3 the agent's phone hanging up while dialling puts the callback back at its place, not counted")
    func agentHangsUpWhileDialling() {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.answer(Fixture.alice)
        let callID = h.lastCustomerDial()!.1
        h.signal(.deviceHungUp(dialNumber: h.dialNumber(Fixture.alice)))
        #expect(h.task(task).closeReason == .callbackAbandoned)
        #expect(h.telephony.contains(.disconnectCustomer(callID)))
        #expect(!h.telephony.contains(.disconnectAgent(Fixture.alice, dialNumber: h.dialNumber(Fixture.alice), task: task)))
        #expect(h.center.interactions[id]?.callback?.unansweredAttempts == 0)
        #expect(h.state(Fixture.alice) == .available)
        // Back in its place at once: offered again (to Alice, the agent free longest now).
        #expect(h.ringing(Fixture.alice) != nil && h.task(h.ringing(Fixture.alice)!).interactionID == id)
    }

    @Test("I4 the customer rejecting the callback's call counts as busy")
    func customerRejects() {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        h.login(Fixture.alice)
        h.answer(Fixture.alice)
        h.signal(.customerHungUp(h.lastCustomerDial()!.1))
        let failed = h.lastEvents(.callbackAttemptFailed).first
        if case .task(_, let details)? = failed?.data { #expect(details.reason == "busy") } else { Issue.record("no failure") }
        #expect(h.center.interactions[id]?.retryAt != nil)
    }

    @Test("I3 E7 a callback transferred on after it connected rings the next agent, who connects without a second dial")
    func transferredCallback() {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        h.login(Fixture.alice)
        let first = h.answer(Fixture.alice)
        let callID = h.lastCustomerDial()!.1
        h.signal(.customerAnswered(callID))
        h.login(Fixture.bob)
        h.run(.transfer(first, to: .agent(Fixture.bob)), by: Fixture.alice)
        let dials = h.telephony.count { if case .dialCustomer = $0 { true } else { false } }
        let second = h.answer(Fixture.bob)
        #expect(h.telephony.count { if case .dialCustomer = $0 { true } else { false } } == dials, "the customer is on the line")
        #expect(h.task(second).status == .connected && h.center.interactions[id]?.callID == callID)
        #expect(h.eventTypes().contains(.agentContactAssigned))
    }

    @Test("I1 I2 a callback nobody reached in the expiry time ends; one being dialled is looked at again; one answered stays")
    func expiry() {
        let h = Harness(Self.configuration { $0.callbackExpirySeconds = 600 })
        let waiting = webCallback(h)
        #expect(h.center.pendingTimers.contains { $0.0 == .callbackExpiry(waiting) })
        h.advance(seconds: 600)
        #expect(h.center.interactions[waiting] == nil)
        #expect(h.events.contains { event in
            if case .interaction(let data) = event.data { event.type == .contactEnded && data.reason == "callback_expired" } else { false }
        })

        let dialling = webCallback(h)
        h.advance(seconds: 599)
        h.login(Fixture.alice)
        h.answer(Fixture.alice)
        h.advance(seconds: 5)
        #expect(h.center.interactions[dialling]?.callingBackTaskID != nil, "being dialled: not cut off")
        h.signal(.customerAnswered(h.lastCustomerDial()!.1))
        h.advance(seconds: 120)
        #expect(h.center.interactions[dialling]?.phase == .connected, "answered: done, never expires")
    }

    @Test("C2 a callback offer the agent does not answer is RONA and waits at its place again")
    func ronaOfCallbackOffer() {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        h.login(Fixture.alice)
        h.advance(seconds: 15)
        #expect(h.state(Fixture.alice) == .rona)
        #expect(h.center.queuePlace(of: id) == 1 && h.center.interactions[id]?.callback?.attempts.isEmpty == true)
    }

    @Test("K5 a callback's ring time and its retry are pending timers, to be set again after a restart")
    func pendingTimers() throws {
        let h = Harness(Self.configuration())
        let id = webCallback(h)
        h.login(Fixture.alice)
        h.answer(Fixture.alice)
        #expect(h.center.pendingTimers.contains { $0.0 == .callbackNoAnswer(id) })
        h.advance(seconds: 30)
        let retry = h.center.pendingTimers.first { $0.0 == .callbackRetry(id) }
        #expect(retry?.1 == h.center.interactions[id]?.retryAt)
        // A restored center (its snapshot decoded) keeps the callback and the same timers.
        let restored = try JSONDecoder().decode(ContactCenter.self, from: try JSONEncoder().encode(h.center))
        #expect(restored.interactions[id] == h.center.interactions[id])
        #expect(restored.pendingTimers.map(\.0) == h.center.pendingTimers.map(\.0))
    }
}

extension Result where Failure == CommandError {
    /// The refusal, if the input was refused.
    var failure: CommandError? {
        if case .failure(let error) = self { error } else { nil }
    }
}
