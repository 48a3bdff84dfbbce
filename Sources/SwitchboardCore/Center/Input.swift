/// Everything that can change a tenant's contact center: what agents ask, what the telephony
/// provider reports, and timers firing. The core applies one at a time.
public enum Input: Sendable, Codable, Equatable {
    case command(AgentCommand, by: AgentID)
    case telephony(TelephonySignal)
    case timer(TimerID)
    /// What a customer asks for outside a call (a web form).
    case customer(CustomerRequest)
    /// J1: the deployment's concurrent-call limit was reached (`true`) or has room again.
    case deploymentCapacity(full: Bool)
    /// An administrator changed the configuration.
    case reconfigure(TenantConfiguration)
    /// J2: an administrator uploaded contacts to a campaign (checked by `CampaignUpload`).
    case loadCampaignContacts(CampaignID, [CampaignContactUpload])

    /// A report of the telephony provider (it may bring a leg up or down).
    public var isTelephony: Bool {
        if case .telephony = self { true } else { false }
    }

    /// The format journaled inputs are written in; a journal stores it beside each input.
    /// 1: a device signal names its phone with any text. 2: with a valid `DialNumber`.
    public static let format = 2

    /// The decoding options for an input journaled in `format`: format 1 keeps a dial number
    /// that is not valid (sanitized), as the release that wrote it looked such numbers up.
    public static func decodingOptions(format: Int) -> [CodingUserInfoKey: any Sendable] {
        format < 2 ? [.keepsInvalidDialNumbers: true] : [:]
    }
}

/// What an agent asks of the system (the `/v1/me` and `/v1/tasks` commands).
public enum AgentCommand: Hashable, Sendable, Codable {
    /// B1, L2: log in at the phone with `dialNumber`: its registered SIP phone, else the simulated
    /// one when `simulatedPhoneAvailable` (the `sim` provider is on; nil in journals written
    /// before phones could register, when it always was), else refused.
    case stationLogin(teamID: TeamID, dialNumber: String, canAnswerRemotely: Bool, simulatedPhoneAvailable: Bool? = nil)
    case logout
    case setState(RequestedState)
    case accept(TaskID)
    case decline(TaskID)
    case hold(TaskID)
    case unhold(TaskID)
    case end(TaskID)
    case wrapUp(TaskID, reasonID: ReasonID)
    case consult(TaskID, to: TargetRequest)
    case consultAccept(TaskID)
    case consultEnd(TaskID)
    case consultHold(TaskID)
    case consultUnhold(TaskID)
    case consultTransfer(TaskID)
    case consultConference(TaskID)
    case transfer(TaskID, to: TargetRequest)
    case pauseRecording(TaskID)
    case resumeRecording(TaskID)
    /// H1, H3, H4, K4: save CAD values, made from `version` (an empty value clears one).
    case saveCallData(TaskID, values: [String: String], version: Int)
    /// H2: the value of one secure variable, for this agent on the call (audited).
    case revealSecureValue(TaskID, name: String)
    /// I3: end a web callback before the customer answers; the agent wraps up.
    case cancel(TaskID)
    /// J2: call `number` from the agent's phone (first), shown with the entry point's number.
    case outdial(number: String, entryPointID: EntryPointID?)

    /// The task the command acts on, for task commands.
    public var taskID: TaskID? {
        switch self {
        case .stationLogin, .logout, .setState, .outdial: nil
        case .accept(let id), .decline(let id), .hold(let id), .unhold(let id), .end(let id), .wrapUp(let id, _),
            .consult(let id, _), .consultAccept(let id), .consultEnd(let id), .consultHold(let id),
            .consultUnhold(let id), .consultTransfer(let id), .consultConference(let id), .transfer(let id, _),
            .pauseRecording(let id), .resumeRecording(let id), .saveCallData(let id, _, _),
            .revealSecureValue(let id, _), .cancel(let id):
            id
        }
    }
}

/// What a customer asks of the contact center outside a call.
public enum CustomerRequest: Hashable, Sendable, Codable {
    /// I2: `POST /v1/callbacks`: call `number` back through the entry point's queue.
    case webCallback(entryPointID: EntryPointID, name: String, number: String)
}

