/// C1–C4: reserving an agent, ringing the phone, answering, and RONA.
extension ContactCenter {
    /// Offers the customer call to an agent: connecting, then contact request (C1), ringing the
    /// phone until the ring timeout (C2). J2: a preview rings nothing yet (`popover` shows the
    /// campaign's variables).
    @discardableResult
    mutating func offerCustomerCall(
        _ interactionID: InteractionID, to agentID: AgentID, origin: Interaction.OfferOrigin,
        popover: [PopoverVariable]? = nil, in step: inout Step
    ) throws(CommandError) -> TaskID {
        let interaction = try interactions.require(interactionID)
        let variables =
            popover ?? interaction.callback.flatMap { callback in callback.kind.isCallback ? callback : nil }.map { callback in
                PopoverVariables.callback(
                    number: callback.number.value,
                    queueName: interaction.queueID.flatMap { configuration.queue($0)?.name } ?? "", dnis: interaction.dnis)
            } ?? PopoverVariables.configured(configuration.cadVariables, values: interaction.cad.values)
        let taskID = makeTaskID()
        try interactions.modify(interactionID) { interaction throws(CommandError) in try interaction.offer(taskID, origin: origin) }
        try createTask(
            taskID, for: agentID, in: interaction, contactType: interaction.contactType, role: .owner, popover: variables,
            in: &step)
        if origin != .preview { try startRinging(taskID, type: .agentOfferContact, in: &step) }
        return taskID
    }

    /// Offers a consult request to the consulted agent (C4, E1): `taskID` is the task the consult
    /// already rings for.
    mutating func offerConsult(_ interactionID: InteractionID, as taskID: TaskID, to agentID: AgentID, in step: inout Step)
        throws(CommandError)
    {
        let interaction = try interactions.require(interactionID)
        guard let call = interaction.call, let consult = call.consult else { throw .illegal("offer a consult", in: interaction.state) }
        let initiatorID = try tasks.require(call.ownerTaskID).agentID
        let station = agents[initiatorID]?.station
        let variables = PopoverVariables.consult(
            initiatorName: configuration.agent(initiatorID)?.name ?? initiatorID.rawValue,
            initiatorDialNumber: station?.dialNumber.value ?? "",
            initiatorTeam: station.flatMap { configuration.team($0.teamID)?.name } ?? "",
            viaEntryPoint: consult.isViaEntryPoint,
            configured: PopoverVariables.configured(configuration.cadVariables, values: interaction.cad.values))
        try createTask(
            taskID, for: agentID, in: interaction, contactType: .consult,
            role: .consulted(viaEntryPoint: consult.isViaEntryPoint), popover: variables, in: &step)
        try startRinging(taskID, type: .agentOfferConsult, in: &step)
    }

    /// The id of the next task.
    mutating func makeTaskID() -> TaskID { TaskID("task-\(takeSerial())") }

    private mutating func createTask(
        _ taskID: TaskID, for agentID: AgentID, in interaction: Interaction, contactType: ContactType,
        role: AgentTask.Role, popover: [PopoverVariable], in step: inout Step
    ) throws(CommandError) {
        tasks[taskID] = AgentTask(
            id: taskID, agentID: agentID, interactionID: interaction.id, contactType: contactType, role: role,
            reservedAt: step.now, popoverVariables: popover)
        try interactions.modify(interaction.id) { interaction in interaction.add(taskID) }
        try agents.modify(agentID) { agent throws(CommandError) in try agent.take(taskID) }
        step.touch(agent: agentID)
        step.touch(interaction: interaction.id)
        step.taskEvent(.agentContactReserved, taskID)
    }

    mutating func startRinging(_ taskID: TaskID, type: EventType, in step: inout Step) throws(CommandError) {
        let task = try tasks.require(taskID)
        let interaction = try interactions.require(task.interactionID)
        guard let station = agents[task.agentID]?.station else { throw .illegal("ring", in: agents[task.agentID]?.state) }
        let queueID = task.contactType == .consult ? interaction.consult?.queueID : interaction.queueID
        let deadline = step.now.advanced(by: configuration.ringTimeout(for: queueID))
        try tasks.modify(taskID) { task throws(CommandError) in try task.ring(until: deadline) }
        step.perform(.ringAgent(task.agentID, dialNumber: station.dialNumber, task: taskID, device: station.device))
        step.schedule(.ringTimeout(taskID), at: deadline)
        step.taskEvent(type, taskID)
    }

    /// D1: the phone picked up (or the desktop answered for it). I3: for a callback nobody has
    /// called yet, that dials the customer; agent and customer connect when the customer answers.
    /// A callback already connected (transferred on since) connects as any call.
    mutating func answer(_ taskID: TaskID, in step: inout Step) throws(CommandError) {
        let task = try tasks.require(taskID)
        let interactionID = task.interactionID
        if interactions[interactionID]?.callback != nil, interactions[interactionID]?.callID == nil || task.isDiallingCustomer {
            guard !task.isDiallingCustomer else {
                throw CommandError(.notAllowedInState, reason: "stale_signal", "The callback is already dialling the customer.")
            }
            try dialCustomer(for: task, in: &step)
            return
        }
        step.cancel(.ringTimeout(taskID))
        try tasks.modify(taskID) { task throws(CommandError) in try task.answer(at: step.now) }
        step.touch(agent: task.agentID)
        step.touch(interaction: interactionID)
        if task.contactType == .consult {
            // E3: exactly one leg held once the consult is accepted.
            let owner = try interactions.modify(interactionID) { interaction throws(CommandError) in
                try interaction.modifyConsult { consult throws(CommandError) in try consult.accept(by: .agent(taskID)) }
                return interaction.ownerTaskID
            }
            if let owner { step.taskEvent(.agentConsulting, owner) }
            step.taskEvent(.agentConsulting, taskID)
            return
        }
        let recordingStarted = try interactions.modify(interactionID) { interaction throws(CommandError) in
            try interaction.connect(taskID)
            return configuration.settings.recordingEnabled && interaction.recording.start()
        }
        step.taskEvent(.agentContactAssigned, taskID)
        if recordingStarted { step.taskEvent(.contactRecordingStarted, taskID) }
    }

