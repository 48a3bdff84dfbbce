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
