/// One agent's part in one interaction: a task in the API, as a machine. Each agent taking part
/// in an interaction has its own; a consult that becomes a transfer or a conference stays the
/// same task. Its phase moves one way only: reserved → ringing → connected → wrap-up → closed,
/// closing from any of them; a callback's task dials the customer between ringing and connected.
public struct AgentTask: Hashable, Sendable, Codable, Identifiable {
    public let id: TaskID
    public let agentID: AgentID
    public let interactionID: InteractionID
    /// How the task was offered: `consult` for the consulted agent's task.
    public let contactType: ContactType
    public private(set) var role: Role
    public let reservedAt: Instant
    /// The variables the popover shows (C3, C4), fixed when offered.
    public let popoverVariables: [PopoverVariable]
    /// The agent has talked to the customer (owner, or conferenced): such an agent wraps up (E9).
    public private(set) var hasTalkedToCustomer = false
    public private(set) var phase: Phase = .reserved

    /// The agent's part in the interaction.
    public enum Role: Hashable, Sendable, Codable {
        /// Talks to the customer and holds the call controls (agent 1, or agent 2 after a transfer).
        case owner
        /// Accepts a consult (agent 2); `viaEntryPoint` when the consult came through an EP-DN (C4, E8).
        case consulted(viaEntryPoint: Bool)
    }

    public enum Phase: Hashable, Sendable, Codable {
        /// The connecting popover (C1).
        case reserved
        /// The contact request rings until `deadline` (C2).
        case ringing(deadline: Instant)
        /// J2: a campaign contact's preview shows until `deadline`; Call rings the agent's phone.
        case previewing(deadline: Instant)
        /// I3: the agent's phone answered a callback; the customer is being dialled (still a popover).
        case dialling(since: Instant)
        case connected(since: Instant)
        /// The call is over for this agent, who picks a reason (D3).
        case wrappingUp(connectedAt: Instant, endedAt: Instant)
        case closed(Closure)
    }

    /// How a task ended.
    public struct Closure: Hashable, Sendable, Codable {
        public var reason: CloseReason
        public var connectedAt: Instant?
        public var endedAt: Instant
        public var wrapUpReasonID: ReasonID?
    }

    init(
        id: TaskID, agentID: AgentID, interactionID: InteractionID, contactType: ContactType, role: Role,
        reservedAt: Instant, popoverVariables: [PopoverVariable]
    ) {
        self.id = id
        self.agentID = agentID
        self.interactionID = interactionID
        self.contactType = contactType
        self.role = role
        self.reservedAt = reservedAt
        self.popoverVariables = popoverVariables
    }

    /// A task in any phase (a snapshot of an earlier format, upgraded).
    init(
        id: TaskID, agentID: AgentID, interactionID: InteractionID, contactType: ContactType, role: Role,
        reservedAt: Instant, popoverVariables: [PopoverVariable], hasTalkedToCustomer: Bool, phase: Phase
    ) {
        self.init(
            id: id, agentID: agentID, interactionID: interactionID, contactType: contactType, role: role,
            reservedAt: reservedAt, popoverVariables: popoverVariables)
        self.hasTalkedToCustomer = hasTalkedToCustomer
        self.phase = phase
    }

    // MARK: Transitions

    /// C1: the contact request rings until `deadline` (J2: once the agent chose Call on a preview).
    mutating func ring(until deadline: Instant) throws(CommandError) {
        switch phase {
        case .reserved, .previewing: phase = .ringing(deadline: deadline)
        default: throw .illegal("ring", in: phase)
        }
    }

    /// J2: the campaign contact's preview shows until `deadline`.
    mutating func preview(until deadline: Instant) throws(CommandError) {
        guard case .reserved = phase else { throw .illegal("preview", in: phase) }
        phase = .previewing(deadline: deadline)
    }

    /// D1: the phone picked up. The owner of a customer call talks to the customer from now on.
    mutating func answer(at now: Instant) throws(CommandError) {
        guard case .ringing = phase else { throw .illegal("answer", in: phase) }
        phase = .connected(since: now)
        if role == .owner { hasTalkedToCustomer = true }
    }

    /// I3: the agent's phone answered a callback; the customer is dialled from now on.
    mutating func startDialling(at now: Instant) throws(CommandError) {
        guard case .ringing = phase, role == .owner else { throw .illegal("dial the customer", in: phase) }
        phase = .dialling(since: now)
    }

