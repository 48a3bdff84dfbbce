import SwitchboardCore
import SwitchboardEngine

/// The simulated world: customers, phones and outside parties, and how they answer what the
/// engine does.
extension DaySimulation {
    func perform(_ happening: Happening) async {
        switch happening {
        case .customerCalls(let number):
            let callID = CallID("call-\(nextCall)")
            nextCall += 1
            let ani = "+45\(Int.random(in: 20_000_000...99_999_999, using: &random))"
            let result = await signal(.customerCallArrived(callID, ani: ani, dnis: number))
            if case .failure(let error) = result.outcome, error.code == .concurrentCallLimit, parameters.callLimit != nil {
                // J1: refused busy at the limit; the calls up go on.
                report.refusedAtLimit += 1
            } else if case .success(.interaction(let id)) = result.outcome {
                report.calls += 1
                liveCalls.insert(id)
                plan(.customerHangsUp(callID), after: random.seconds(20...900))
                // I1: some callers rather be called back (where the wait is long enough, it is offered).
                if parameters.callbacks, random.chance(0.25) { plan(.customerPresses(callID, "1"), after: random.seconds(5...90)) }
            } else {
                violation("call \(callID) refused: \(result.outcome)")
            }
            planNextCall()
        case .customerHangsUp(let callID):
            await signal(.customerHungUp(callID))
        case .phoneAnswers(let index, let taskID):
            // Late answers (the offer has rung out meanwhile) are part of the day: the engine
            // must refuse them rather than connect the agent's next call.
            await signal(.deviceAnswered(dialNumber: SimulatedTenant.dialNumber(index), task: taskID))
        case .phoneFails(let index, let taskID, let failure):
            await signal(.deviceFailed(dialNumber: SimulatedTenant.dialNumber(index), reason: failure, task: taskID))
        case .outsideAnswers(let id, let leg):
            await signal(.externalAnswered(id, leg: leg))
        case .outsideFails(let id, let leg):
            await signal(.externalFailed(id, leg: leg))
        case .outsideHangsUp(let id, let leg):
            await signal(.externalHungUp(id, leg: leg))
        case .agentActs(let index):
            pendingActs.remove(index)
            await act(index)
        case .customerPresses(let callID, let digits):
            await signal(.digits(callID, digits))
        case .webCallbackAsked(let entryPointID):
            let number = "+45\(Int.random(in: 20_000_000...99_999_999, using: &random))"
            let result = await request(.webCallback(entryPointID: entryPointID, name: "Kunde", number: number))
            if case .success(.interaction(let id)) = result.outcome {
                liveCalls.insert(id)
            } else {
                violation("web callback refused: \(result.outcome)")
            }
            planNextCall()
        case .customerAnswersCallback(let callID):
            // A late answer (the ring time ran out meanwhile) is refused: nothing connects.
            if (await signal(.customerAnswered(callID))).isSuccess {
                report.dialOutsAnswered += 1
                if let id = callbackCalls[callID] { connectedCallbacks.insert(id) }
                plan(.customerHangsUp(callID), after: random.seconds(20...600))
            }
        case .customerFailsCallback(let callID, let failure):
            await signal(.customerFailed(callID, reason: failure))
        case .agentOutdials(let index):
            await outdial(by: index)
        case .agentBecomesAvailable(let index):
            guard let agent = await engine.agent(SimulatedTenant.agentID(index)),
                agent.chosenState == .rona || agent.chosenState == .idle
            else { return }
            await expectSuccess(.setState(.available), by: index)
        }
    }

    /// Reads the new events and telephony commands, reacts to them, and checks the invariants.
    func settle() async {
        let events = journal.events(after: lastSequence, limit: .max)
        for envelope in events {
            if envelope.sequence != lastSequence + 1 {
                violation("sequence gap: \(lastSequence) then \(envelope.sequence)")
            }
            lastSequence = envelope.sequence
            observe(envelope.event)
        }
        for command in telephony.drain() { answer(command) }
        if parameters.checksEveryStep { await checkInvariants() }
    }