    /// C2, E5: the offer was not taken (ring timeout, declined, device failure): the agent is
    /// RONA, and the request goes back to its queue, fails (consult) or is dropped (transfer).
    mutating func ringOut(_ taskID: TaskID, because failure: DeviceFailure, in step: inout Step) throws(CommandError) {
        guard let task = tasks[taskID], task.isOffer, let interaction = interactions[task.interactionID] else { return }
        if interaction.offer?.origin == .preview {
            try closePreview(task, skipped: failure == .declined, in: &step)
            return
        }
        if interaction.offer?.origin == .outdial {
            // J2: the agent's own outdial was not answered (or was declined) on their phone: it is
            // over, and the agent, who asked for it, is not RONA. A campaign contact declined on the
            // phone after Call is skipped; one the phone could not take waits for the next agent.
            try withdrawOffer(taskID, reason: .declined, in: &step)
            let reason: EndReason = interaction.campaignContact != nil && failure == .declined ? .previewSkipped : .outdialCancelled
            try interactions.modify(interaction.id) { interaction throws(CommandError) in
                try interaction.end(reason, at: step.now)
            }
            step.record(.interaction(.contactEnded, interactionData(interaction, reason: reason.rawValue)))
            return
        }
        try closeOffer(task, reason: failure == .declined ? .declined : .rona, in: &step)
        try agents.modify(task.agentID) { agent throws(CommandError) in try agent.ringOut() }
        step.taskEvent(.agentOfferContactRona, taskID, TaskEventDetails(reason: failure.rawValue))

        if task.contactType == .consult, let call = interaction.call, call.consult != nil {
            let owner = call.ownerTaskID
            try interactions.modify(interaction.id) { interaction throws(CommandError) in
                try interaction.modifyCall { call throws(CommandError) in try call.dropConsult() }
            }
            step.taskEvent(.agentConsultFailed, owner, TaskEventDetails(reason: "consulted_agent_\(failure.rawValue)"))
            return
        }
        if interaction.offer?.origin == .blindTransfer,
            !configuration.settings.requeueOnTransferNotAccepted || interaction.queuePosition == nil
        {
            // J2: an outdial transferred on has no place in a queue to go back to.
            try endInteraction(interaction.id, because: .transferNotAccepted, hungUpAgent: nil, in: &step)
        } else {
            try interactions.modify(interaction.id) { interaction throws(CommandError) in try interaction.returnToQueue() }
            try requeue(interaction.id, in: &step)
        }
    }

    /// Takes an offer back without a RONA (the customer hung up, the consult was cancelled).
    mutating func withdrawOffer(_ taskID: TaskID, reason: CloseReason, in step: inout Step) throws(CommandError) {
        guard let task = tasks[taskID], task.isOffer else { return }
        try closeOffer(task, reason: reason, in: &step)
        step.taskEvent(.agentOfferWithdrawn, taskID, TaskEventDetails(reason: reason.rawValue))
    }

    private mutating func closeOffer(_ task: AgentTask, reason: CloseReason, in step: inout Step) throws(CommandError) {
        step.cancel(.ringTimeout(task.id))
        if task.isDiallingCustomer {
            // I3: the agent's phone is up for a callback: it hangs up rather than stops ringing.
            step.cancel(.callbackNoAnswer(task.interactionID))
            disconnectDevice(of: task, in: &step)
        } else if let station = agents[task.agentID]?.station {
            step.perform(.cancelRinging(task.agentID, dialNumber: station.dialNumber, task: task.id, device: station.device))
        }
        try close(task.id, reason: reason, in: &step)
    }

    /// Closes a task: it leaves the agent's phone and stays readable until the end of the step;
    /// after a wrap-up the agent takes the state of B4.
    mutating func close(_ taskID: TaskID, reason: CloseReason, wrapUpReason: ReasonID? = nil, in step: inout Step)
        throws(CommandError)
    {
        let task = try tasks.require(taskID)
        try tasks.modify(taskID) { task throws(CommandError) in try task.close(reason, at: step.now, wrapUpReason: wrapUpReason) }
        try agents.modify(task.agentID) { agent throws(CommandError) in
            try agent.release(taskID, wrappedUp: reason == .wrappedUp)
        }
        step.touch(agent: task.agentID)
        step.touch(interaction: task.interactionID)
        step.closed(task: taskID)
    }

    /// Moves a connected task to wrap-up (D3).
    mutating func startWrapUp(_ taskID: TaskID, in step: inout Step) throws(CommandError) {
        let task = try tasks.modify(taskID) { task throws(CommandError) in
            try task.startWrapUp(at: step.now)
            return task
        }
        step.touch(agent: task.agentID)
        step.touch(interaction: task.interactionID)
        step.taskEvent(.agentWrapup, taskID)
    }

    /// Hangs up an agent's phone leg of a task.
    func disconnectDevice(of task: AgentTask, in step: inout Step) {
        guard let station = agents[task.agentID]?.station else { return }
        step.perform(.disconnectAgent(task.agentID, dialNumber: station.dialNumber, task: task.id, device: station.device))
    }
}
