import Synchronization
public import SwitchboardCore
public import SwitchboardEngine

/// One tenant's telephony port: each command goes to the provider that carries its leg. An
/// agent's phone leg goes where the station's phone is (`StationDevice`): a registered SIP phone
/// to the `sip` provider, the simulated phone to `sim`; a customer's call to the provider it came
/// from (a trunk's INVITE, or the `sim` customer page); outside parties' calls to `sim` until the
/// trunk carries them. A SIP phone's leg with no `sip` provider running (a restart without SIP)
/// cannot ring: the offer fails as unreachable (E5).
public final class TelephonyRouter: TelephonyPort {
    public let simulated: SimulatedSwitch
    private let attached = Mutex<(engine: TenantEngine?, sip: SIPProvider?)>((nil, nil))

    public init(simulated: SimulatedSwitch) {
        self.simulated = simulated
    }

    /// Connects the router and its simulated switch to the engine they report to.
    public func attach(_ engine: TenantEngine) {
        simulated.attach(engine)
        attached.withLock { $0.engine = engine }
    }

    /// Routes SIP phones' legs and SIP customers' calls to `sip` from now on.
    public func attach(_ sip: SIPProvider) {
        attached.withLock { $0.sip = sip }
    }

    /// After a restart (K1, L1): each call leg the contact center thinks is up but that no
    /// provider carries is ended in the contact center as its provider would report it — a SIP
    /// customer's call as hung up, an offer ringing on a SIP phone as unreachable (E5), a call on
    /// a SIP phone as hung up there (E4). The simulated network outlives the server and keeps its
    /// calls (`SimulatedSwitch.restore(from:)`); SIP legs end with the process, and what the far
    /// ends still hold is ended on the wire (`LeftoverLegs`). Answers the signals it gave.
    @discardableResult
    public func reconcile() async -> [TelephonySignal] {
        let (engine, sip) = attached.withLock { ($0.engine, $0.sip) }
        guard let engine else { return [] }
        let center = await engine.state
        var signals: [TelephonySignal] = []
        for interaction in center.interactions.values where !interaction.isEnded {
            guard let callID = interaction.callID, CustomerCalls.isSIP(callID), sip?.customers.owns(callID) != true else { continue }
            signals.append(.customerHungUp(callID))
        }
        for task in center.tasks.values {
            guard let station = center.agents[task.agentID]?.station, station.device == .sip,
                sip?.phones.carries(task: task.id, of: engine) != true
            else { continue }
            switch task.status {
            case .offered where !task.isPreviewing:
                signals.append(.deviceFailed(dialNumber: station.dialNumber, reason: .unreachable, task: task.id))
            case .connected:
                signals.append(.deviceHungUp(dialNumber: station.dialNumber, task: task.id))
            default:
                continue
            }
        }
        for signal in signals { _ = await engine.signal(signal) }
        return signals
    }

    public func execute(_ commands: [TelephonyCommand]) {
        let (engine, sip) = attached.withLock { ($0.engine, $0.sip) }
        let phones = sip?.phones
        var simulatedCommands: [TelephonyCommand] = []
        simulatedCommands.reserveCapacity(commands.count)
        for command in commands {
            switch command {
            case .ringAgent(let agent, let dialNumber, let task, .sip):
                guard let engine else { continue }
                if let phones {
                    phones.ring(dialNumber, agent: agent, task: task, of: engine)
                } else {
                    Task { _ = await engine.signal(.deviceFailed(dialNumber: dialNumber, reason: .unreachable, task: task)) }
                }
            case .cancelRinging(_, _, let task, .sip), .disconnectAgent(_, _, let task, .sip):
                if let engine { phones?.hangUp(task: task, of: engine) }
            case .answerCustomer(let callID) where sip?.customers.owns(callID) == true:
                sip?.customers.answer(callID)
            case .disconnectCustomer(let callID) where sip?.customers.owns(callID) == true:
                sip?.customers.hangUp(callID)
            case .updateMedia(let interactionID, let plan) where sip?.customers.updateMedia(interactionID, plan) == true:
                continue
            default:
                simulatedCommands.append(command)
            }
        }
        if !simulatedCommands.isEmpty { simulated.execute(simulatedCommands) }
    }
}
