/// Queues and routing: the earliest waiting request whose queue an Available agent serves goes to
/// the agent who has been free the longest (B1, C2).
extension ContactCenter {
    /// Puts the customer call (back) in its queue at its position: a RONA'd call keeps its
    /// original place (C2).
    mutating func requeue(_ interactionID: InteractionID, in step: inout Step) {
        guard let interaction = interactions[interactionID], let position = interaction.queuePosition else { return }
        interactions[interactionID]?.phase = .queued
        interactions[interactionID]?.customerLeg = .queued
        let place = insert(QueueEntry(position: position, interactionID: interactionID, kind: .customer))
        step.mayRoute = true
        step.touch(interaction: interactionID)
        step.record(.interaction(.contactQueued, interactionData(interaction, position: place)))
    }

    /// E1: a consult to a queue or entry point waits there for an agent, like a call.
    mutating func enqueueConsult(_ interactionID: InteractionID, in step: inout Step) {
        guard let queueID = interactions[interactionID]?.consult?.queueID else { return }
        let position = QueuePosition(queueID: queueID, enqueuedAt: step.now, order: takeSerial())
        insert(QueueEntry(position: position, interactionID: interactionID, kind: .consult))
        step.mayRoute = true
    }

    @discardableResult
    private mutating func insert(_ entry: QueueEntry) -> Int {
        let queueID = entry.position.queueID
        var entries = queues[queueID] ?? []
        queues[queueID] = nil
        let index = entries.partitioningIndex { entry.position < $0.position }
        entries.insert(entry, at: index)
        queues[queueID] = entries
        return index + 1
    }

    mutating func removeFromQueue(_ interactionID: InteractionID, queueID: QueueID) {
        queues[queueID]?.removeAll { $0.interactionID == interactionID }
        if queues[queueID]?.isEmpty == true { queues[queueID] = nil }
    }

    /// Offers waiting requests to free agents until no more match. Only a new request or a newly
    /// free agent can make a match, so nothing else is looked at otherwise.
    mutating func route(in step: inout Step) {
        guard step.mayRoute else { return }
        step.mayRoute = false
        while !routableAgents.isEmpty, let (entry, agentID) = nextMatch() {
            removeFromQueue(entry.interactionID, queueID: entry.position.queueID)
            routableAgents[agentID] = nil
            // The agent is touched by the offer, so the next refresh sees them busy.
            step.touch(agent: agentID)
            switch entry.kind {
            case .customer:
                offerCustomerCall(entry.interactionID, to: agentID, origin: .routing, in: &step)
            case .consult:
                offerConsult(entry.interactionID, to: agentID, in: &step)
            }
        }
    }

    /// The earliest request, over all queues, that a free agent can take, and that agent.
    private func nextMatch() -> (QueueEntry, AgentID)? {
        var best: (QueueEntry, AgentID)?
        for (queueID, entries) in queues {
            let candidates = routableAgents.filter { agentID, _ in
                agents[agentID]?.station.map { configuration.team($0.teamID, serves: queueID) } == true
            }
            guard !candidates.isEmpty else { continue }
            for entry in entries {
                if let best, best.0.position < entry.position { break }
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
        let initiator = entry.kind == .consult ? interaction.consult?.initiatorAgentID : nil
        var best: (AgentID, Instant)?
        for (agentID, since) in candidates where agentID != initiator && !interaction.excludedAgentIDs.contains(agentID) {
            if let current = best, (current.1, current.0) <= (since, agentID) { continue }
            best = (agentID, since)
        }
        return best?.0
    }

    /// The 1-based place of a waiting customer call in its queue.
    public func queuePlace(of interactionID: InteractionID) -> Int? {
        guard let queueID = interactions[interactionID]?.queuePosition?.queueID else { return nil }
        return queues[queueID]?.firstIndex { $0.interactionID == interactionID && $0.kind == .customer }.map { $0 + 1 }
    }
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPartition` (the array is partitioned by it).
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsInSecondPartition(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
