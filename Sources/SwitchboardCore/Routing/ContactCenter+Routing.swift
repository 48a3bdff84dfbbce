/// Queues and routing: the earliest waiting request whose queue an Available agent serves goes to
/// the agent who has been free the longest (B1, C2).
extension ContactCenter {
    /// Puts a waiting customer call in its queue at its position: a RONA'd call keeps its
    /// original place (C2).
    mutating func requeue(_ interactionID: InteractionID, in step: inout Step) throws(CommandError) {
        let interaction = try interactions.require(interactionID)
        guard case .queued = interaction.state, let position = interaction.queuePosition else {
            throw .illegal("queue", in: interaction.state)
        }
        let place = queues.insert(QueueEntry(position: position, interactionID: interactionID, kind: .customer))
        step.mayRoute = true
        step.touch(interaction: interactionID)
        step.record(.interaction(.contactQueued, interactionData(interaction, position: place)))
    }

    /// E1: a consult to a queue or entry point waits there for an agent, like a call.
    mutating func enqueueConsult(_ interactionID: InteractionID, in step: inout Step) throws(CommandError) {
        let interaction = try interactions.require(interactionID)
        guard let consult = interaction.consult, consult.isQueued, let queueID = consult.queueID else {
            throw .illegal("queue a consult", in: interaction.state)
        }
        let position = QueuePosition(queueID: queueID, enqueuedAt: step.now, order: takeSerial())
        queues.insert(QueueEntry(position: position, interactionID: interactionID, kind: .consult))
        step.mayRoute = true
    }

    /// Offers waiting requests to free agents until no more match. Only a new request or a newly
    /// free agent can make a match, so nothing else is looked at otherwise.
    mutating func route(in step: inout Step) throws(CommandError) {
        guard step.mayRoute else { return }
        step.mayRoute = false
        while !routableAgents.isEmpty, let (entry, agentID) = nextMatch() {
            queues.remove(entry.interactionID, from: entry.position.queueID)
            routableAgents[agentID] = nil
            // The agent is touched by the offer, so the next refresh sees them busy.
            step.touch(agent: agentID)
            switch entry.kind {
            case .customer:
                try offerCustomerCall(entry.interactionID, to: agentID, origin: .routing, in: &step)
            case .consult:
                let taskID = makeTaskID()
                try interactions.modify(entry.interactionID) { interaction throws(CommandError) in
                    try interaction.modifyConsult { consult throws(CommandError) in try consult.offer(to: taskID) }
                }
                try offerConsult(entry.interactionID, as: taskID, to: agentID, in: &step)
            }
        }
        try offerPreviews(in: &step)
    }

    /// The earliest request, over all queues, that a free agent can take, and that agent. J1: at
    /// a concurrent-call limit a callback waits (offering it would dial out); calls go on.
    private func nextMatch() -> (QueueEntry, AgentID)? {
        var best: (QueueEntry, AgentID)?
        let holdsCallbacks = holdsCallbacksAtLimit
        for (queueID, entries) in queues.waiting {
            let candidates = routableAgents.filter { agentID, _ in
                agents[agentID]?.station.map { configuration.team($0.teamID, serves: queueID) } == true
            }
            guard !candidates.isEmpty else { continue }
            for entry in entries {
                if let best, best.0.position < entry.position { break }
                if holdsCallbacks, entry.kind == .customer, interactions[entry.interactionID]?.callID == nil { continue }
                if let agentID = longestFree(among: candidates, for: entry) {
                    best = (entry, agentID)
                    break
                }
            }
        }
        return best
    }

    private func longestFree(among candidates: [AgentID: Instant], for entry: QueueEntry) -> AgentID? {
        guard let interaction = interactions[entry.interactionID] else { return nil }
        let initiator = entry.kind == .consult ? consultInitiator(of: interaction) : nil
        var best: (AgentID, Instant)?
        for (agentID, since) in candidates where agentID != initiator && !interaction.excludedAgentIDs.contains(agentID) {
            if let current = best, (current.1, current.0) <= (since, agentID) { continue }
            best = (agentID, since)
        }
        return best?.0
    }

    /// The agent who started the interaction's consult: the owner of the call.
    func consultInitiator(of interaction: Interaction) -> AgentID? {
        guard let call = interaction.call, call.consult != nil else { return nil }
        return tasks[call.ownerTaskID]?.agentID
    }

    /// The 1-based place of a waiting customer call in its queue.
    public func queuePlace(of interactionID: InteractionID) -> Int? {
        guard let queueID = interactions[interactionID]?.queuePosition?.queueID else { return nil }
        return queues.place(of: interactionID, in: queueID)
    }
}
