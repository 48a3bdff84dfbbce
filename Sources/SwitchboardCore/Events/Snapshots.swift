/// A task as the API shows it (`GET /v1/tasks/{id}` and every task event).
public struct TaskSnapshot: Hashable, Sendable {
    public var id: TaskID
    public var agentID: AgentID
    public var status: TaskStatus
    public var role: AgentTask.Role
    public var callID: CallID?
    // Offer fields.
    public var interactionID: InteractionID
    public var contactType: ContactType
    public var ani: String
    public var dnis: String
    public var queue: QueueReference?
    public var arrivedAt: Instant
    /// When this agent was offered the request (the popover's "time since received").
    public var offeredAt: Instant
    public var popoverVariables: [PopoverVariable]
    // The call.
    public var participants: [ParticipantSnapshot]
    public var legs: [LegSnapshot]
    public var recording: String
    public var cad: [CADValueSnapshot]
    public var cadVersion: Int
    /// Whether this agent may save values or reveal a secure one now (H1, H2, E8).
    public var cadControls: CallDataControls
    public var controls: Controls
    public var ringDeadline: Instant?
    public var connectedAt: Instant?
    public var wrapUpReasonID: ReasonID?
    public var closeReason: CloseReason?
    /// I1–I4: the callback this task offers or dials (none for other calls).
    public var callback: CallbackSnapshot?
    /// J2: the campaign whose contact this task previews or calls.
    public var campaign: CampaignTaskSnapshot?
}

/// `campaign` of a campaign contact's task.
public struct CampaignTaskSnapshot: Hashable, Sendable {
    public var id: CampaignID
    public var name: String
    public var contactID: Int
    /// The preview shows: the agent chooses Call (`accept`) or Skip (`decline`).
    public var isPreview: Bool
}

/// `callback` of a callback's task: what the agent calls back, and how far the attempts are.
public struct CallbackSnapshot: Hashable, Sendable {
    public var kind: Callback.Kind
    /// The name the customer gave on the web form.
    public var name: String?
    public var number: String
    /// I3: the customer is being dialled now (the agent's phone is up).
    public var isDialling: Bool
    /// I4: attempts the customer did not answer so far, and how many are allowed.
    public var unansweredAttempts: Int
    public var maxAttempts: Int
}

/// `queue` of an offer: `{"id","name"}`.
public struct QueueReference: Hashable, Sendable {
    public var id: QueueID
    public var name: String
}

/// Someone on the interaction.
public struct ParticipantSnapshot: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case customer, agent, external }

    public var kind: Kind
    public var agentID: AgentID?
    public var taskID: TaskID?
    public var name: String?
    public var number: String?
    /// For agents: `owner` or `consulted`.
    public var role: String?
}

/// One leg seen from a task: the customer's, or the consult's (E3: two panes).
public struct LegSnapshot: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case customer, consult }

    public var kind: Kind
    public var state: LegState
    public var party: PartySnapshot
    public var isConferenced: Bool
}

/// The far end of a leg.
public struct PartySnapshot: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case customer, agent, queue, entryPoint, dialNumber, expert }

    public var kind: Kind
    public var id: String?
    public var name: String?
    public var number: String?
}

/// One CAD value as an agent may see it: secure values masked (H2).
public struct CADValueSnapshot: Hashable, Sendable {
    public var name: String
    public var label: String
    public var type: CADVariable.ValueType
    public var value: String?
    public var isSecure: Bool
    public var isEditable: Bool

    public static let mask = "********"
}

/// An agent as `GET /v1/me` and `AgentStateChange` show it.
public struct AgentSnapshot: Hashable, Sendable {
    public var agentID: AgentID
    public var name: String
    public var state: AgentState
    public var idleReasonID: ReasonID?
    /// The idle reason's name, for whoever shows it without reading the configuration.
    public var idleReasonName: String?
    /// B4: the state that applies once no call keeps the agent Engaged or in Wrap-up.
    public var chosenState: AgentState
    public var chosenIdleReasonID: ReasonID?
    public var chosenIdleReasonName: String?
    public var teamID: TeamID?
    public var teamName: String?
    public var dialNumber: DialNumber?
    public var since: Instant
    public var taskIDs: [TaskID]
    /// L2: the phone the agent answers on, and whether it is reachable.
    public var device: DeviceStatus
}
