/// A `ContactCenter` as the first durable format (release 2026-11, snapshot format 1) stored it:
/// one flat record per agent, task and interaction, whose legal combinations were checked after
/// the fact. Decoded only, to upgrade an old snapshot into the machines of today's format.
public struct ContactCenterV1: Decodable, Sendable {
    let configuration: TenantConfiguration
    let agents: [AgentID: AgentV1]
    let interactions: [InteractionID: InteractionV1]
    let tasks: [TaskID: TaskV1]
    let queues: [QueueID: [QueueEntry]]
    let routableAgents: [AgentID: Instant]
    let nextSerial: UInt64

    /// The same state as today's machines; throws if the record holds what no machine can.
    public func upgraded() throws -> ContactCenter {
        var book = QueueBook()
        for entries in queues.values { for entry in entries { book.insert(entry) } }
        return ContactCenter(
            configuration: configuration, agents: try agents.mapValues { try $0.upgraded() },
            interactions: try interactions.mapValues { try $0.upgraded() }, tasks: try tasks.mapValues { try $0.upgraded() },
            queues: book,
            routableAgents: routableAgents, nextSerial: nextSerial)
    }
}

/// A stored state that no machine of today's format can hold.
public struct UpgradeError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

struct AgentV1: Decodable, Sendable {
    enum Chosen: Decodable, Sendable {
        case loggedOut, available, idle(ReasonID?), rona
    }

    let id: AgentID
    let chosen: Chosen
    let choseStateDuringCall: Bool
    let station: StationLogin?
    let taskIDs: [TaskID]
    let shownState: AgentState
    let shownIdleReasonID: ReasonID?
    let stateSince: Instant

    func upgraded() throws(UpgradeError) -> Agent {
        let shown = Agent.Shown(state: shownState, idleReasonID: shownIdleReasonID, since: stateSince)
        guard let station else {
            guard taskIDs.isEmpty else { throw UpgradeError(description: "\(id) is logged out with tasks") }
            return Agent(id: id, state: .loggedOut, shown: shown)
        }
        let session: ChosenState
        switch chosen {
        case .available: session = .available
        case .idle(let reason): session = .idle(reason)
        case .rona: session = .rona
        case .loggedOut: throw UpgradeError(description: "\(id) is at a station but logged out")
        }
        guard taskIDs.count <= 1 else { throw UpgradeError(description: "\(id) holds \(taskIDs.count) tasks") }
        let work: Agent.Work = taskIDs.first.map { .task($0, choseStateDuringCall: choseStateDuringCall) } ?? .free
        return Agent(id: id, state: .loggedIn(Agent.Session(station: station, chosen: session, work: work)), shown: shown)
    }
}

struct TaskV1: Decodable, Sendable {
    let id: TaskID
    let agentID: AgentID
    let interactionID: InteractionID
    let contactType: ContactType
    let role: AgentTask.Role
    let status: TaskStatus
    let reservedAt: Instant
    let ringDeadline: Instant?
    let connectedAt: Instant?
    let endedAt: Instant?
    let popoverVariables: [PopoverVariable]
    let hasTalkedToCustomer: Bool
    let wrapUpReasonID: ReasonID?
    let closeReason: CloseReason?

    func upgraded() throws(UpgradeError) -> AgentTask {
        let phase: AgentTask.Phase
        switch (status, ringDeadline, connectedAt, endedAt, closeReason) {
        case (.reserved, _, _, _, _): phase = .reserved
        case (.offered, let deadline?, _, _, _): phase = .ringing(deadline: deadline)
        case (.connected, _, let since?, _, _): phase = .connected(since: since)
        case (.wrapup, _, let since?, let ended?, _): phase = .wrappingUp(connectedAt: since, endedAt: ended)
        case (.closed, _, _, let ended?, let reason?):
            phase = .closed(.init(reason: reason, connectedAt: connectedAt, endedAt: ended, wrapUpReasonID: wrapUpReasonID))
        default: throw UpgradeError(description: "\(id) is \(status) without its times")
        }
        return AgentTask(
            id: id, agentID: agentID, interactionID: interactionID, contactType: contactType, role: role,
            reservedAt: reservedAt, popoverVariables: popoverVariables, hasTalkedToCustomer: hasTalkedToCustomer,
            phase: phase)
    }
}
