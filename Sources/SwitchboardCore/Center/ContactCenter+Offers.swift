/// C1–C4: reserving an agent, ringing the phone, answering, and RONA.
extension ContactCenter {
    /// Offers the customer call to an agent: connecting, then contact request (C1), ringing the
    /// phone until the ring timeout (C2).
    mutating func offerCustomerCall(
        _ interactionID: InteractionID, to agentID: AgentID, origin: Interaction.OfferOrigin, in step: inout Step
    ) {
        guard let interaction = interactions[interactionID] else { return }
        let variables = PopoverVariables.configured(configuration.cadVariables, values: interaction.cad)
        let taskID = createTask(
            for: agentID, in: interaction, contactType: interaction.contactType, role: .owner,
            popover: variables, in: &step)
        interactions[interactionID]?.offerTaskID = taskID
        interactions[interactionID]?.offerOrigin = origin
        startRinging(taskID, type: .agentOfferContact, in: &step)
    }

    /// Offers a consult request to the consulted agent (C4, E1).
    mutating func offerConsult(_ interactionID: InteractionID, to agentID: AgentID, in step: inout Step) {
        guard let interaction = interactions[interactionID], let consult = interaction.consult else { return }
        let initiator = configuration.agent(consult.initiatorAgentID)
        let station = agents[consult.initiatorAgentID]?.station
        let variables = PopoverVariables.consult(
            initiatorName: initiator?.name ?? consult.initiatorAgentID.rawValue,
            initiatorDialNumber: station?.dialNumber.value ?? "",
            initiatorTeam: station.flatMap { configuration.team($0.teamID)?.name } ?? "",
            viaEntryPoint: consult.isViaEntryPoint,
            configured: PopoverVariables.configured(configuration.cadVariables, values: interaction.cad))
        let taskID = createTask(
            for: agentID, in: interaction, contactType: .consult,
            role: .consulted(viaEntryPoint: consult.isViaEntryPoint), popover: variables, in: &step)
        interactions[interactionID]?.consult?.consultedTaskID = taskID
        interactions[interactionID]?.consult?.leg = .ringing
        startRinging(taskID, type: .agentOfferConsult, in: &step)
    }

    private mutating func createTask(
        for agentID: AgentID, in interaction: Interaction, contactType: ContactType, role: AgentTask.Role,
        popover: [PopoverVariable], in step: inout Step
    ) -> TaskID {
        let taskID = TaskID("task-\(takeSerial())")
        tasks[taskID] = AgentTask(
            id: taskID, agentID: agentID, interactionID: interaction.id, contactType: contactType, role: role,
            status: .reserved, reservedAt: step.now, popoverVariables: popover, hasTalkedToCustomer: false)
        interactions[interaction.id]?.taskIDs.append(taskID)
        if agents[agentID]?.taskIDs.isEmpty == true { agents[agentID]?.choseStateDuringCall = false }
        agents[agentID]?.taskIDs.append(taskID)
        step.touch(agent: agentID)
        step.touch(interaction: interaction.id)
        step.taskEvent(.agentContactReserved, taskID)
        return taskID
    }

    private mutating func startRinging(_ taskID: TaskID, type: EventType, in step: inout Step) {
        guard let task = tasks[taskID], let station = agents[task.agentID]?.station,
            let interaction = interactions[task.interactionID]
        else { return }
        let queueID = task.contactType == .consult ? interaction.consult?.queueID : interaction.queueID
        let deadline = step.now.advanced(by: configuration.ringTimeout(for: queueID))
        tasks[taskID]?.status = .offered
        tasks[taskID]?.ringDeadline = deadline
        step.perform(.ringAgent(task.agentID, dialNumber: station.dialNumber, task: taskID))
        step.schedule(.ringTimeout(taskID), at: deadline)
        step.taskEvent(type, taskID)
    }

