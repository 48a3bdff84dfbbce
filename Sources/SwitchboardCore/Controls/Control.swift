/// One control of a task (K2): enabled, or disabled with the reason.
public enum Control: Hashable, Sendable {
    case enabled
    case disabled(DisabledReason)

    public var isEnabled: Bool { self == .enabled }

    public var disabledReason: DisabledReason? {
        if case .disabled(let reason) = self { reason } else { nil }
    }
}

/// Why a control is disabled: `reason` in the API, machine-readable.
public enum DisabledReason: String, Hashable, Sendable, Codable, CaseIterable {
    case taskClosed = "task_closed"
    /// D6: the call has not been accepted yet.
    case notAccepted = "not_accepted"
    case notOffered = "not_offered"
    /// D1: a voice call is answered on the phone.
    case answerOnPhone = "answer_on_phone"
    case notConsultOffer = "not_consult_offer"
    case consultOffer = "consult_offer"
    case inWrapUp = "in_wrapup"
    case notInWrapUp = "not_in_wrapup"
    /// D2: End is disabled while the customer is on hold.
    case onHold = "on_hold"
    case notOnHold = "not_on_hold"
    /// Only the agent who owns the customer call may do this (E4).
    case notOwner = "not_owner"
    /// Only the agent who started the consult may do this (E4).
    case notInitiator = "not_initiator"
    case consultInProgress = "consult_in_progress"
    /// E2: the consulted party has not accepted yet.
    case consultNotAccepted = "consult_not_accepted"
    case consultOnHold = "consult_on_hold"
    case consultNotOnHold = "consult_not_on_hold"
    case noConsult = "no_consult"
    case inConference = "in_conference"
    case notWebCallback = "not_web_callback"
    /// I3: the customer of the callback is being dialled; the call controls come when they answer.
    case callingCustomer = "calling_customer"
    /// I3: "end call for web callback" is off for the tenant.
    case cancelNotEnabled = "cancel_not_enabled"
    case recordingOff = "recording_off"
    case privacyShieldDisabled = "privacy_shield_disabled"
    case recordingPaused = "recording_paused"
    case recordingNotPaused = "recording_not_paused"
    /// E8: the consulted agent of a consult through an entry point reads the call data only.
    case consultViaEntryPoint = "consult_via_entry_point"
    /// A5: the administrator made this variable read-only.
    case notEditable = "not_editable"
    /// H2: only a secure value is masked, so only a secure value is revealed.
    case notSecure = "not_secure"

    /// A sentence for people.
    public var message: String {
        switch self {
        case .taskClosed: "The task is closed."
        case .notAccepted: "The call has not been accepted yet."
        case .notOffered: "The task is not being offered."
        case .answerOnPhone: "Answer the call on your phone."
        case .notConsultOffer: "This is not a consult request."
        case .consultOffer: "This is a consult request; accept it as a consult."
        case .inWrapUp: "The call has ended; choose a wrap-up reason."
        case .notInWrapUp: "The task is not in wrap-up."
        case .onHold: "The customer is on hold."
        case .notOnHold: "The customer is not on hold."
        case .notOwner: "Only the agent who has the customer call can do this."
        case .notInitiator: "Only the agent who started the consult can do this."
        case .consultInProgress: "A consult is in progress."
        case .consultNotAccepted: "The consulted party has not accepted yet."
        case .consultOnHold: "The consult is on hold."
        case .consultNotOnHold: "The consult is not on hold."
        case .noConsult: "There is no consult."
        case .inConference: "The call is a conference."
        case .notWebCallback: "Only a web callback can be cancelled."
        case .callingCustomer: "The customer is being called; wait for them to answer."
        case .cancelNotEnabled: "Cancelling web callbacks is not enabled for this organization."
        case .recordingOff: "The call is not being recorded."
        case .privacyShieldDisabled: "Privacy Shield is not enabled for this organization."
        case .recordingPaused: "Recording is already paused."
        case .recordingNotPaused: "Recording is not paused."
        case .consultViaEntryPoint: "In a consult through an entry point the call data is read only."
        case .notEditable: "This variable cannot be edited."
        case .notSecure: "This value is not secure; it is shown as it is."
        }
    }
}

/// Every control of a task (`controls` in the API), computed by `ControlRules`.
public struct Controls: Hashable, Sendable {
    public var accept: Control
    public var decline: Control
    public var hold: Control
    public var unhold: Control
    public var end: Control
    public var wrapup: Control
    public var cancel: Control
    public var consult: Control
    public var consultAccept: Control
    public var consultEnd: Control
    public var consultHold: Control
    public var consultUnhold: Control
    public var consultTransfer: Control
    public var consultConference: Control
    public var transfer: Control
    public var recordPause: Control
    public var recordResume: Control

    /// Every control disabled for the same reason.
    public static func allDisabled(_ reason: DisabledReason) -> Controls {
        let off = Control.disabled(reason)
        return Controls(
            accept: off, decline: off, hold: off, unhold: off, end: off, wrapup: off, cancel: off, consult: off,
            consultAccept: off, consultEnd: off, consultHold: off, consultUnhold: off, consultTransfer: off,
            consultConference: off, transfer: off, recordPause: off, recordResume: off
        )
    }
}
