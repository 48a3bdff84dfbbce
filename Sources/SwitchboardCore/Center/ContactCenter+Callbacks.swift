/// I1–I4: callbacks. A queued caller chooses a courtesy callback (or a customer asks for one on
/// the web); the request keeps its place in the queue and is offered to an agent like a call. When
/// the agent's phone answers, the customer is dialled; the customer answering connects them.
/// An attempt the customer does not take closes the agent's task and the callback waits for its
/// retry (a timer that survives a restart), until the tenant's attempts are used up.
extension ContactCenter {
    /// I2: a web callback joins the entry point's queue with no call yet.
    mutating func requestWebCallback(
        at entryPointID: EntryPointID, name: String, number: String, in step: inout Step
    ) throws(CommandError) -> ReplyReference {
        guard let entryPoint = configuration.entryPoint(entryPointID) else {
            throw CommandError(
                .notFound, reason: "unknown_entry_point", "No entry point \(entryPointID).", field: "entryPointId")
        }
        guard let dialNumber = DialNumber.valid(number) else {
            throw CommandError(.invalidDialNumber, "\(number) is not a number that can be called back.", field: "number")
        }
        let nameLength = name.unicodeScalars.count
        guard nameLength > 0, nameLength <= Self.maximumCallbackNameLength else {
            throw CommandError(
                .invalidRequest, reason: "invalid_name",
                "The name must be 1 to \(Self.maximumCallbackNameLength) characters.", field: "name")
        }
        let id = InteractionID("ix-\(takeSerial())")
        let callback = Callback(kind: .web, number: dialNumber, name: name, requestedAt: step.now)
        let position = QueuePosition(queueID: entryPoint.queueID, enqueuedAt: step.now, order: takeSerial())
        let interaction = Interaction(
            id: id, callback: callback, entryPoint: entryPoint, position: position, cad: initialCallData(routing: [:]))
        interactions[id] = interaction
        step.schedule(.callbackExpiry(id), at: callbackExpiry(of: callback))
        step.record(.interaction(.callbackRequested, interactionData(interaction, reason: Callback.Kind.web.rawValue)))
        try requeue(id, in: &step)
        return .interaction(id)
    }

    /// The longest name a web callback takes.
    static let maximumCallbackNameLength = 100

    /// I1: the caller pressed `1` while queued at an entry point that offers a courtesy callback
    /// now: the call leaves the line, the request stays at its place. Other keys, or `1` when no
    /// callback is offered, change nothing (the caller keeps waiting).
    mutating func receiveDigits(_ digits: String, on callID: CallID, in step: inout Step) throws(CommandError)
        -> ReplyReference
    {
        let interaction = try interaction(forCall: callID)
        guard digits.first == "1", courtesyCallbackOffered(to: interaction.id, at: step.now),
            let number = DialNumber.valid(interaction.ani)
        else { return .interaction(interaction.id) }
        try interactions.modify(interaction.id) { interaction throws(CommandError) in
            try interaction.chooseCallback(on: number, at: step.now)
        }
        interactionIDByCall[callID] = nil
        step.perform(.disconnectCustomer(callID))
        step.touch(interaction: interaction.id)
        let chosen = try interactions.require(interaction.id)
        if let callback = chosen.callback { step.schedule(.callbackExpiry(chosen.id), at: callbackExpiry(of: callback)) }
        var data = interactionData(chosen, position: queuePlace(of: chosen.id), reason: Callback.Kind.courtesy.rawValue)
        data.callID = callID
        step.record(.interaction(.callbackRequested, data))
        return .interaction(interaction.id)
    }

    /// I1: whether the caller waiting in `interactionID` may choose a courtesy callback at `now`
    /// (the customer phone shows the choice): queued, with a number to call back, at an entry
    /// point that offers it — outside its opening hours, or for the estimated wait.
    public func courtesyCallbackOffered(to interactionID: InteractionID, at now: Instant) -> Bool {
        guard let interaction = interactions[interactionID], case .queued = interaction.state,
            interaction.callback == nil, DialNumber.valid(interaction.ani) != nil
        else { return false }
        return offersCourtesyCallback(interaction, at: now)
    }