    /// D1: the phone picked up (or the desktop answered for it).
    mutating func answer(_ taskID: TaskID, in step: inout Step) {
        guard let task = tasks[taskID], let interaction = interactions[task.interactionID] else { return }
        step.cancel(.ringTimeout(taskID))
        tasks[taskID]?.status = .connected
        tasks[taskID]?.ringDeadline = nil
        tasks[taskID]?.connectedAt = step.now
        step.touch(agent: task.agentID)
        step.touch(interaction: interaction.id)
        if task.contactType == .consult {
            // E3: exactly one leg held once the consult is accepted; the customer, unless agent 1
            // had already resumed them.
            let consultLeg: LegState = interaction.customerLeg == .connected ? .held : .connected
            interactions[interaction.id]?.consult?.leg = consultLeg
            if let consult = interaction.consult { step.taskEvent(.agentConsulting, consult.initiatorTaskID) }
            step.taskEvent(.agentConsulting, taskID)
            return
        }
        tasks[taskID]?.hasTalkedToCustomer = true
        interactions[interaction.id]?.phase = .connected
        interactions[interaction.id]?.customerLeg = .connected
        interactions[interaction.id]?.ownerTaskID = taskID
        interactions[interaction.id]?.offerTaskID = nil
        interactions[interaction.id]?.offerOrigin = nil
        step.taskEvent(.agentContactAssigned, taskID)
        if configuration.settings.recordingEnabled, interaction.recording == .off {
            interactions[interaction.id]?.recording = .recording
            step.taskEvent(.contactRecordingStarted, taskID)
        }
    }

    /// C2, E5: the offer was not taken (ring timeout, declined, device failure): the agent is
    /// RONA, and the request goes back to its queue, fails (consult) or is dropped (transfer).
    mutating func ringOut(_ taskID: TaskID, because failure: DeviceFailure, in step: inout Step) {
        guard let task = tasks[taskID], task.isOffer, let interaction = interactions[task.interactionID] else { return }
        closeOffer(task, reason: failure == .declined ? .declined : .rona, in: &step)
        agents[task.agentID]?.chosen = .rona
        step.taskEvent(.agentOfferContactRona, taskID, TaskEventDetails(reason: failure.rawValue))

        if task.contactType == .consult, let consult = interaction.consult {
            interactions[interaction.id]?.consult = nil
            step.taskEvent(
                .agentConsultFailed, consult.initiatorTaskID,
                TaskEventDetails(reason: "consulted_agent_\(failure.rawValue)"))
            return
        }
        let origin = interaction.offerOrigin
        interactions[interaction.id]?.offerTaskID = nil
        interactions[interaction.id]?.offerOrigin = nil
        if origin == .blindTransfer, !configuration.settings.requeueOnTransferNotAccepted {
            endInteraction(interaction.id, because: .transferNotAccepted, hungUpAgent: nil, in: &step)
        } else {
            requeue(interaction.id, in: &step)
        }
    }

    /// Takes an offer back without a RONA (the customer hung up, the consult was cancelled).
    mutating func withdrawOffer(_ taskID: TaskID, reason: CloseReason, in step: inout Step) {
        guard let task = tasks[taskID], task.isOffer else { return }
        closeOffer(task, reason: reason, in: &step)
        step.taskEvent(.agentOfferWithdrawn, taskID, TaskEventDetails(reason: reason.rawValue))
    }

    private mutating func closeOffer(_ task: AgentTask, reason: CloseReason, in step: inout Step) {
        step.cancel(.ringTimeout(task.id))
        if let station = agents[task.agentID]?.station {
            step.perform(.cancelRinging(task.agentID, dialNumber: station.dialNumber, task: task.id))
        }
        close(task.id, reason: reason, in: &step)
    }

    /// Closes a task: it leaves the agent's list and stays readable until the end of the step.
    mutating func close(_ taskID: TaskID, reason: CloseReason, in step: inout Step) {
        guard let task = tasks[taskID] else { return }
        tasks[taskID]?.status = .closed
        tasks[taskID]?.ringDeadline = nil
        tasks[taskID]?.closeReason = reason
        if task.endedAt == nil { tasks[taskID]?.endedAt = step.now }
        agents[task.agentID]?.taskIDs.removeAll { $0 == taskID }
        step.touch(agent: task.agentID)
        step.touch(interaction: task.interactionID)
        step.closed(task: taskID)
    }

    /// Moves a connected task to wrap-up (D3).
    mutating func startWrapUp(_ taskID: TaskID, in step: inout Step) {
        guard let task = tasks[taskID], task.status == .connected else { return }
        tasks[taskID]?.status = .wrapup
        tasks[taskID]?.endedAt = step.now
        step.touch(agent: task.agentID)
        step.touch(interaction: task.interactionID)
        step.taskEvent(.agentWrapup, taskID)
    }

    /// Hangs up an agent's phone leg of a task.
    mutating func disconnectDevice(of task: AgentTask, in step: inout Step) {
        guard let station = agents[task.agentID]?.station else { return }
        step.perform(.disconnectAgent(task.agentID, dialNumber: station.dialNumber, task: task.id))
    }
}
