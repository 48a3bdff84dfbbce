/// D2–D4, E3, G2: hold and resume, ending the call, wrap-up, and Privacy Shield.
extension ContactCenter {
    /// D2, E3: holding the customer resumes an accepted consult.
    mutating func holdCustomer(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        try changeLine(of: task, .agentContactHeld, in: &step) { call throws(CommandError) in try call.holdCustomer() }
    }

    /// D2, E3: resuming the customer holds an accepted consult; before it is accepted the
    /// consult keeps ringing.
    mutating func resumeCustomer(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        try changeLine(of: task, .agentContactUnheld, in: &step) { call throws(CommandError) in try call.resumeCustomer() }
    }

    /// E3: holding the consulted party resumes the customer.
    mutating func holdConsult(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        try changeLine(of: task, .agentConsultHeld, in: &step) { call throws(CommandError) in
            try call.modifyConsult { consult throws(CommandError) in try consult.holdConsulted() }
        }
    }

    /// E3: resuming the consulted party holds the customer.
    mutating func resumeConsult(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        try changeLine(of: task, .agentConsultUnheld, in: &step) { call throws(CommandError) in
            try call.modifyConsult { consult throws(CommandError) in try consult.resumeConsulted() }
        }
    }

    /// Changes the legs of the task's call and announces it to both agents.
    private mutating func changeLine(
        of task: AgentTask, _ type: EventType, in step: inout Step,
        _ change: (inout Interaction.Call) throws(CommandError) -> Void
    ) throws(CommandError) {
        try interactions.modify(task.interactionID) { interaction throws(CommandError) in
            try interaction.modifyCall(change)
        }
        try announceLegChange(type, by: task, in: &step)
    }

    /// A hold or resume by agent 1 changes agent 2's legs too: one event per task (API.md, E4).
    private mutating func announceLegChange(_ type: EventType, by task: AgentTask, in step: inout Step)
        throws(CommandError)
    {
        step.touch(interaction: task.interactionID)
        step.taskEvent(type, task.id)
        let interaction = try interactions.require(task.interactionID)
        if let consultedID = interaction.consult?.consultedTaskID, tasks[consultedID]?.status == .connected {
            step.taskEvent(type, consultedID)
        }
    }

    /// D3, D4, E4: the interaction ends for everyone on it. The agent who owns the call and any
    /// conferenced agent go to wrap-up; a consulted agent is disconnected without one; offers are
    /// withdrawn. `hungUpAgent` is the agent whose phone already hung up. `ContactEnded` goes to
    /// every agent on the call, or once for the interaction when no agent was on it.
    mutating func endInteraction(
        _ interactionID: InteractionID, because reason: EndReason, hungUpAgent: AgentID?, in step: inout Step
    ) throws(CommandError) {
        guard let interaction = interactions[interactionID], !interaction.isEnded else { return }
        step.touch(interaction: interactionID)
        var endedForAnAgent = false
        for taskID in interaction.taskIDs {
            guard let task = tasks[taskID] else { continue }
            switch task.status {
            case .reserved, .offered:
                try withdrawOffer(taskID, reason: .customerHungUp, in: &step)
            case .connected:
                step.taskEvent(.contactEnded, taskID, TaskEventDetails(reason: reason.rawValue))
                endedForAnAgent = true
                if task.agentID != hungUpAgent { disconnectDevice(of: task, in: &step) }
                if task.hasTalkedToCustomer {
                    try startWrapUp(taskID, in: &step)
                } else {
                    try close(taskID, reason: .interactionEnded, in: &step)
                }
            case .wrapup, .closed:
                break
            }
        }
        if let position = interaction.queuePosition { queues.remove(interactionID, from: position.queueID) }
        if let consult = interaction.consult {
            if consult.isQueued, let queueID = consult.queueID { queues.remove(interactionID, from: queueID) }
            if let leg = consult.externalLeg { step.perform(.disconnectExternal(interactionID, leg: leg)) }
        }
        if case .external(let party) = interaction.state, reason != .externalHungUp {
            step.perform(.disconnectExternal(interactionID, leg: party.leg))
        }
        if reason != .customerHungUp, let callID = interaction.callID { step.perform(.disconnectCustomer(callID)) }
        if interaction.recording.pausedUntil != nil { step.cancel(.privacyShield(interactionID)) }
        try interactions.modify(interactionID) { interaction throws(CommandError) in try interaction.end(reason, at: step.now) }
        if !endedForAnAgent {
            step.record(.interaction(.contactEnded, interactionData(interaction, reason: reason.rawValue)))
        }
    }

    /// D3, B4: the agent picks a reason; the task closes, and the agent is Available again unless
    /// they chose another state since the call reached them.
    mutating func wrapUp(_ task: AgentTask, reason: ReasonID, in step: inout Step) throws(CommandError) {
        // I1: the handle time, from answer to the end of wrap-up, feeds the queue's estimated wait:
        // of calls the agent talked on, that came through the queue (not an agent's own outdial).
        if task.hasTalkedToCustomer, let connectedAt = task.connectedAt,
            let interaction = interactions[task.interactionID], interaction.contactType != .outbound,
            let queueID = interaction.queueID
        {
            handleTimes.recordHandled(step.now.duration(since: connectedAt), in: queueID)
        }
        try close(task.id, reason: .wrappedUp, wrapUpReason: reason, in: &step)
        step.taskEvent(.agentWrappedUp, task.id)
    }

    /// G2: pause for at most the administrator's duration; a server timer resumes it (K5).
    mutating func pauseRecording(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        let until = step.now.advanced(by: .seconds(configuration.settings.privacyShieldSeconds))
        try interactions.modify(task.interactionID) { interaction throws(CommandError) in
            try interaction.recording.pause(until: until)
        }
        step.touch(interaction: task.interactionID)
        step.schedule(.privacyShield(task.interactionID), at: until)
        step.taskEvent(.contactRecordingPaused, task.id)
    }

    mutating func resumeRecording(of interactionID: InteractionID, automatically: Bool, in step: inout Step)
        throws(CommandError)
    {
        guard let interaction = interactions[interactionID], interaction.recording.pausedUntil != nil else { return }
        try interactions.modify(interactionID) { interaction throws(CommandError) in try interaction.recording.resume() }
        step.touch(interaction: interactionID)
        if !automatically { step.cancel(.privacyShield(interactionID)) }
        if let owner = interaction.ownerTaskID {
            step.taskEvent(.contactRecordingResumed, owner, TaskEventDetails(autoResumed: automatically))
        }
    }

    func interactionData(_ interaction: Interaction, position: Int? = nil, reason: String? = nil)
        -> InteractionEventData
    {
        InteractionEventData(
            interactionID: interaction.id, callID: interaction.callID, ani: interaction.ani, dnis: interaction.dnis,
            queueID: interaction.queueID, position: position, reason: reason)
    }
}