/// `PUT /v1/me/state`.
public enum RequestedState: Hashable, Sendable, Codable {
    case available
    case idle(ReasonID)
}

/// `{"to":{"type","id"?,"number"?}}` of consult and transfer, before it is resolved.
public struct TargetRequest: Hashable, Sendable, Codable {
    public var type: TargetType
    public var id: String?
    public var number: String?

    public init(type: TargetType, id: String? = nil, number: String? = nil) {
        self.type = type
        self.id = id
        self.number = number
    }

    public static func agent(_ id: AgentID) -> TargetRequest { .init(type: .agent, id: id.rawValue) }
    public static func queue(_ id: QueueID) -> TargetRequest { .init(type: .queue, id: id.rawValue) }
    public static func entryPoint(_ id: EntryPointID) -> TargetRequest { .init(type: .entryPoint, id: id.rawValue) }
    public static func dialNumber(_ number: String) -> TargetRequest { .init(type: .dialNumber, number: number) }
    public static func expert(_ id: ExpertID) -> TargetRequest { .init(type: .expert, id: id.rawValue) }
}

/// The tabs of the consult and transfer dialogs (`type` in the API).
public enum TargetType: String, Hashable, Sendable, Codable, CaseIterable {
    case agent, queue, entryPoint, dialNumber, expert
}

/// What the telephony provider (the `sim` switch, or SIP) reports.
public enum TelephonySignal: Hashable, Sendable, Codable {
    /// A customer called an entry point's number; `variables` are CAD values routing set (the IVR
    /// or the trunk's headers), checked against the definitions.
    case customerCallArrived(CallID, ani: String, dnis: String, variables: [String: String]? = nil)
    case customerHungUp(CallID)
    /// The agent's phone picked up the call ringing on it. `task` names the call the provider
    /// rang for (`ringAgent`); a signal about a call that is no longer on the phone is refused
    /// instead of acting on the agent's next call. Without it, it acts on what is on the phone now.
    case deviceAnswered(dialNumber: DialNumber, task: TaskID? = nil)
    /// The agent's phone hung up (D5, E4).
    case deviceHungUp(dialNumber: DialNumber, task: TaskID? = nil)
    /// The agent's phone rejected or could not take the call ringing on it (E5, SIP.md).
    case deviceFailed(dialNumber: DialNumber, reason: DeviceFailure, task: TaskID? = nil)
    /// L2: a SIP phone registered at `dialNumber`, or refreshed its registration.
    case deviceRegistered(dialNumber: DialNumber, PhoneRegistration)
    /// L2: the phone at `dialNumber` unregistered, or its registration ran out.
    case deviceUnregistered(dialNumber: DialNumber)
    /// The outside party of a consult or transfer answered, failed or hung up. `leg` names the
    /// call the provider dialled (`dialExternal`): a late signal from an earlier one is refused.
    case externalAnswered(InteractionID, leg: UInt64)
    case externalFailed(InteractionID, leg: UInt64)
    case externalHungUp(InteractionID, leg: UInt64)
    /// The customer pressed keys on their call (I1: `1` chooses a courtesy callback).
    case digits(CallID, String)
    /// I3: the customer answered the call the contact center placed to them (`dialCustomer`).
    case customerAnswered(CallID)
    /// I4: the call placed to the customer failed: no answer, busy or unreachable.
    case customerFailed(CallID, reason: DeviceFailure)
}

/// `data.reason` of `AgentOfferContactRona`.
public enum DeviceFailure: String, Hashable, Sendable, Codable {
    case noAnswer = "no_answer"
    case busy
    case declined
    case unreachable
}

/// A timer the core asked for. Timers are state: they survive a restart (K5).
public enum TimerID: Hashable, Sendable, Codable {
    /// C2: the offer of this task rings out.
    case ringTimeout(TaskID)
    /// G2: the Privacy Shield pause of this interaction ends.
    case privacyShield(InteractionID)
    /// I4: the customer has not answered the callback's dial-out in the callback ring time.
    case callbackNoAnswer(InteractionID)
    /// I4: a callback the customer did not answer queues again.
    case callbackRetry(InteractionID)
    /// I1, I2: a callback nobody reached in the tenant's expiry time ends.
    case callbackExpiry(InteractionID)
}
