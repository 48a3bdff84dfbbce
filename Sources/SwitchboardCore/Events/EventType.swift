/// `type` of an event message (API.md), named as contact-center developers know them.
public enum EventType: String, Hashable, Sendable, Codable, CaseIterable {
    // Agent
    case agentStateChange = "AgentStateChange"
    case agentStationLogin = "AgentStationLogin"
    case agentLogout = "AgentLogout"
    /// L2: the agent's phone registered, refreshed its registration, or went away (`device`).
    case agentDeviceChanged = "AgentDeviceChanged"
    // Offers
    case agentContactReserved = "AgentContactReserved"
    case agentOfferContact = "AgentOfferContact"
    case agentOfferContactRona = "AgentOfferContactRona"
    /// J2 (*added*): a campaign contact's preview shows to the agent (Call or Skip); nothing rings yet.
    case agentOfferCampaignContact = "AgentOfferCampaignContact"
    /// An offer taken back without a RONA: the customer hung up, or the consult was cancelled.
    case agentOfferWithdrawn = "AgentOfferWithdrawn"
    case agentContactAssigned = "AgentContactAssigned"
    // Call control
    case agentContactHeld = "AgentContactHeld"
    case agentContactUnheld = "AgentContactUnheld"
    // Consult and conference
    case agentConsultCreated = "AgentConsultCreated"
    case agentOfferConsult = "AgentOfferConsult"
    case agentConsulting = "AgentConsulting"
    case agentConsultFailed = "AgentConsultFailed"
    case agentConsultEnded = "AgentConsultEnded"
    case agentConsultHeld = "AgentConsultHeld"
    case agentConsultUnheld = "AgentConsultUnheld"
    case agentConsultConferenced = "AgentConsultConferenced"
    case agentConsultTransferred = "AgentConsultTransferred"
    // Transfer
    case agentBlindTransferred = "AgentBlindTransferred"
    case agentVteamTransferred = "AgentVteamTransferred"
    // Recording
    case contactRecordingStarted = "ContactRecordingStarted"
    case contactRecordingPaused = "ContactRecordingPaused"
    case contactRecordingResumed = "ContactRecordingResumed"
    // Interaction
    case contactQueued = "ContactQueued"
    case contactRejected = "ContactRejected"
    /// CAD values changed (H3): to every agent on the interaction.
    case contactUpdated = "ContactUpdated"
    /// H2 (*added*): an agent revealed a secure value; the audit entry names the variable, never the value.
    case contactValueRevealed = "ContactValueRevealed"
    case contactEnded = "ContactEnded"
    case agentWrapup = "AgentWrapup"
    case agentWrappedUp = "AgentWrappedUp"
    // Callbacks
    /// I1, I2: a courtesy or web callback joined its queue.
    case callbackRequested = "CallbackRequested"
    /// I3: the agent's phone answered the callback's offer; the customer is being dialled.
    case agentCallbackDialling = "AgentCallbackDialling"
    /// I4: the customer did not answer an attempt (to the agent's task), and when it is tried again.
    case callbackAttemptFailed = "CallbackAttemptFailed"
    /// I4: a callback waiting for its retry queues again.
    case callbackRetried = "CallbackRetried"
    /// I3: the agent cancelled the web callback.
    case callbackCancelled = "CallbackCancelled"
    // Failures: exactly one per failed command (K3).
    case agentStationLoginFailed = "AgentStationLoginFailed"
    case agentLogoutFailed = "AgentLogoutFailed"
    case agentStateChangeFailed = "AgentStateChangeFailed"
    case agentContactAcceptFailed = "AgentContactAcceptFailed"
    case agentContactDeclineFailed = "AgentContactDeclineFailed"
    case agentContactHoldFailed = "AgentContactHoldFailed"
    case agentContactUnholdFailed = "AgentContactUnholdFailed"
    case agentContactEndFailed = "AgentContactEndFailed"
    case agentWrapupFailed = "AgentWrapupFailed"
    case agentConsultAcceptFailed = "AgentConsultAcceptFailed"
    case agentConsultEndFailed = "AgentConsultEndFailed"
    case agentConsultHoldFailed = "AgentConsultHoldFailed"
    case agentConsultUnholdFailed = "AgentConsultUnholdFailed"
    case agentConsultTransferFailed = "AgentConsultTransferFailed"
    case agentConsultConferenceFailed = "AgentConsultConferenceFailed"
    case agentBlindTransferFailed = "AgentBlindTransferFailed"
    case contactRecordingPauseFailed = "ContactRecordingPauseFailed"
    case contactRecordingResumeFailed = "ContactRecordingResumeFailed"
    case contactUpdateFailed = "ContactUpdateFailed"
    case contactValueRevealFailed = "ContactValueRevealFailed"
    case callbackCancelFailed = "CallbackCancelFailed"
    case agentOutdialFailed = "AgentOutdialFailed"
}

extension AgentCommand {
    /// The event that reports this command's failure (K3).
    public var failureEventType: EventType {
        switch self {
        case .stationLogin: .agentStationLoginFailed
        case .logout: .agentLogoutFailed
        case .setState: .agentStateChangeFailed
        case .accept: .agentContactAcceptFailed
        case .decline: .agentContactDeclineFailed
        case .hold: .agentContactHoldFailed
        case .unhold: .agentContactUnholdFailed
        case .end: .agentContactEndFailed
        case .wrapUp: .agentWrapupFailed
        case .consult: .agentConsultFailed
        case .consultAccept: .agentConsultAcceptFailed
        case .consultEnd: .agentConsultEndFailed
        case .consultHold: .agentConsultHoldFailed
        case .consultUnhold: .agentConsultUnholdFailed
        case .consultTransfer: .agentConsultTransferFailed
        case .consultConference: .agentConsultConferenceFailed
        case .transfer: .agentBlindTransferFailed
        case .pauseRecording: .contactRecordingPauseFailed
        case .resumeRecording: .contactRecordingResumeFailed
        case .saveCallData: .contactUpdateFailed
        case .revealSecureValue: .contactValueRevealFailed
        case .cancel: .callbackCancelFailed
        case .outdial: .agentOutdialFailed
        }
    }
}
