/// Rules that hold after every input, whatever happened. The scenario tests check them after
/// every step; a violation is a bug in the core.
extension ContactCenter {
    /// A description of every broken invariant (empty when all hold).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var queuedCustomers: [InteractionID: Int] = [:]
        for (queueID, entries) in queues {
            for (index, entry) in entries.enumerated() {
                if entry.position.queueID != queueID { problems.append("entry \(entry.interactionID) in wrong queue") }
                if index > 0, !(entries[index - 1].position < entry.position) {
                    problems.append("queue \(queueID) out of order")
                }
                if entry.kind == .customer { queuedCustomers[entry.interactionID, default: 0] += 1 }
                if interactions[entry.interactionID]?.isEnded != false {
                    problems.append("queue \(queueID) holds ended interaction \(entry.interactionID)")
                }
            }
        }
        for (id, count) in queuedCustomers where count > 1 { problems.append("\(id) queued \(count) times") }

        for (id, interaction) in interactions {
            let isQueued = queuedCustomers[id] != nil
            let offer = interaction.offerTaskID.flatMap { tasks[$0] }
            let owner = interaction.ownerTaskID.flatMap { tasks[$0] }
            switch interaction.phase {
            case .queued:
                // Waiting: in exactly one place, the queue or one offer.
                if isQueued == (offer != nil) { problems.append("\(id) queued=\(isQueued) offered=\(offer != nil)") }
                if offer.map(\.isOffer) == false { problems.append("\(id) offer task not offered") }
                if owner != nil { problems.append("\(id) queued with an owner") }
            case .connected:
                if owner?.status != .connected || owner?.isOwner != true { problems.append("\(id) connected without owner") }
                if isQueued || offer != nil { problems.append("\(id) connected and waiting") }
            case .external:
                if isQueued || offer != nil || owner != nil { problems.append("\(id) external but held here") }
            case .ended:
                if isQueued || interaction.consult != nil { problems.append("\(id) ended but live") }
            }
            if let consult = interaction.consult {
                if owner?.id != consult.initiatorTaskID { problems.append("\(id) consult initiator is not the owner") }
                if consult.isAccepted, !consult.isConferenced,
                    (interaction.customerLeg == .held) == (consult.leg == .held)
                {
                    problems.append("\(id) E3: customer \(interaction.customerLeg), consult \(consult.leg)")
                }
            }
        }

        for (agentID, agent) in agents {
            let open = agent.taskIDs.compactMap { tasks[$0] }
            if open.count != agent.taskIDs.count { problems.append("\(agentID) lists a missing task") }
            if open.count(where: \.holdsDevice) > 1 { problems.append("\(agentID) on two voice calls") }
            if open.contains(where: { $0.status == .closed || $0.agentID != agentID }) {
                problems.append("\(agentID) lists a closed or foreign task")
            }
            if !agent.isLoggedIn, !open.isEmpty { problems.append("\(agentID) logged out with tasks") }
            if (routableAgents[agentID] != nil) != isRoutable(agent) { problems.append("\(agentID) routable index stale") }
        }
        for (taskID, task) in tasks where task.status != .closed {
            if agents[task.agentID]?.taskIDs.contains(taskID) != true { problems.append("\(taskID) not on its agent") }
            if interactions[task.interactionID] == nil { problems.append("\(taskID) without interaction") }
            if task.status == .connected, interactions[task.interactionID]?.isEnded == true {
                problems.append("\(taskID) connected to an ended interaction")
            }
        }
        if !routableAgents.isEmpty {
            for (queueID, entries) in queues where !entries.isEmpty {
                let servable = routableAgents.keys.contains { agentID in
                    agents[agentID]?.station.map { configuration.team($0.teamID, serves: queueID) } == true
                        && entries.contains { entry in
                            !(interactions[entry.interactionID]?.excludedAgentIDs.contains(agentID) ?? true)
                                && interactions[entry.interactionID]?.consult?.initiatorAgentID != agentID
                        }
                }
                if servable { problems.append("queue \(queueID) waits while an agent is free") }
            }
        }
        return problems
    }
}
