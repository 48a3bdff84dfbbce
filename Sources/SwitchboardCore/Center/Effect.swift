/// What the engine must do after a transition: talk to the telephony provider, or set a timer.
public enum Effect: Hashable, Sendable {
    case telephony(TelephonyCommand)
    case scheduleTimer(TimerID, at: Instant)
    case cancelTimer(TimerID)
}

/// Orders for the telephony provider. The provider reports back with `TelephonySignal`s.
public enum TelephonyCommand: Hashable, Sendable {
    /// Answer the customer's call so it hears queue audio (SIP.md: answered when it enters the queue).
    case answerCustomer(CallID)
    /// Ring the agent's phone for a task (an offer or a consult request). `device` says which
    /// provider carries the phone: the station's registered SIP phone, or the simulated one.
    case ringAgent(AgentID, dialNumber: DialNumber, task: TaskID, device: StationDevice = .sim)
    /// Stop ringing the agent's phone (the offer was withdrawn or timed out).
    case cancelRinging(AgentID, dialNumber: DialNumber, task: TaskID, device: StationDevice = .sim)
    /// Hang up the agent's phone leg of a task.
    case disconnectAgent(AgentID, dialNumber: DialNumber, task: TaskID, device: StationDevice = .sim)
    /// Call a number outside (consult or transfer to a dial number or expert); `leg` identifies
    /// this outside call in the signals about it.
    case dialExternal(InteractionID, leg: UInt64, number: DialNumber)
    case disconnectExternal(InteractionID, leg: UInt64)
    /// Hang up the customer's call.
    case disconnectCustomer(CallID)
    /// I3: call the customer back on `number`; `callID` names this call in the signals about it.
    case dialCustomer(InteractionID, callID: CallID, number: DialNumber)
    /// Who hears whom on the interaction now (the B2BUA's bridge).
    case updateMedia(InteractionID, MediaPlan)
}

/// The media state of one interaction: which parties are bridged together, which hear hold audio,
/// and whether the customer hears queue audio. Declarative, so applying it twice is harmless.
public struct MediaPlan: Hashable, Sendable, Codable {
    public var bridged: [MediaParty] = []
    public var onHold: [MediaParty] = []
    public var customerHearsQueueAudio = false
    public var isRecording = false
}

/// A party to an interaction's media.
public enum MediaParty: Hashable, Sendable, Codable {
    case customer
    case agent(AgentID)
    case external
}