    /// I3: the agent's phone answered a callback's offer (or the desktop accepted it): the
    /// customer is dialled, and rings until the callback ring time is up.
    mutating func dialCustomer(for task: AgentTask, in step: inout Step) throws(CommandError) {
        let interaction = try interactions.require(task.interactionID)
        guard let callback = interaction.callback else { throw .illegal("dial a callback", in: interaction.state) }
        if let limit = reachedLimit() {
            // J1: a limit was reached after the offer: no dial-out; the callback waits at its
            // place (routing holds callbacks back) until there is room; an outdial is not placed.
            step.cancel(.ringTimeout(task.id))
            disconnectDevice(of: task, in: &step)
            if callback.kind == .outdial {
                step.taskEvent(.contactEnded, task.id, TaskEventDetails(reason: limit.reason))
                try close(task.id, reason: .interactionEnded, in: &step)
                try interactions.modify(interaction.id) { interaction throws(CommandError) in
                    try interaction.end(.outdialCancelled, at: step.now)
                }
                step.touch(interaction: interaction.id)
                return
            }
            step.taskEvent(.callbackAttemptFailed, task.id, TaskEventDetails(reason: limit.reason))
            try close(task.id, reason: .callbackAbandoned, in: &step)
            try interactions.modify(interaction.id) { interaction throws(CommandError) in try interaction.returnToQueue() }
            try requeue(interaction.id, in: &step)
            return
        }
        let callID = CallID("callback-\(takeSerial())")
        let deadline = step.now.advanced(by: .seconds(configuration.settings.callbackRingSeconds))
        step.cancel(.ringTimeout(task.id))
        try tasks.modify(task.id) { task throws(CommandError) in try task.startDialling(at: step.now) }
        try interactions.modify(interaction.id) { interaction throws(CommandError) in
            try interaction.callBack(on: callID, for: task.id, by: task.agentID, until: deadline, at: step.now)
        }
        interactionIDByCall[callID] = interaction.id
        step.perform(.dialCustomer(interaction.id, callID: callID, number: callback.number))
        step.schedule(.callbackNoAnswer(interaction.id), at: deadline)
        step.touch(agent: task.agentID)
        step.touch(interaction: interaction.id)
        step.taskEvent(.agentCallbackDialling, task.id)
    }

    /// I3: the customer answered the callback: agent and customer are connected.
    mutating func connectCallback(_ interactionID: InteractionID, in step: inout Step) throws(CommandError) {
        let interaction = try interactions.require(interactionID)
        guard let taskID = interaction.callingBackTaskID else {
            throw CommandError(.notAllowedInState, reason: "stale_signal", "No callback is dialling on that call.")
        }
        step.cancel(.callbackNoAnswer(interactionID))
        try tasks.modify(taskID) { task throws(CommandError) in try task.customerAnswered(at: step.now) }
        let recordingStarted = try interactions.modify(interactionID) { interaction throws(CommandError) in
            try interaction.customerAnswered(at: step.now)
            return configuration.settings.recordingEnabled && interaction.recording.start()
        }
        step.touch(agent: try tasks.require(taskID).agentID)
        step.touch(interaction: interactionID)
        step.taskEvent(.agentContactAssigned, taskID)
        if recordingStarted { step.taskEvent(.contactRecordingStarted, taskID) }
    }

    /// I3, I4: an attempt ended without the customer. The agent's task closes (the agent did
    /// nothing wrong: no RONA, no wrap-up); the callback queues again at its place at once when
    /// the agent's phone gave up, waits for its retry when the customer did not answer, or ends
    /// when the tenant's attempts are used up.
    mutating func endCallbackAttempt(
        _ interactionID: InteractionID, _ outcome: Callback.Outcome, customerCallEnded: Bool, agentPhoneHungUp: Bool,
        in step: inout Step
    ) throws(CommandError) {
        let interaction = try interactions.require(interactionID)
        guard let taskID = interaction.callingBackTaskID, let callID = interaction.callID else {
            throw CommandError(.notAllowedInState, reason: "stale_signal", "No callback is dialling on that call.")
        }
        let task = try tasks.require(taskID)
        step.cancel(.callbackNoAnswer(interactionID))
        if !customerCallEnded { step.perform(.disconnectCustomer(callID)) }
        interactionIDByCall[callID] = nil
        if !agentPhoneHungUp { disconnectDevice(of: task, in: &step) }
        try interactions.modify(interactionID) { interaction throws(CommandError) in
            try interaction.endAttempt(outcome, at: step.now)
        }
        step.touch(interaction: interactionID)
        if interaction.callback?.kind == .outdial {
            try endOutdial(interactionID, task: task, outcome, in: &step)
            return
        }

        let settings = configuration.settings
        let unanswered = try interactions.require(interactionID).callback?.unansweredAttempts ?? 0
        var details = TaskEventDetails(reason: outcome.rawValue)
        details.attempt = unanswered
        if outcome.isUnanswered, unanswered < settings.callbackMaxAttempts {
            details.retryAt = step.now.advanced(by: .seconds(settings.callbackRetrySeconds))
        }
        step.taskEvent(.callbackAttemptFailed, taskID, details)
        try close(taskID, reason: outcome == .abandoned ? .callbackAbandoned : .customerNoAnswer, in: &step)

        if let retryAt = details.retryAt {
            try interactions.modify(interactionID) { interaction throws(CommandError) in try interaction.waitForRetry(until: retryAt) }
            step.schedule(.callbackRetry(interactionID), at: retryAt)
        } else if outcome.isUnanswered {
            try endInteraction(interactionID, because: .callbackUnanswered, hungUpAgent: nil, in: &step)
        } else {
            try requeue(interactionID, in: &step)
        }
    }

