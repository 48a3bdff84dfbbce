/// What the telephony provider reports (D4, D5, E4, E5, I1, I3, I4), and timers firing (C2, G2,
/// I4, K5).
extension ContactCenter {
    mutating func handle(_ signal: TelephonySignal, in step: inout Step) throws(CommandError) -> ReplyReference {
        switch signal {
        case .customerCallArrived(let callID, let ani, let dnis, let variables):
            return try admitCustomerCall(callID, ani: ani, dnis: dnis, routing: variables ?? [:], in: &step)
        case .customerHungUp(let callID):
            let interaction = try interaction(forCall: callID)
            if interaction.callingBackTaskID != nil {
                // I4: the customer rejected the callback's call before answering it.
                try endCallbackAttempt(interaction.id, .busy, customerCallEnded: true, agentPhoneHungUp: false, in: &step)
            } else {
                try endInteraction(interaction.id, because: .customerHungUp, hungUpAgent: nil, in: &step)
            }
            return .interaction(interaction.id)
        case .customerAnswered(let callID):
            let interaction = try interaction(forCall: callID)
            try connectCallback(interaction.id, in: &step)
            return .interaction(interaction.id)
        case .customerFailed(let callID, let failure):
            let interaction = try interaction(forCall: callID)
            try endCallbackAttempt(
                interaction.id, Self.callbackOutcome(failure), customerCallEnded: true, agentPhoneHungUp: false, in: &step)
            return .interaction(interaction.id)
        case .digits(let callID, let digits):
            return try receiveDigits(digits, on: callID, in: &step)
        case .deviceRegistered(let dialNumber, let registration):
            return register(registration, at: dialNumber, in: &step)
        case .deviceUnregistered(let dialNumber):
            return try unregister(dialNumber, in: &step)
        case .deviceAnswered(let dialNumber, let taskID):
            let task = try deviceTask(dialNumber, taskID) { $0.status == .offered }
            try answer(task.id, in: &step)
            return .task(task.id)
        case .deviceFailed(let dialNumber, let failure, let taskID):
            let task = try deviceTask(dialNumber, taskID) { $0.holdsDevice }
            if task.isDiallingCustomer {
                try endCallbackAttempt(task.interactionID, .abandoned, customerCallEnded: false, agentPhoneHungUp: true, in: &step)
            } else if task.isOffer {
                try ringOut(task.id, because: failure, in: &step)
            } else {
                try deviceHungUp(task, in: &step)
            }
            return .task(task.id)
        case .deviceHungUp(let dialNumber, let taskID):
            let task = try deviceTask(dialNumber, taskID) { $0.holdsDevice }
            if task.isDiallingCustomer {
                // I3: the agent's phone gave up before the customer answered: the callback queues again.
                try endCallbackAttempt(task.interactionID, .abandoned, customerCallEnded: false, agentPhoneHungUp: true, in: &step)
            } else if task.isOffer {
                try ringOut(task.id, because: .declined, in: &step)
            } else {
                try deviceHungUp(task, in: &step)
            }
            return .task(task.id)
        case .externalAnswered(let interactionID, let leg):
            let interaction = try liveInteraction(interactionID)
            if let call = interaction.call, let consult = call.consult, consult.externalLeg == leg {
                if case .requested(.dialling, _) = consult.state {
                    try interactions.modify(interactionID) { interaction throws(CommandError) in
                        try interaction.modifyConsult { consult throws(CommandError) in try consult.accept(by: .outside) }
                    }
                    step.touch(interaction: interactionID)
                    step.taskEvent(.agentConsulting, call.ownerTaskID)
                }
            } else if interaction.outsideParty?.leg != leg {
                throw Self.staleOutsideSignal(leg)
            }
            return .interaction(interactionID)
        case .externalFailed(let interactionID, let leg):
            let interaction = try liveInteraction(interactionID)
            if let call = interaction.call, call.consult?.externalLeg == leg {
                try interactions.modify(interactionID) { interaction throws(CommandError) in
                    try interaction.modifyCall { call throws(CommandError) in try call.dropConsult() }
                }
                step.touch(interaction: interactionID)
                step.taskEvent(.agentConsultFailed, call.ownerTaskID, TaskEventDetails(reason: "dial_failed"))
            } else if case .external(let party) = interaction.state, party.leg == leg {
                try endInteraction(interactionID, because: .transferFailed, hungUpAgent: nil, in: &step)
            } else {
                throw Self.staleOutsideSignal(leg)
            }
            return .interaction(interactionID)
        case .externalHungUp(let interactionID, let leg):
            let interaction = try liveInteraction(interactionID)
            if let consult = interaction.consult, consult.externalLeg == leg {
                try endConsult(of: interactionID, by: nil, hungUp: true, in: &step)
            } else if case .external(let party) = interaction.state, party.leg == leg {
                try endInteraction(interactionID, because: .externalHungUp, hungUpAgent: nil, in: &step)
            } else {
                throw Self.staleOutsideSignal(leg)
            }
            return .interaction(interactionID)
        }
    }

    private static func staleOutsideSignal(_ leg: UInt64) -> CommandError {
        CommandError(.notAllowedInState, reason: "stale_signal", "Outside call \(leg) is no longer part of the interaction.")
    }

