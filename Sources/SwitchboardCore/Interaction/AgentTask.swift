/// One agent's part in one interaction: a task in the API. Each agent taking part in an
/// interaction has its own; a consult that becomes a transfer or a conference stays the same task.
public struct AgentTask: Hashable, Sendable, Codable, Identifiable {
    public let id: TaskID
    public let agentID: AgentID
    public let interactionID: InteractionID
    /// How the task was offered: `consult` for the consulted agent's task.
    public let contactType: ContactType
    public internal(set) var role: Role
    public internal(set) var status: TaskStatus
    public let reservedAt: Instant
    /// When an offered task turns RONA (C2); nil once answered.
    public internal(set) var ringDeadline: Instant?
    public internal(set) var connectedAt: Instant?
    public internal(set) var endedAt: Instant?
    /// The variables the popover shows (C3, C4), fixed when offered.
    public let popoverVariables: [PopoverVariable]
    /// The agent has talked to the customer (owner, or conferenced): such an agent wraps up (E9).
    public internal(set) var hasTalkedToCustomer: Bool
    public internal(set) var wrapUpReasonID: ReasonID?
    public internal(set) var closeReason: CloseReason?

    /// The agent's part in the interaction.
    public enum Role: Hashable, Sendable, Codable {
        /// Talks to the customer and holds the call controls (agent 1, or agent 2 after a transfer).
        case owner
        /// Accepts a consult (agent 2); `viaEntryPoint` when the consult came through an EP-DN (C4, E8).
        case consulted(viaEntryPoint: Bool)
    }

    public var isOwner: Bool { role == .owner }

    /// Whether the agent's phone is taken by this task (one voice call at a time).
    public var holdsDevice: Bool { status == .reserved || status == .offered || status == .connected }

    /// Whether a popover for this task is showing (B3).
    public var isOffer: Bool { status == .reserved || status == .offered }
}

/// `status` of a task in the API.
public enum TaskStatus: String, Hashable, Sendable, Codable {
    case reserved, offered, connected, wrapup, closed
}

/// `contactType` in the API.
public enum ContactType: String, Hashable, Sendable, Codable {
    case inbound, outbound, callback, consult
}

/// Why a task closed without (or after) wrap-up.
public enum CloseReason: String, Hashable, Sendable, Codable {
    case wrappedUp = "wrapped_up"
    case rona
    case declined
    case deviceFailed = "device_failed"
    case customerHungUp = "customer_hung_up"
    case consultEnded = "consult_ended"
    case consultCancelled = "consult_cancelled"
    case interactionEnded = "interaction_ended"
}

/// A variable shown on a popover (C3, C4).
public struct PopoverVariable: Hashable, Sendable, Codable {
    public var name: String
    public var label: String
    public var value: String

    public init(name: String, label: String, value: String) {
        self.name = name
        self.label = label
        self.value = value
    }
}
