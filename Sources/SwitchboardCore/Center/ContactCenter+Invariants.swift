/// Rules that hold after every input, whatever happened. The scenario tests check them after
/// every step; a violation is a bug in the core. What the machines' types already rule out (an
/// agent on two calls or logged out with one, both legs of a consult held, an owner or a consult
/// on a call that is not connected) is not checked here: it cannot be written down. What is left
/// are the links between machines and the indexes kept beside them.
extension ContactCenter {
    /// A description of every broken invariant (empty when all hold).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var queuedCustomers: [InteractionID: Int] = [:]
        var queuedConsults: Set<InteractionID> = []
        for (queueID, entries) in queues.waiting {
            for (index, entry) in entries.enumerated() {
                if entry.position.queueID != queueID { problems.append("entry \(entry.interactionID) in wrong queue") }
                if index > 0, !(entries[index - 1].position < entry.position) {
                    problems.append("queue \(queueID) out of order")
                }
                switch entry.kind {
                case .customer: queuedCustomers[entry.interactionID, default: 0] += 1
                case .consult: queuedConsults.insert(entry.interactionID)
                }
            }
        }
        for (id, count) in queuedCustomers where count > 1 { problems.append("\(id) queued \(count) times") }

        for (id, interaction) in interactions {
            let isQueued = queuedCustomers[id] != nil
            switch interaction.state {
            case .queued:
                if !isQueued { problems.append("\(id) waits but is in no queue") }
            case .offered(let taskID, _):
                if tasks[taskID]?.isOffer != true { problems.append("\(id) offer task \(taskID) not offered") }
            case .connected(let call):
                let owner = tasks[call.ownerTaskID]
                if owner?.status != .connected || owner?.isOwner != true { problems.append("\(id) connected without owner") }
                if let consult = call.consult {
                    if let consulted = consult.consultedTaskID.flatMap({ tasks[$0] }) {
                        let shouldBeConnected = consult.isAccepted
                        if (consulted.status == .connected) != shouldBeConnected {
                            problems.append("\(id) consult \(consult.state) with task \(consulted.status)")
                        }
                    } else if consult.consultedTaskID != nil {
                        problems.append("\(id) consult without its task")
                    }
                    if consult.isQueued != queuedConsults.contains(id) { problems.append("\(id) consult queue entry") }
                }
            case .callingBack(let taskID):
                if tasks[taskID]?.isDiallingCustomer != true { problems.append("\(id) calls back without a dialling task") }
                if interaction.callID == nil || interaction.callback?.current == nil {
                    problems.append("\(id) calls back without a call")
                }
            case .awaitingRetry:
                if interaction.callback == nil { problems.append("\(id) awaits a retry without a callback") }
            case .external, .ended:
                break
            }
            if let callID = interaction.callID, !interaction.isEnded, interactionIDByCall[callID] != id {
                problems.append("\(id) call index stale")
            }
            if isQueued, interaction.callingBackTaskID != nil || interaction.retryAt != nil {
                problems.append("\(id) in a queue while \(interaction.state)")
            }
            if isQueued, interaction.phase != .queued || interaction.offer != nil {
                problems.append("\(id) in a queue while \(interaction.state)")
            }
            if queuedConsults.contains(id), interaction.consult?.isQueued != true {
                problems.append("\(id) consult queued without a consult")
            }
        }

        for (agentID, agent) in agents {
            if let taskID = agent.taskID {
                guard let task = tasks[taskID] else {
                    problems.append("\(agentID) holds a missing task")
                    continue
                }
                if task.status == .closed || task.agentID != agentID { problems.append("\(agentID) holds a closed or foreign task") }
            }
            if (routableAgents[agentID] != nil) != agent.isRoutable { problems.append("\(agentID) routable index stale") }
            if let station = agent.station, agentIDByDialNumber[station.dialNumber.value] != agentID {
                problems.append("\(agentID) dial number index stale")
            }
        }
        for (taskID, task) in tasks where task.status != .closed {
            if agents[task.agentID]?.taskID != taskID { problems.append("\(taskID) not on its agent") }
            if interactions[task.interactionID] == nil { problems.append("\(taskID) without interaction") }
            if task.status == .connected, interactions[task.interactionID]?.isEnded == true {
                problems.append("\(taskID) connected to an ended interaction")
            }
        }
        if !routableAgents.isEmpty {
            // J1: at a call limit callbacks wait on purpose.
            let holdsCallbacks = holdsCallbacksAtLimit
            for (queueID, entries) in queues.waiting where !entries.isEmpty {
                let servable = routableAgents.keys.contains { agentID in
                    agents[agentID]?.station.map { configuration.team($0.teamID, serves: queueID) } == true
                        && entries.contains { entry in
                            guard let interaction = interactions[entry.interactionID] else { return false }
                            if holdsCallbacks, entry.kind == .customer, interaction.callID == nil { return false }
                            return !interaction.excludedAgentIDs.contains(agentID)
                                && !(entry.kind == .consult && consultInitiator(of: interaction) == agentID)
                        }
                }
                if servable { problems.append("queue \(queueID) waits while an agent is free") }
            }
            if !holdsCallbacks {
                for campaign in configuration.campaigns where campaign.isActive && campaignContacts[campaign.id]?.nextPending != nil {
                    if routableAgents.keys.contains(where: { agents[$0]?.station?.teamID == campaign.teamID }) {
                        problems.append("campaign \(campaign.id) waits while an agent of its team is free")
                    }
                }
            }
        }
        for (campaignID, list) in campaignContacts {
            for contact in list.contacts {
                guard case .inProgress(let interactionID) = contact.status else { continue }
                if interactions[interactionID].map({ !$0.isEnded && $0.campaignContact?.contactID == contact.id }) != true {
                    problems.append("campaign \(campaignID) contact \(contact.id) in progress without its interaction")
                }
            }
        }
        return problems
    }
}
