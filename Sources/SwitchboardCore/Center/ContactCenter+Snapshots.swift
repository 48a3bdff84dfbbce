/// Read models: tasks and agents as the API shows them, and events rendered from records.
extension ContactCenter {
    /// The task as `GET /v1/tasks/{id}` shows it, while the core still holds it.
    public func taskSnapshot(_ taskID: TaskID) -> TaskSnapshot? {
        guard let task = tasks[taskID], let interaction = interactions[task.interactionID] else { return nil }
        // I3, J2: while the customer is dialled, their leg shows ringing.
        let showsCall = task.status == .connected || task.isDiallingCustomer
        return TaskSnapshot(
            id: task.id, agentID: task.agentID, status: task.status, role: task.role, callID: interaction.callID,
            interactionID: interaction.id, contactType: task.contactType, ani: interaction.ani, dnis: interaction.dnis,
            queue: interaction.queueID.flatMap { id in configuration.queue(id).map { QueueReference(id: id, name: $0.name) } },
            arrivedAt: interaction.arrivedAt, offeredAt: task.reservedAt, popoverVariables: task.popoverVariables,
            participants: participants(of: interaction),
            legs: showsCall ? legs(of: interaction, seenBy: task) : [],
            recording: interaction.recording.stateName, cad: cadValues(of: interaction),
            cadVersion: interaction.cad.version, cadControls: CallDataControls.of(task), controls: controls(for: task), ringDeadline: task.ringDeadline,
            connectedAt: task.connectedAt, wrapUpReasonID: task.wrapUpReasonID, closeReason: task.closeReason,
            callback: interaction.callback.flatMap { callback in callback.kind.isCallback ? callback : nil }.map { callback in
                CallbackSnapshot(
                    kind: callback.kind, name: callback.name, number: callback.number.value,
                    isDialling: task.isDiallingCustomer, unansweredAttempts: callback.unansweredAttempts,
                    maxAttempts: configuration.settings.callbackMaxAttempts)
            },
            campaign: interaction.campaignContact.map { reference in
                CampaignTaskSnapshot(
                    id: reference.campaignID, name: configuration.campaign(reference.campaignID)?.name ?? reference.campaignID.rawValue,
                    contactID: reference.contactID, isPreview: task.isPreviewing)
            })
    }

    /// The agent as `GET /v1/me` and `AgentStateChange` show it.
    public func agentSnapshot(_ agentID: AgentID) -> AgentSnapshot? {
        let agent = agents[agentID] ?? (configuration.agent(agentID) != nil ? Agent(id: agentID, since: .seconds(0)) : nil)
        guard let agent else { return nil }
        let teamID = agent.station?.teamID
        let chosenReason = agent.chosen?.idleReasonID
        return AgentSnapshot(
            agentID: agentID, name: configuration.agent(agentID)?.name ?? agentID.rawValue, state: agent.shown.state,
            idleReasonID: agent.shown.idleReasonID,
            idleReasonName: agent.shown.idleReasonID.flatMap { configuration.idleReason($0)?.name },
            chosenState: agent.chosen?.agentState ?? .loggedOut, chosenIdleReasonID: chosenReason,
            chosenIdleReasonName: chosenReason.flatMap { configuration.idleReason($0)?.name },
            teamID: teamID, teamName: teamID.flatMap { configuration.team($0)?.name },
            dialNumber: agent.station?.dialNumber, since: agent.shown.since, taskIDs: agent.taskID.map { [$0] } ?? [],
            device: deviceStatus(of: agentID))
    }

    private func participants(of interaction: Interaction) -> [ParticipantSnapshot] {
        var result = [ParticipantSnapshot(kind: .customer, number: interaction.ani)]
        let ownerID = interaction.ownerTaskID
        let consultedID = interaction.consult?.consultedTaskID
        for taskID in [ownerID, consultedID].compactMap(\.self) {
            guard let task = tasks[taskID], task.status == .connected else { continue }
            result.append(
                ParticipantSnapshot(
                    kind: .agent, agentID: task.agentID, taskID: task.id, name: configuration.agent(task.agentID)?.name,
                    number: agents[task.agentID]?.station?.dialNumber.value, role: task.isOwner ? "owner" : "consulted"))
        }
        if let number = interaction.consult?.destination.externalNumber ?? interaction.outsideParty?.number {
            result.append(ParticipantSnapshot(kind: .external, number: number.value))
        }
        return result
    }

