/// Read models for supervisors: every configured agent as `GET /v1/agents` shows it, and each
/// queue's figures (`GET /v1/queues/stats`), computed from one state so that they agree.
extension ContactCenter {
    /// Every configured agent, in the administrator's order.
    public var agentSnapshots: [AgentSnapshot] {
        configuration.agents.compactMap { agentSnapshot($0.id) }
    }

    /// Each queue's waiting calls and the agents who serve it, at `now`.
    public func queueStatistics(at now: Instant) -> [QueueStatistics] {
        configuration.queues.map { queue in
            let waiting = (queues[queue.id] ?? []).filter { $0.kind == .customer }
            let longest = waiting.compactMap { interactions[$0.interactionID]?.arrivedAt }.min()
            let serving = agents.values.filter { agent in
                agent.station.map { configuration.team($0.teamID, serves: queue.id) } == true
            }
            return QueueStatistics(
                queueID: queue.id, name: queue.name, waiting: waiting.count,
                longestWait: longest.map { now.duration(since: $0) } ?? .zero,
                agentsAvailable: serving.count { $0.shown.state == .available },
                agentsEngaged: serving.count { $0.shown.state == .engaged }, agentsLoggedIn: serving.count)
        }
    }

    /// How many agents show each state.
    public var agentsByState: [AgentState: Int] {
        var counts: [AgentState: Int] = [:]
        for agent in agents.values { counts[agent.shown.state, default: 0] += 1 }
        return counts
    }
}

/// One queue's figures for a supervisor.
public struct QueueStatistics: Hashable, Sendable {
    public var queueID: QueueID
    public var name: String
    /// Customer calls waiting (consult requests not counted).
    public var waiting: Int
    public var longestWait: Duration
    public var agentsAvailable: Int
    public var agentsEngaged: Int
    /// Logged in to a team that serves the queue.
    public var agentsLoggedIn: Int
}
