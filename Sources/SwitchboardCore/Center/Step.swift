/// What one input changes, gathered as the rules run and rendered when they are done.
struct Step {
    let now: Instant
    private(set) var records: [EventRecord] = []
    private(set) var effects: [Effect] = []
    private(set) var touchedAgents: [AgentID] = []
    private var touchedAgentSet: Set<AgentID> = []
    private(set) var touchedInteractions: [InteractionID] = []
    private var touchedInteractionSet: Set<InteractionID> = []
    private(set) var closedTaskIDs: [TaskID] = []
    /// Agents whose `AgentStateChange` the command already records.
    var announcedAgents: Set<AgentID> = []
    /// A request joined a queue or an agent became free: routing may find a match.
    var mayRoute = false

    init(now: Instant) { self.now = now }

    mutating func record(_ record: EventRecord) { records.append(record) }

    mutating func taskEvent(_ type: EventType, _ taskID: TaskID, _ details: TaskEventDetails = .none) {
        records.append(.task(type, taskID, details))
    }

    mutating func perform(_ command: TelephonyCommand) { effects.append(.telephony(command)) }

    mutating func schedule(_ timer: TimerID, at deadline: Instant) {
        effects.append(.scheduleTimer(timer, at: deadline))
    }

    mutating func cancel(_ timer: TimerID) { effects.append(.cancelTimer(timer)) }

    mutating func touch(agent id: AgentID) {
        if touchedAgentSet.insert(id).inserted { touchedAgents.append(id) }
    }

    mutating func touch(interaction id: InteractionID) {
        if touchedInteractionSet.insert(id).inserted { touchedInteractions.append(id) }
    }

    mutating func closed(task id: TaskID) { closedTaskIDs.append(id) }
}

/// An event before rendering: snapshots are taken once the whole input has been applied.
enum EventRecord {
    case task(EventType, TaskID, TaskEventDetails)
    case agent(EventType, AgentID)
    case interaction(EventType, InteractionEventData)
    case failure(EventType, agentID: AgentID, taskID: TaskID?, CommandError)
}
