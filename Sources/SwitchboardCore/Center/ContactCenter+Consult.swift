/// E1–E6, E9: consult, conference, and leaving them.
extension ContactCenter {
    /// E1, E2: the customer goes on hold and the consult is requested: offered to an agent,
    /// queued at a queue or entry point, or dialled.
    mutating func startConsult(_ task: AgentTask, to destination: Destination, in step: inout Step) throws(CommandError) {
        if destination.externalNumber != nil { try refuseAtCallLimit("A consult to a number outside") }
        let id = task.interactionID
        let externalLeg = destination.externalNumber.map { _ in takeSerial() }
        let request: Consult.Request
        var consultedTaskID: TaskID?
        switch destination {
        case .agent:
            let taskID = makeTaskID()
            consultedTaskID = taskID
            request = .ringingAgent(taskID)
        case .queue, .entryPoint: request = .queued
        case .dialNumber, .expert: request = .dialling
        }
        let consult = Consult(
            destination: destination, at: step.now, queueID: queueID(of: destination), externalLeg: externalLeg,
            request: request)
        try interactions.modify(id) { interaction throws(CommandError) in
            try interaction.modifyCall { call throws(CommandError) in try call.startConsult(consult) }
        }
        step.touch(interaction: id)
        step.taskEvent(.agentConsultCreated, task.id)
        switch destination {
        case .agent(let agentID):
            guard let consultedTaskID else { return }
            try offerConsult(id, as: consultedTaskID, to: agentID, in: &step)
        case .queue, .entryPoint:
            try enqueueConsult(id, in: &step)
        case .dialNumber(let number), .expert(_, let number):
            guard let externalLeg else { return }
            step.perform(.dialExternal(id, leg: externalLeg, number: number))
        }
    }

    /// E4, E9: End consult by either agent, agent 2's phone hanging up, or the outside party
    /// leaving. Agent 1 goes on with the customer; a consulted agent who was in the conference
    /// wraps up, one who was only consulted does not.
    mutating func endConsult(of interactionID: InteractionID, by task: AgentTask?, hungUp: Bool, in step: inout Step)
        throws(CommandError)
    {
        guard let interaction = interactions[interactionID], let call = interaction.call, let consult = call.consult else {
            return
        }
        step.touch(interaction: interactionID)
        if let consultedID = consult.consultedTaskID, let consulted = tasks[consultedID] {
            if consulted.isOffer {
                try withdrawOffer(consultedID, reason: .consultCancelled, in: &step)
            } else if consulted.status == .connected {
                step.taskEvent(.agentConsultEnded, consultedID)
                let consultedHungUp = hungUp && task?.id == consultedID
                if !consultedHungUp { disconnectDevice(of: consulted, in: &step) }
                if consulted.hasTalkedToCustomer {
                    try startWrapUp(consultedID, in: &step)
                } else {
                    try close(consultedID, reason: .consultEnded, in: &step)
                }
            }
        }
        if consult.isQueued, let queueID = consult.queueID { queues.remove(interactionID, from: queueID) }
        let isExternalGone = hungUp && task == nil
        if let leg = consult.externalLeg, !isExternalGone {
            step.perform(.disconnectExternal(interactionID, leg: leg))
        }
        try interactions.modify(interactionID) { interaction throws(CommandError) in
            try interaction.modifyCall { call throws(CommandError) in try call.endConsult() }
        }
        step.taskEvent(.agentConsultEnded, call.ownerTaskID)
    }

    /// E9: everyone on one bridge; the consulted agent now talks to the customer too.
    mutating func conference(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        let id = task.interactionID
        let consultedID = try interactions.modify(id) { interaction throws(CommandError) in
            try interaction.modifyConsult { consult throws(CommandError) in
                try consult.conference()
                return consult.consultedTaskID
            }
        }
        step.touch(interaction: id)
        step.taskEvent(.agentConsultConferenced, task.id)
        if let consultedID {
            try tasks.modify(consultedID) { task throws(CommandError) in try task.joinConference() }
            step.taskEvent(.agentConsultConferenced, consultedID)
        }
    }

    /// E4 (consult transfer) and E9 (agent 1 leaves the conference): agent 1 wraps up, the
    /// consulted party keeps the customer. `outcome` is the event of agent 1's task.
    mutating func transferToConsulted(
        _ task: AgentTask, outcome: EventType, phoneHungUp: Bool = false, in step: inout Step
    ) throws(CommandError) {
        let id = task.interactionID
        guard let consult = interactions[id]?.consult else { return }
        step.touch(interaction: id)
        if outcome != .agentWrapup { step.taskEvent(outcome, task.id) }
        if !phoneHungUp { disconnectDevice(of: task, in: &step) }
        try startWrapUp(task.id, in: &step)
        let consultedID = consult.consultedTaskID
        try interactions.modify(id) { interaction throws(CommandError) in try interaction.handOver(to: consultedID) }
        if let consultedID {
            try tasks.modify(consultedID) { task throws(CommandError) in try task.becomeOwner() }
            step.touch(agent: task.agentID)
            step.taskEvent(outcome == .agentConsultTransferred ? outcome : .agentContactAssigned, consultedID)
        }
    }

    /// E9: End in a conference takes agent 1 out; agent 2 owns the call, as after a transfer.
    mutating func leaveConference(_ task: AgentTask, phoneHungUp: Bool = false, in step: inout Step) throws(CommandError) {
        try transferToConsulted(task, outcome: .agentWrapup, phoneHungUp: phoneHungUp, in: &step)
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