    private func observe(_ event: DomainEvent) {
        let index = event.agentID.flatMap(Self.agentIndex)
        switch event.type {
        case .agentOfferContact:
            if let task = event.taskID {
                openOffers.insert(task)
                customerOffers.insert(task)
            }
        case .agentOfferConsult:
            if let task = event.taskID { openOffers.insert(task) }
        case .agentOfferCampaignContact:
            // J2: the agent reads the preview, then chooses.
            if let task = event.taskID { openOffers.insert(task) }
            if let id = event.interactionID { liveCalls.insert(id) }
            report.previews += 1
            if let index { plan(.agentActs(agent: index), after: random.seconds(2...40)) }
        case .agentContactAssigned, .agentConsulting:
            if let task = event.taskID, openOffers.remove(task) != nil, customerOffers.contains(task) {
                report.answered += 1
            }
        case .agentOfferContactRona:
            if let task = event.taskID, openOffers.remove(task) == nil { violation("RONA of \(task), not offered") }
            report.ronas += 1
        case .agentOfferWithdrawn:
            if let task = event.taskID, openOffers.remove(task) != nil, customerOffers.contains(task) {
                report.abandonedWhileRinging += 1
            }
        case .contactEnded:
            if let id = event.interactionID { liveCalls.remove(id) }
            // J2: an outdial that ended before the customer answered was still an offer.
            if let task = event.taskID { openOffers.remove(task) }
        case .callbackRequested:
            report.callbacksRequested += 1
        case .agentCallbackDialling:
            // The agent's phone is up and the customer rings: the agent may cancel or hang up.
            if let index { ensureAct(index) }
        case .callbackAttemptFailed, .callbackCancelled:
            if let task = event.taskID { openOffers.remove(task) }
        case .agentStateChange:
            if let index, event.data.agent?.state == .rona {
                plan(.agentBecomesAvailable(agent: index), after: random.seconds(3...30))
            }
        case .agentContactHeld: report.holds += 1
        case .agentConsultCreated: report.consults += 1
        case .agentConsultConferenced: if event.data.task?.role == .owner { report.conferences += 1 }
        case .agentConsultTransferred: if event.data.task?.status == .wrapup { report.consultTransfers += 1 }
        case .agentBlindTransferred, .agentVteamTransferred: report.blindTransfers += 1
        case .agentWrappedUp: report.wrapUps += 1
        default: break
        }
        if let index, let task = event.data.task, task.status == .connected || task.status == .wrapup {
            ensureAct(index)
        }
    }

    /// How the phone network answers the engine's orders.
    private func answer(_ command: TelephonyCommand) {
        switch command {
        case .ringAgent(_, let dialNumber, let task, _):
            guard let index = Self.agentIndex(dialNumber: dialNumber) else { return }
            let roll = random.unit()
            if roll < 0.82 {
                plan(.phoneAnswers(agent: index, task: task), after: random.seconds(0.5...11))
            } else if roll < 0.88 {
                let failure: DeviceFailure = [.busy, .declined, .unreachable].randomElement(using: &random)!
                plan(.phoneFails(agent: index, task: task, failure), after: random.seconds(0.2...4))
            }
        case .dialExternal(let id, let leg, _):
            if random.chance(0.85) {
                plan(.outsideAnswers(id, leg: leg), after: random.seconds(2...8))
                if random.chance(0.4) { plan(.outsideHangsUp(id, leg: leg), after: random.seconds(15...240)) }
            } else {
                plan(.outsideFails(id, leg: leg), after: random.seconds(1...6))
            }
        case .dialCustomer(let id, let callID, _):
            // I3, I4: the customer answers, is busy or unreachable, rejects the call, or lets it ring.
            if connectedCallbacks.contains(id) { violation("\(id) dialled again while its customer is on the line") }
            callbackCalls[callID] = id
            let roll = random.unit()
            if roll < 0.6 {
                plan(.customerAnswersCallback(callID), after: random.seconds(1...25))
            } else if roll < 0.75 {
                let failure: DeviceFailure = [.busy, .unreachable, .noAnswer].randomElement(using: &random)!
                plan(.customerFailsCallback(callID, failure), after: random.seconds(1...10))
            } else if roll < 0.85 {
                plan(.customerHangsUp(callID), after: random.seconds(1...10))
            }
        case .answerCustomer, .cancelRinging, .disconnectAgent, .disconnectExternal, .disconnectCustomer, .updateMedia:
            break
        }
    }

    func checkInvariants() async {
        let state = await engine.state
        for problem in state.invariantViolations() { violation(problem) }
        let live = Set(state.interactions.values.filter { !$0.isEnded }.map(\.id))
        if live != liveCalls {
            violation("calls lost or duplicated: engine \(live.sorted()) vs world \(liveCalls.sorted())")
            liveCalls = live
        }
    }

    /// After the last call: everyone wraps up and logs out, and nothing may be left over.
    func finishDay() async {
        if !agenda.isEmpty { violation("the day did not settle within 48 hours") }
        await checkInvariants()
        if !openOffers.isEmpty { violation("offers never resolved: \(openOffers.sorted())") }
        if !liveCalls.isEmpty { violation("calls never ended: \(liveCalls.sorted())") }
        for index in 1...parameters.agentCount {
            await expectSuccess(.logout, by: index)
        }
        await settle()
        let state = await engine.state
        if !state.interactions.isEmpty || !state.tasks.isEmpty || !state.queues.isEmpty {
            violation("state left over: \(state.interactions.count) interactions, \(state.tasks.count) tasks")
        }
    }
}