    /// A customer call to an entry point joins its queue, answered so it hears queue audio.
    private mutating func admitCustomerCall(
        _ callID: CallID, ani: String, dnis: String, routing: [String: String], in step: inout Step
    ) throws(CommandError) -> ReplyReference {
        let rejected = InteractionEventData(callID: callID, ani: ani, dnis: dnis)
        guard interactionIDByCall[callID] == nil else {
            throw CommandError(.invalidRequest, reason: "duplicate_call", "Call \(callID) is already known.")
        }
        guard let entryPoint = configuration.entryPoint(dialing: dnis) else {
            var data = rejected
            data.reason = "unknown_entry_point"
            step.record(.interaction(.contactRejected, data))
            throw CommandError(.notFound, reason: "unknown_entry_point", "No entry point has the number \(dnis).")
        }
        if let limit = reachedLimit() {
            // J1: refused busy; the calls already up go on.
            var data = rejected
            data.reason = limit.reason
            step.record(.interaction(.contactRejected, data))
            throw CommandError.callLimit(limit, "A new call")
        }
        let id = InteractionID("ix-\(takeSerial())")
        let cad = initialCallData(routing: routing)
        interactions[id] = Interaction(
            id: id, callID: callID, ani: ani, dnis: dnis, entryPoint: entryPoint, at: step.now,
            position: QueuePosition(queueID: entryPoint.queueID, enqueuedAt: step.now, order: takeSerial()), cad: cad)
        interactionIDByCall[callID] = id
        step.perform(.answerCustomer(callID))
        try requeue(id, in: &step)
        return .interaction(id)
    }

    /// D5, E4, E9: the agent's phone hung up a call it was on.
    private mutating func deviceHungUp(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        let interaction = try interactions.require(task.interactionID)
        if !task.isOwner {
            try endConsult(of: interaction.id, by: task, hungUp: true, in: &step)
        } else if interaction.isConferenced {
            try leaveConference(task, phoneHungUp: true, in: &step)
        } else {
            try endInteraction(interaction.id, because: .agentHungUp, hungUpAgent: task.agentID, in: &step)
        }
    }

    mutating func fire(_ timer: TimerID, in step: inout Step) throws(CommandError) -> ReplyReference {
        switch timer {
        case .ringTimeout(let taskID):
            guard let task = tasks[taskID], task.status == .offered, let deadline = task.ringDeadline,
                deadline <= step.now
            else { return .none }
            try ringOut(taskID, because: .noAnswer, in: &step)
            return .task(taskID)
        case .privacyShield(let interactionID):
            guard let until = interactions[interactionID]?.recording.pausedUntil, until <= step.now else { return .none }
            try resumeRecording(of: interactionID, automatically: true, in: &step)
            return .interaction(interactionID)
        case .callbackNoAnswer(let interactionID):
            guard let interaction = interactions[interactionID], interaction.callingBackTaskID != nil,
                let deadline = interaction.callback?.current?.answerDeadline, deadline <= step.now
            else { return .none }
            try endCallbackAttempt(interactionID, .noAnswer, customerCallEnded: false, agentPhoneHungUp: false, in: &step)
            return .interaction(interactionID)
        case .callbackRetry(let interactionID):
            return try retryCallback(interactionID, in: &step)
        case .callbackExpiry(let interactionID):
            return try expireCallback(interactionID, in: &step)
        }
    }

    /// Every timer the state still needs, to set them again after a restart (K5).
    public var pendingTimers: [(TimerID, Instant)] {
        var timers: [(TimerID, Instant)] = []
        // A plain loop: Swift 6.3's release optimizer crashes (an ownership error) on the
        // `compactMap` with a closure reading the task's phase.
        for (taskID, task) in tasks {
            if let deadline = task.ringDeadline { timers.append((.ringTimeout(taskID), deadline)) }
        }
        for interaction in interactions.values {
            if let until = interaction.recording.pausedUntil { timers.append((.privacyShield(interaction.id), until)) }
            if interaction.callingBackTaskID != nil, let deadline = interaction.callback?.current?.answerDeadline {
                timers.append((.callbackNoAnswer(interaction.id), deadline))
            }
            if let until = interaction.retryAt { timers.append((.callbackRetry(interaction.id), until)) }
            if let callback = interaction.callback, callback.kind.isCallback, interaction.call == nil, !interaction.isEnded,
                interaction.outsideParty == nil
            {
                timers.append((.callbackExpiry(interaction.id), callbackExpiry(of: callback)))
            }
        }
        return timers.sorted { $0.1 < $1.1 }
    }

    func interaction(forCall callID: CallID) throws(CommandError) -> Interaction {
        guard let id = interactionIDByCall[callID], let interaction = interactions[id] else {
            throw CommandError(.notFound, reason: "unknown_call", "No call \(callID).")
        }
        return interaction
    }

    private func liveInteraction(_ id: InteractionID) throws(CommandError) -> Interaction {
        guard let interaction = interactions[id], !interaction.isEnded else {
            throw CommandError(.notFound, reason: "unknown_interaction", "No live interaction \(id).")
        }
        return interaction
    }

    /// The task on the phone at `dialNumber` that `matches`: the one named, when a task is named.
    private func deviceTask(_ dialNumber: DialNumber, _ taskID: TaskID?, where matches: (AgentTask) -> Bool)
        throws(CommandError) -> AgentTask
    {
        guard let agentID = agentIDByDialNumber[dialNumber.value], let agent = agents[agentID] else {
            throw CommandError(.notFound, reason: "unknown_device", "No agent is logged in at \(dialNumber).")
        }
        // J2: a preview is on the screen only; nothing rings on the phone yet.
        let onPhone = agent.taskID.flatMap { tasks[$0] }.flatMap { matches($0) && !$0.isPreviewing ? $0 : nil }
        guard let task = onPhone, taskID == nil || task.id == taskID else {
            throw CommandError(
                .notAllowedInState, reason: taskID == nil ? "no_call_on_device" : "stale_signal",
                "No such call is on the phone at \(dialNumber).")
        }
        return task
    }
}