    /// I3: the customer answered the callback.
    mutating func customerAnswered(at now: Instant) throws(CommandError) {
        guard case .dialling = phase else { throw .illegal("connect the callback", in: phase) }
        phase = .connected(since: now)
        hasTalkedToCustomer = true
    }

    /// D3: the call is over for this agent, who now picks a wrap-up reason (I3: a cancelled
    /// callback too, from when the agent's phone answered).
    mutating func startWrapUp(at now: Instant) throws(CommandError) {
        switch phase {
        case .connected(let since), .dialling(let since): phase = .wrappingUp(connectedAt: since, endedAt: now)
        default: throw .illegal("wrap-up", in: phase)
        }
    }

    /// Closes the task from any open phase; a wrap-up keeps when the call ended.
    mutating func close(_ reason: CloseReason, at now: Instant, wrapUpReason: ReasonID? = nil) throws(CommandError) {
        switch phase {
        case .reserved, .ringing, .previewing, .dialling:
            phase = .closed(Closure(reason: reason, connectedAt: nil, endedAt: now, wrapUpReasonID: wrapUpReason))
        case .connected(let since):
            phase = .closed(Closure(reason: reason, connectedAt: since, endedAt: now, wrapUpReasonID: wrapUpReason))
        case .wrappingUp(let connectedAt, let endedAt):
            phase = .closed(Closure(reason: reason, connectedAt: connectedAt, endedAt: endedAt, wrapUpReasonID: wrapUpReason))
        case .closed:
            throw .illegal("close", in: phase)
        }
    }

    /// E4, E9: the consulted agent keeps the customer after a transfer or agent 1 leaving.
    mutating func becomeOwner() throws(CommandError) {
        guard case .connected = phase, case .consulted = role else { throw .illegal("take the call over", in: phase) }
        role = .owner
        hasTalkedToCustomer = true
    }

    /// E9: the consulted agent joins the customer in a conference.
    mutating func joinConference() throws(CommandError) {
        guard case .connected = phase else { throw .illegal("join a conference", in: phase) }
        hasTalkedToCustomer = true
    }

    // MARK: Reading

    /// `status` in the API.
    public var status: TaskStatus {
        switch phase {
        case .reserved: .reserved
        case .ringing, .previewing, .dialling: .offered
        case .connected: .connected
        case .wrappingUp: .wrapup
        case .closed: .closed
        }
    }

    public var isOwner: Bool { role == .owner }

    /// Whether the agent's phone is taken by this task (one voice call at a time).
    public var holdsDevice: Bool { status == .reserved || status == .offered || status == .connected }

    /// Whether a popover for this task is showing (B3).
    public var isOffer: Bool { status == .reserved || status == .offered }

    /// When an offered task turns RONA (C2; J2: a preview left alone too).
    public var ringDeadline: Instant? {
        switch phase {
        case .ringing(let deadline), .previewing(let deadline): deadline
        default: nil
        }
    }

    /// J2: a campaign contact's preview shows; the agent's phone is not ringing.
    public var isPreviewing: Bool {
        if case .previewing = phase { true } else { false }
    }

    /// I3: the agent's phone is up and the customer of the callback is being dialled.
    public var isDiallingCustomer: Bool {
        if case .dialling = phase { true } else { false }
    }

    public var connectedAt: Instant? {
        switch phase {
        case .reserved, .ringing, .previewing, .dialling: nil
        case .connected(let since): since
        case .wrappingUp(let connectedAt, _): connectedAt
        case .closed(let closure): closure.connectedAt
        }
    }

    public var wrapUpReasonID: ReasonID? {
        if case .closed(let closure) = phase { closure.wrapUpReasonID } else { nil }
    }

    public var closeReason: CloseReason? {
        if case .closed(let closure) = phase { closure.reason } else { nil }
    }
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
    /// I4: the customer did not answer the callback (busy, unreachable, no answer).
    case customerNoAnswer = "customer_no_answer"
    /// I3: the agent's phone hung up before the customer answered the callback.
    case callbackAbandoned = "callback_abandoned"
    /// J2: the agent chose Skip on a campaign contact's preview.
    case skipped
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