    /// E3: the customer's leg and, during a consult, the consult leg, from this task's side.
    private func legs(of interaction: Interaction, seenBy task: AgentTask) -> [LegSnapshot] {
        let isConferenced = interaction.isConferenced
        let customer = LegSnapshot(
            kind: .customer, state: interaction.customerLeg,
            party: PartySnapshot(kind: .customer, number: interaction.ani), isConferenced: isConferenced)
        guard let consult = interaction.consult else { return [customer] }
        let party: PartySnapshot
        if task.isOwner {
            party = self.party(consult.destination)
        } else {
            guard let initiator = consultInitiator(of: interaction) else { return [customer] }
            party = PartySnapshot(
                kind: .agent, id: initiator.rawValue, name: configuration.agent(initiator)?.name,
                number: agents[initiator]?.station?.dialNumber.value)
        }
        return [customer, LegSnapshot(kind: .consult, state: consult.leg, party: party, isConferenced: isConferenced)]
    }

    private func party(_ destination: Destination) -> PartySnapshot {
        switch destination {
        case .agent(let id):
            PartySnapshot(
                kind: .agent, id: id.rawValue, name: configuration.agent(id)?.name,
                number: agents[id]?.station?.dialNumber.value)
        case .queue(let id):
            PartySnapshot(kind: .queue, id: id.rawValue, name: configuration.queue(id)?.name)
        case .entryPoint(let id):
            PartySnapshot(
                kind: .entryPoint, id: id.rawValue, name: configuration.entryPoint(id)?.name,
                number: configuration.entryPoint(id)?.dialNumber.value)
        case .dialNumber(let number):
            PartySnapshot(
                kind: .dialNumber, name: configuration.addressBook.first { $0.number == number }?.name,
                number: number.value)
        case .expert(let id, let number):
            PartySnapshot(kind: .expert, id: id.rawValue, name: configuration.expert(id)?.fullName, number: number.value)
        }
    }

    /// H2: secure values are masked.
    private func cadValues(of interaction: Interaction) -> [CADValueSnapshot] {
        configuration.cadVariables.map { variable in
            CADValueSnapshot(
                name: variable.name, label: variable.label, type: variable.type,
                value: shownValue(of: variable, in: interaction.cad), isSecure: variable.isSecure,
                isEditable: variable.isEditable)
        }
    }

    func render(_ record: EventRecord) -> DomainEvent {
        switch record {
        case .task(let type, let taskID, let details):
            let snapshot = taskSnapshot(taskID)!
            return DomainEvent(
                type: type, taskID: taskID, agentID: snapshot.agentID, interactionID: snapshot.interactionID,
                data: .task(snapshot, details))
        case .agent(let type, let agentID):
            return DomainEvent(type: type, agentID: agentID, data: .agent(agentSnapshot(agentID)!))
        case .interaction(let type, let data):
            return DomainEvent(type: type, interactionID: data.interactionID, data: .interaction(data))
        case .failure(let type, let agentID, let taskID, let error):
            let knownTask = taskID.flatMap { tasks[$0]?.agentID == agentID ? $0 : nil }
            return DomainEvent(
                type: type, taskID: knownTask, agentID: agentID,
                interactionID: knownTask.flatMap { tasks[$0]?.interactionID }, data: .failure(error))
        }
    }

    func render(_ reply: ReplyReference) -> CommandReply {
        switch reply {
        case .task(let id): taskSnapshot(id).map(CommandReply.task) ?? .none
        case .agent(let id): agentSnapshot(id).map(CommandReply.agent) ?? .none
        case .interaction(let id): .interaction(id)
        case .revealed(let taskID, let name): .revealed(taskID, name: name, value: secureValue(name, of: taskID) ?? "")
        case .none: .none
        }
    }

    /// L3: who hears whom, for every interaction the step touched whose plan changed.
    mutating func publishMediaPlans(in step: inout Step) {
        for id in step.touchedInteractions {
            guard let interaction = interactions[id] else { continue }
            let plan = interaction.isEnded ? nil : mediaPlan(for: interaction)
            guard plan != mediaPlans[id] else { continue }
            mediaPlans[id] = plan
            if let plan { step.perform(.updateMedia(id, plan)) }
        }
    }

    /// The media an interaction needs now (L3).
    public func mediaPlan(for interaction: Interaction) -> MediaPlan {
        var plan = MediaPlan(isRecording: interaction.recording == .recording)
        func place(_ party: MediaParty, _ state: LegState) {
            switch state {
            case .connected: plan.bridged.append(party)
            case .held: plan.onHold.append(party)
            case .queued, .ringing, .ended: break
            }
        }
        switch interaction.customerLeg {
        case .queued: plan.customerHearsQueueAudio = interaction.callID != nil
        default: place(.customer, interaction.customerLeg)
        }
        if let owner = interaction.ownerTaskID.flatMap({ tasks[$0] }), owner.status == .connected {
            plan.bridged.append(.agent(owner.agentID))
        }
        if let consult = interaction.consult {
            if let consulted = consult.consultedTaskID.flatMap({ tasks[$0] }), consulted.status == .connected {
                place(.agent(consulted.agentID), consult.leg)
            } else if consult.destination.externalNumber != nil {
                place(.external, consult.leg)
            }
        }
        if interaction.phase == .external { plan.bridged.append(.external) }
        return plan
    }
}
