/// One change, as clients see it: `type`, the task and agent it is about, and its `data`.
/// The engine gives it a sequence number and a time.
public struct DomainEvent: Hashable, Sendable {
    public var type: EventType
    public var taskID: TaskID?
    public var agentID: AgentID?
    public var interactionID: InteractionID?
    public var data: EventData

    public init(
        type: EventType, taskID: TaskID? = nil, agentID: AgentID? = nil, interactionID: InteractionID? = nil,
        data: EventData
    ) {
        self.type = type
        self.taskID = taskID
        self.agentID = agentID
        self.interactionID = interactionID
        self.data = data
    }
}

/// `data` of an event. Indirect: events are copied often and a task snapshot is large.
public indirect enum EventData: Hashable, Sendable {
    /// A task event: the task as it is after the change, and what is particular to this event.
    case task(TaskSnapshot, TaskEventDetails)
    /// An agent's state or login changed.
    case agent(AgentSnapshot)
    /// A customer call entered a queue, was refused or ended, seen from the interaction.
    case interaction(InteractionEventData)
    /// A command failed (K3).
    case failure(CommandError)

    public var task: TaskSnapshot? {
        if case .task(let snapshot, _) = self { snapshot } else { nil }
    }

    public var agent: AgentSnapshot? {
        if case .agent(let snapshot) = self { snapshot } else { nil }
    }
}

/// What a task event says beyond the task itself.
public struct TaskEventDetails: Hashable, Sendable {
    /// Why: a RONA's device failure, a consult failure, an end reason.
    public var reason: String?
    /// `ContactRecordingResumed`: Privacy Shield ran out (G2).
    public var autoResumed: Bool?
    /// False when an idempotent command found nothing to change (K3: a repeated hold).
    public var changed: Bool?
    /// `ContactUpdated`: the CAD variables whose value changed; `ContactValueRevealed`: the one revealed.
    public var variables: [String]?
    /// `ContactUpdated`: the agent who saved the values.
    public var updatedBy: AgentID?
    /// `CallbackAttemptFailed`: the attempts the customer has not answered so far (I4).
    public var attempt: Int?
    /// `CallbackAttemptFailed`: when the callback queues again (none: it has ended).
    public var retryAt: Instant?

    public init(
        reason: String? = nil, autoResumed: Bool? = nil, changed: Bool? = nil, variables: [String]? = nil,
        updatedBy: AgentID? = nil
    ) {
        self.reason = reason
        self.autoResumed = autoResumed
        self.changed = changed
        self.variables = variables
        self.updatedBy = updatedBy
    }

    public static let none = TaskEventDetails()
}

/// `data` of an interaction event (`ContactQueued`, `ContactRejected`, `ContactEnded` of a call
/// that never reached an agent).
public struct InteractionEventData: Hashable, Sendable {
    public var interactionID: InteractionID?
    /// The customer's call (none for a callback nobody is dialling).
    public var callID: CallID?
    public var ani: String
    public var dnis: String
    public var queueID: QueueID?
    /// The 1-based place in the queue, for `ContactQueued`.
    public var position: Int?
    public var reason: String?
}
