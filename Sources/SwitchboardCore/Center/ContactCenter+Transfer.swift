/// E7: blind transfer to an agent, a queue or entry point, a dial number or an expert.
extension ContactCenter {
    /// The transferring agent wraps up at once; the call rings the target agent, waits in the
    /// target queue (never routed back to the transferring agent), or goes outside.
    mutating func blindTransfer(_ task: AgentTask, to destination: Destination, in step: inout Step) throws(CommandError) {
        if destination.externalNumber != nil { try refuseAtCallLimit("A transfer to a number outside") }
        let id = task.interactionID
        step.touch(interaction: id)
        let isQueueTransfer = queueID(of: destination) != nil
        step.taskEvent(isQueueTransfer ? .agentVteamTransferred : .agentBlindTransferred, task.id)
        disconnectDevice(of: task, in: &step)
        try startWrapUp(task.id, in: &step)
        switch destination {
        case .agent(let agentID):
            try offerCustomerCall(id, to: agentID, origin: .blindTransfer, in: &step)
        case .queue, .entryPoint:
            guard let queueID = queueID(of: destination) else { throw .illegal("transfer to \(destination)", in: task) }
            let excluded: AgentID? = if case .entryPoint = destination { task.agentID } else { nil }
            let position = QueuePosition(queueID: queueID, enqueuedAt: step.now, order: takeSerial())
            try interactions.modify(id) { interaction throws(CommandError) in
                try interaction.transfer(to: position, excluding: excluded)
            }
            try requeue(id, in: &step)
        case .dialNumber(let number), .expert(_, let number):
            let party = Interaction.OutsideParty(number: number, leg: takeSerial())
            try interactions.modify(id) { interaction throws(CommandError) in try interaction.transferOutside(to: party) }
            step.perform(.dialExternal(id, leg: party.leg, number: number))
        }
    }

    /// What a consult or transfer request names, resolved against the configuration and the
    /// agents' states (E1, E6, E7). Nothing changes when it fails.
    func resolve(_ request: TargetRequest, for purpose: TargetPurpose, by agentID: AgentID)
        throws(CommandError) -> Destination
    {
        switch request.type {
        case .agent:
            let targetID = AgentID(try requireID(request))
            guard configuration.agent(targetID) != nil else {
                throw CommandError(.notFound, reason: "unknown_agent", "Unknown agent \(targetID).")
            }
            guard targetID != agentID, let target = agents[targetID], isSelectable(target, for: purpose) else {
                throw CommandError(
                    .consultTargetUnavailable, reason: "agent_unavailable",
                    "That agent cannot take a \(purpose.rawValue) now. Refresh the list and try again.")
            }
            return .agent(targetID)
        case .queue:
            let queueID = QueueID(try requireID(request))
            guard let queue = configuration.queue(queueID), purpose.allows(queue) else {
                throw CommandError(.notFound, reason: "unknown_queue", "No queue \(queueID) can be chosen here.")
            }
            return .queue(queue.id)
        case .entryPoint:
            if let id = request.id {
                guard let entryPoint = configuration.entryPoint(EntryPointID(id)), purpose.allows(entryPoint) else {
                    throw CommandError(
                        .notFound, reason: "unknown_entry_point",
                        "The entry point could not be found. If the problem persists, contact your administrator.")
                }
                return .entryPoint(entryPoint.id)
            }
            // E6: a typed number that is no configured EP-DN is dialled as a plain number.
            return try resolveNumber(request, purpose: purpose)
        case .dialNumber:
            return try resolveNumber(request, purpose: purpose)
        case .expert:
            let expertID = ExpertID(try requireID(request))
            guard let expert = configuration.expert(expertID) else {
                throw CommandError(.notFound, reason: "unknown_expert", "Unknown expert \(expertID).")
            }
            guard let number = expert.businessNumber else {
                throw CommandError(
                    .consultTargetUnavailable, reason: "expert_without_number", "\(expert.fullName) has no business number.")
            }
            return .expert(expertID, number)
        }
    }

    /// A dial number; one that is an entry point's EP-DN reaches that entry point directly (E6).
    private func resolveNumber(_ request: TargetRequest, purpose: TargetPurpose) throws(CommandError) -> Destination {
        guard let text = request.number else {
            throw CommandError(.invalidRequest, reason: "missing_number", "A number is required.")
        }
        let number: DialNumber
        do { number = try DialNumber(parsing: text) } catch {
            throw CommandError(.invalidDialNumber, error.message)
        }
        if let entryPoint = configuration.entryPoint(dialing: number.value), purpose.allows(entryPoint) {
            return .entryPoint(entryPoint.id)
        }
        return .dialNumber(number)
    }

    private func requireID(_ request: TargetRequest) throws(CommandError) -> String {
        guard let id = request.id, !id.isEmpty else {
            throw CommandError(.invalidRequest, reason: "missing_id", "An id is required for a \(request.type.rawValue).")
        }
        return id
    }

    /// E1: consult lists Available and Idle agents; E7: transfer lists only Available ones, never
    /// one in wrap-up. Either way the agent's phone must be free.
    func isSelectable(_ agent: Agent, for purpose: TargetPurpose) -> Bool {
        guard let session = agent.session, session.work == .free else { return false }
        switch (session.chosen, purpose) {
        case (.available, _), (.idle, .consult): return true
        default: return false
        }
    }
}

/// Whether a target list or request is for a consult or a transfer.
public enum TargetPurpose: String, Hashable, Sendable, Codable {
    case consult, transfer

    func allows(_ queue: Queue) -> Bool { self == .consult ? queue.isConsultTarget : queue.isTransferTarget }

    func allows(_ entryPoint: EntryPoint) -> Bool {
        self == .consult ? entryPoint.isConsultTarget : entryPoint.isTransferTarget
    }
}
