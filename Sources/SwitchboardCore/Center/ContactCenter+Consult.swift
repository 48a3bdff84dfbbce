/// E1–E6, E9: consult, conference, and leaving them.
extension ContactCenter {
    /// E1, E2: the customer goes on hold and the consult is requested: offered to an agent,
    /// queued at a queue or entry point, or dialled.
    mutating func startConsult(_ task: AgentTask, to destination: Destination, in step: inout Step) {
        let id = task.interactionID
        let externalLeg = destination.externalNumber.map { _ in takeSerial() }
        let consult = Consult(
            initiatorTaskID: task.id, initiatorAgentID: task.agentID, destination: destination,
            startedAt: step.now, queueID: queueID(of: destination), externalLeg: externalLeg, leg: .ringing)
        interactions[id]?.customerLeg = .held
        interactions[id]?.consult = consult
        step.touch(interaction: id)
        step.taskEvent(.agentConsultCreated, task.id)
        switch destination {
        case .agent(let agentID):
            offerConsult(id, to: agentID, in: &step)
        case .queue, .entryPoint:
            interactions[id]?.consult?.leg = .queued
            enqueueConsult(id, in: &step)
        case .dialNumber(let number), .expert(_, let number):
            step.perform(.dialExternal(id, leg: externalLeg!, number: number))
        }
    }

    /// E4, E9: End consult by either agent, agent 2's phone hanging up, or the outside party
    /// leaving. Agent 1 goes on with the customer; a consulted agent who was in the conference
    /// wraps up, one who was only consulted does not.
    mutating func endConsult(of interactionID: InteractionID, by task: AgentTask?, hungUp: Bool, in step: inout Step) {
        guard let interaction = interactions[interactionID], let consult = interaction.consult else { return }
        step.touch(interaction: interactionID)
        if let consultedID = consult.consultedTaskID, let consulted = tasks[consultedID] {
            if consulted.isOffer {
                withdrawOffer(consultedID, reason: .consultCancelled, in: &step)
            } else if consulted.status == .connected {
                step.taskEvent(.agentConsultEnded, consultedID)
                let consultedHungUp = hungUp && task?.id == consultedID
                if !consultedHungUp { disconnectDevice(of: consulted, in: &step) }
                if consulted.hasTalkedToCustomer {
                    startWrapUp(consultedID, in: &step)
                } else {
                    close(consultedID, reason: .consultEnded, in: &step)
                }
            }
        }
        if consult.leg == .queued, let queueID = consult.queueID {
            removeFromQueue(interactionID, queueID: queueID)
        }
        let isExternalGone = hungUp && task == nil
        if let leg = consult.externalLeg, !isExternalGone {
            step.perform(.disconnectExternal(interactionID, leg: leg))
        }
        interactions[interactionID]?.consult = nil
        interactions[interactionID]?.customerLeg = .connected
        step.taskEvent(.agentConsultEnded, consult.initiatorTaskID)
    }

    /// E9: everyone on one bridge; the consulted agent now talks to the customer too.
    mutating func conference(_ task: AgentTask, in step: inout Step) {
        let id = task.interactionID
        guard let consult = interactions[id]?.consult else { return }
        interactions[id]?.consult?.isConferenced = true
        interactions[id]?.consult?.leg = .connected
        interactions[id]?.customerLeg = .connected
        step.touch(interaction: id)
        step.taskEvent(.agentConsultConferenced, task.id)
        if let consultedID = consult.consultedTaskID {
            tasks[consultedID]?.hasTalkedToCustomer = true
            step.taskEvent(.agentConsultConferenced, consultedID)
        }
    }

    /// E4 (consult transfer) and E9 (agent 1 leaves the conference): agent 1 wraps up, the
    /// consulted party keeps the customer. `outcome` is the event of agent 1's task.
    mutating func transferToConsulted(
        _ task: AgentTask, outcome: EventType, phoneHungUp: Bool = false, in step: inout Step
    ) {
        let id = task.interactionID
        guard let consult = interactions[id]?.consult else { return }
        step.touch(interaction: id)
        if outcome != .agentWrapup { step.taskEvent(outcome, task.id) }
        if !phoneHungUp { disconnectDevice(of: task, in: &step) }
        startWrapUp(task.id, in: &step)
        interactions[id]?.consult = nil
        interactions[id]?.customerLeg = .connected
        if let consultedID = consult.consultedTaskID {
            tasks[consultedID]?.role = .owner
            tasks[consultedID]?.hasTalkedToCustomer = true
            interactions[id]?.ownerTaskID = consultedID
            step.touch(agent: consult.initiatorAgentID)
            step.taskEvent(outcome == .agentConsultTransferred ? outcome : .agentContactAssigned, consultedID)
        } else if let number = consult.destination.externalNumber {
            interactions[id]?.ownerTaskID = nil
            interactions[id]?.phase = .external
            interactions[id]?.externalNumber = number
            interactions[id]?.externalLeg = consult.externalLeg
        }
    }

    /// E9: End in a conference takes agent 1 out; agent 2 owns the call, as after a transfer.
    mutating func leaveConference(_ task: AgentTask, phoneHungUp: Bool = false, in step: inout Step) {
        transferToConsulted(task, outcome: .agentWrapup, phoneHungUp: phoneHungUp, in: &step)
    }

    /// The queue a queue or entry-point destination leads to, as configured now.
    func queueID(of destination: Destination) -> QueueID? {
        switch destination {
        case .queue(let queueID): queueID
        case .entryPoint(let entryPointID): configuration.entryPoint(entryPointID)?.queueID
        case .agent, .dialNumber, .expert: nil
        }
    }
}
