import Synchronization
public import SwitchboardCore
public import SwitchboardEngine

/// The `sim` telephony provider: a phone network in memory for one tenant. Customers' calls
/// and agents' phones are driven over HTTP (the `sim` endpoints): a customer places a call, and
/// answers one the contact center places (a callback); outside parties (dial numbers, experts)
/// answer by themselves after `outsideAnswerDelay`. It keeps just enough state to say
/// what each phone is doing; the engine stays the owner of everything else.
public final class SimulatedSwitch: TelephonyPort {
    private let engine = Mutex<TenantEngine?>(nil)
    private let state = Mutex(Network())
    private let work: AsyncStream<DelayedSignal>.Continuation
    private let workStream: AsyncStream<DelayedSignal>
    public let outsideAnswerDelay: Duration

    public init(outsideAnswerDelay: Duration = .seconds(3)) {
        self.outsideAnswerDelay = outsideAnswerDelay
        (workStream, work) = AsyncStream.makeStream()
    }

    /// Connects the switch to the engine it reports to (the engine is made with the switch).
    public func attach(_ engine: TenantEngine) { self.engine.withLock { $0 = engine } }

    /// Delivers the outside parties' delayed answers until the calling task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await delayed in workStream {
                group.addTask { [self] in
                    try? await Task.sleep(for: delayed.delay)
                    guard isCurrent(delayed) else { return }
                    _ = await signal(delayed.signal)
                }
            }
        }
    }

    public func execute(_ commands: [TelephonyCommand]) {
        state.withLock { network in
            for command in commands {
                switch command {
                case .answerCustomer(let callID):
                    network.calls[callID]?.status = .queued
                case .ringAgent(_, let dialNumber, let task, _):
                    network.devices[dialNumber.value, default: SimulatedDevice()].ringing = task
                case .cancelRinging(_, let dialNumber, let task, _):
                    if network.devices[dialNumber.value]?.ringing == task { network.devices[dialNumber.value]?.ringing = nil }
                case .disconnectAgent(_, let dialNumber, let task, _):
                    network.devices[dialNumber.value]?.connected.removeAll { $0 == task }
                case .dialExternal(let interactionID, let leg, _):
                    network.outside[leg] = false
                    work.yield(DelayedSignal(signal: .externalAnswered(interactionID, leg: leg), leg: leg, delay: outsideAnswerDelay))
                case .disconnectExternal(_, let leg):
                    network.outside[leg] = nil
                case .disconnectCustomer(let callID):
                    network.calls[callID]?.status = .ended
                case .dialCustomer(let interactionID, let callID, let number):
                    // I3: the customer's phone rings; the customer answers it on the customer page.
                    network.calls[callID] = SimulatedCall(
                        ani: number.value, dnis: "", status: .ringing, interactionID: interactionID, isCallback: true)
                    network.callByInteraction[interactionID] = callID
                case .updateMedia(let interactionID, let plan):
                    // A new media plan never brings back a call that was disconnected.
                    guard let callID = network.callByInteraction[interactionID],
                        let status = network.calls[callID]?.status, status != .ended, status != .ringing
                    else { continue }
                    network.calls[callID]?.status =
                        plan.customerHearsQueueAudio ? .queued : plan.onHold.contains(.customer) ? .held : .connected
                }
            }
        }
    }

    /// After a restart. The phone network outlives the server, so its calls come back from the
    /// contact center's restored state: each live interaction's customer call (queued, connected
    /// or held), what rings on and what is connected to each agent's phone, and the outside
    /// parties on the line (one still ringing answers after the usual delay).
    public func restore(from center: ContactCenter) {
        state.withLock { network in
            for interaction in center.interactions.values where !interaction.isEnded {
                let status: SimulatedCall.Status =
                    switch interaction.customerLeg {
                    case .held: .held
                    case .connected: .connected
                    case .ended: .ended
                    case .ringing: .ringing
                    case .queued: .queued
                    }
                // A callback nobody is dialling has no call on the network; a SIP customer's call
                // is not the simulated network's (it ended with the process: `TelephonyRouter.reconcile`).
                guard let callID = interaction.callID, !CustomerCalls.isSIP(callID) else { continue }
                network.calls[callID] = SimulatedCall(
                    ani: interaction.ani, dnis: interaction.dnis, status: status, interactionID: interaction.id,
                    isCallback: interaction.callback != nil)
                network.callByInteraction[interaction.id] = callID
                let outside: [(leg: UInt64, answered: Bool)] = [
                    interaction.consult?.externalLeg.map { ($0, interaction.consult?.isAccepted == true) },
                    interaction.outsideParty.map { ($0.leg, true) },
                ].compactMap(\.self)
                for (leg, answered) in outside {
                    network.outside[leg] = answered
                    if !answered {
                        work.yield(
                            DelayedSignal(
                                signal: .externalAnswered(interaction.id, leg: leg), leg: leg, delay: outsideAnswerDelay))
                    }
                }
            }
            for task in center.tasks.values {
                // A SIP phone's legs are the SIP provider's.
                guard let station = center.agents[task.agentID]?.station, station.device == .sim else { continue }
                let dialNumber = station.dialNumber.value
                switch task.status {
                // J2: a preview rings nothing until the agent chooses Call.
                case .offered where !task.isPreviewing: network.devices[dialNumber, default: SimulatedDevice()].ringing = task.id
                case .connected: network.devices[dialNumber, default: SimulatedDevice()].connected.append(task.id)
                default: continue
                }
            }
        }
    }

    // MARK: Customers

    /// A customer calls `dnis`, with the CAD values routing set; the call's id, or why the
    /// contact center refused it.
    public func placeCall(
        _ callID: CallID, from ani: String, to dnis: String, variables: [String: String]? = nil
    ) async -> Result<InteractionID, CommandError> {
        state.withLock { $0.calls[callID] = SimulatedCall(ani: ani, dnis: dnis, status: .dialling) }
        let result = await signal(.customerCallArrived(callID, ani: ani, dnis: dnis, variables: variables))
        switch result.outcome {
        case .success(.interaction(let id)):
            state.withLock {
                $0.callByInteraction[id] = callID
                $0.calls[callID]?.interactionID = id
            }
            return .success(id)
        case .failure(let error):
            state.withLock { $0.calls[callID]?.status = .rejected }
            return .failure(error)
        case .success:
            return .failure(CommandError(.unavailable, "The call was not admitted."))
        }
    }

    /// The customer hangs up.
    public func hangUp(_ callID: CallID) async -> CommandResult {
        let result = await signal(.customerHungUp(callID))
        if result.isSuccess { state.withLock { $0.calls[callID]?.status = .ended } }
        return result
    }

    /// The customer presses keys (I1: `1` in the queue chooses a courtesy callback where offered).
    /// Nil when the call is over.
    public func sendDigits(_ digits: String, on callID: CallID) async -> CommandResult? {
        let live = state.withLock { network in
            guard let status = network.calls[callID]?.status, status != .ended, status != .rejected else { return false }
            network.calls[callID]?.digits += digits
            return true
        }
        guard live else { return nil }
        return await signal(.digits(callID, digits))
    }

    /// I3: the customer answers the callback ringing on their phone.
    public func answerCall(_ callID: CallID) async -> CommandResult? {
        guard state.withLock({ $0.calls[callID]?.status == .ringing }) else { return nil }
        let result = await signal(.customerAnswered(callID))
        if result.isSuccess { state.withLock { $0.calls[callID]?.status = .connected } }
        return result
    }

    public func call(_ callID: CallID) -> SimulatedCall? { state.withLock { $0.calls[callID] } }

    /// I3: the call placed to call the customer of `interactionID` back, the latest one.
    public func callbackCall(for interactionID: InteractionID) -> (CallID, SimulatedCall)? {
        state.withLock { network in
            guard let callID = network.callByInteraction[interactionID], let call = network.calls[callID], call.isCallback
            else { return nil }
            return (callID, call)
        }
    }

    // MARK: Agents' phones

    /// The phone picks up the call ringing on it.
    public func answer(dialNumber: DialNumber) async -> CommandResult {
        let ringing = state.withLock { $0.devices[dialNumber.value]?.ringing }
        let result = await signal(.deviceAnswered(dialNumber: dialNumber, task: ringing))
        if result.isSuccess, let ringing {
            state.withLock { network in
                network.devices[dialNumber.value]?.ringing = nil
                network.devices[dialNumber.value]?.connected.append(ringing)
            }
        }
        return result
    }

    /// The phone hangs up: rejects what rings, or ends the call it is on.
    public func hangUp(dialNumber: DialNumber) async -> CommandResult {
        let task = state.withLock { $0.devices[dialNumber.value].flatMap { $0.ringing ?? $0.connected.last } }
        let result = await signal(.deviceHungUp(dialNumber: dialNumber, task: task))
        state.withLock { network in
            network.devices[dialNumber.value]?.ringing = nil
            if let task { network.devices[dialNumber.value]?.connected.removeAll { $0 == task } }
        }
        return result
    }

    /// The phone fails (unreachable) on what rings or the call it is on.
    public func fail(dialNumber: DialNumber) async -> CommandResult {
        let task = state.withLock { $0.devices[dialNumber.value].flatMap { $0.ringing ?? $0.connected.last } }
        let result = await signal(.deviceFailed(dialNumber: dialNumber, reason: .unreachable, task: task))
        state.withLock { network in
            network.devices[dialNumber.value]?.ringing = nil
            if let task { network.devices[dialNumber.value]?.connected.removeAll { $0 == task } }
        }
        return result
    }

    public func device(_ dialNumber: DialNumber) -> SimulatedDevice {
        state.withLock { $0.devices[dialNumber.value] ?? SimulatedDevice() }
    }

    // MARK: Plumbing

    private func signal(_ signal: TelephonySignal) async -> CommandResult {
        guard let engine = engine.withLock({ $0 }) else {
            return CommandResult(outcome: .failure(CommandError(.unavailable, "The switch is not connected.")), events: [])
        }
        return await engine.signal(signal)
    }

    private func isCurrent(_ delayed: DelayedSignal) -> Bool {
        state.withLock { network in
            guard network.outside[delayed.leg] == false else { return false }
            network.outside[delayed.leg] = true
            return true
        }
    }

    private struct Network {
        var calls: [CallID: SimulatedCall] = [:]
        var callByInteraction: [InteractionID: CallID] = [:]
        var devices: [String: SimulatedDevice] = [:]
        /// Outside calls by leg: whether the party has answered.
        var outside: [UInt64: Bool] = [:]
    }

    private struct DelayedSignal: Sendable {
        var signal: TelephonySignal
        var leg: UInt64
        var delay: Duration
    }
}

/// A customer's simulated call, as the customer phone page shows it.
public struct SimulatedCall: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// `dialling`: the customer's call on its way in; `ringing`: a call to the customer rings.
        case dialling, rejected, queued, ringing, connected, held, ended
    }

    public var ani: String
    public var dnis: String
    public var status: Status
    public var interactionID: InteractionID?
    /// I3: placed by the contact center to call the customer back.
    public var isCallback = false
    public var digits = ""
}

/// An agent's simulated phone: what rings on it and what it is connected to.
public struct SimulatedDevice: Sendable, Equatable {
    public var ringing: TaskID?
    public var connected: [TaskID] = []

    public var isRinging: Bool { ringing != nil }
}