    /// I4: the retry is due: the callback waits at its first place in its queue again.
    mutating func retryCallback(_ interactionID: InteractionID, in step: inout Step) throws(CommandError) -> ReplyReference {
        guard let until = interactions[interactionID]?.retryAt, until <= step.now else { return .none }
        try interactions.modify(interactionID) { interaction throws(CommandError) in try interaction.retry() }
        step.record(.interaction(.callbackRetried, interactionData(try interactions.require(interactionID))))
        try requeue(interactionID, in: &step)
        return .interaction(interactionID)
    }

    /// When a callback nobody has reached ends (I1, I2), by the tenant's setting now.
    func callbackExpiry(of callback: Callback) -> Instant {
        callback.requestedAt.advanced(by: .seconds(configuration.settings.callbackExpirySeconds))
    }

    /// I1, I2: the expiry time came: a callback still waiting (in its queue, or for a retry)
    /// ends; one ringing an agent or dialling now is looked at again a minute later; one whose
    /// customer answered is done. A later deadline (the setting grew) is waited for.
    mutating func expireCallback(_ interactionID: InteractionID, in step: inout Step) throws(CommandError) -> ReplyReference {
        guard let interaction = interactions[interactionID], !interaction.isEnded, let callback = interaction.callback,
            callback.kind.isCallback
        else { return .none }
        let deadline = callbackExpiry(of: callback)
        switch interaction.state {
        case .queued, .awaitingRetry:
            guard deadline <= step.now else {
                step.schedule(.callbackExpiry(interactionID), at: deadline)
                return .none
            }
            if interaction.retryAt != nil { step.cancel(.callbackRetry(interactionID)) }
            try endInteraction(interactionID, because: .callbackExpired, hungUpAgent: nil, in: &step)
            return .interaction(interactionID)
        case .offered, .callingBack:
            step.schedule(.callbackExpiry(interactionID), at: max(deadline, step.now.advanced(by: .seconds(60))))
            return .none
        case .connected, .external, .ended:
            return .none
        }
    }

    /// I3: Cancel before the customer answers (a web callback, with "end call for web callback"
    /// on): the dial-out stops, the callback is over, and the agent wraps up.
    mutating func cancelCallback(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        let interaction = try interactions.require(task.interactionID)
        guard let callID = interaction.callID else { throw .illegal("cancel a callback", in: interaction.state) }
        step.cancel(.callbackNoAnswer(interaction.id))
        step.perform(.disconnectCustomer(callID))
        interactionIDByCall[callID] = nil
        disconnectDevice(of: task, in: &step)
        try interactions.modify(interaction.id) { interaction throws(CommandError) in
            try interaction.endAttempt(.cancelled, at: step.now)
        }
        try startWrapUp(task.id, in: &step)
        step.taskEvent(.callbackCancelled, task.id)
        try endInteraction(interaction.id, because: .callbackCancelled, hungUpAgent: task.agentID, in: &step)
    }

    /// What ends an attempt, from how the call to the customer failed.
    static func callbackOutcome(_ failure: DeviceFailure) -> Callback.Outcome {
        switch failure {
        case .noAnswer: .noAnswer
        case .busy, .declined: .busy
        case .unreachable: .unreachable
        }
    }
}
