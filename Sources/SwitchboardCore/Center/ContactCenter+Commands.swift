/// Dispatch of agent commands, and the checks every task command shares (D6, K2, K3).
extension ContactCenter {
    mutating func handle(_ command: AgentCommand, by agentID: AgentID, in step: inout Step)
        throws(CommandError) -> ReplyReference
    {
        switch command {
        case .stationLogin(let teamID, let dialNumber, let canAnswerRemotely, let simulatedPhoneAvailable):
            return try stationLogin(
                agentID, teamID: teamID, dialNumber: dialNumber, canAnswerRemotely: canAnswerRemotely,
                simulatedPhoneAvailable: simulatedPhoneAvailable ?? true, in: &step)
        case .logout:
            return try logout(agentID, in: &step)
        case .setState(let requested):
            return try setState(requested, of: agentID, in: &step)
        case .accept(let taskID):
            let task = try permittedTask(taskID, of: agentID, .accept)
            if task.isPreviewing {
                try callPreviewedContact(task, in: &step)
            } else {
                try answer(task.id, in: &step)
            }
        case .consultAccept(let taskID):
            let task = try permittedTask(taskID, of: agentID, .consultAccept)
            try answer(task.id, in: &step)
        case .decline(let taskID):
            let task = try permittedTask(taskID, of: agentID, .decline)
            try ringOut(task.id, because: .declined, in: &step)
        case .hold(let taskID):
            guard let task = try permittedTask(taskID, of: agentID, .hold, alreadyDone: .onHold) else {
                step.taskEvent(.agentContactHeld, taskID, TaskEventDetails(changed: false))
                break
            }
            try holdCustomer(task, in: &step)
        case .unhold(let taskID):
            guard let task = try permittedTask(taskID, of: agentID, .unhold, alreadyDone: .notOnHold) else {
                step.taskEvent(.agentContactUnheld, taskID, TaskEventDetails(changed: false))
                break
            }
            try resumeCustomer(task, in: &step)
        case .consultHold(let taskID):
            guard let task = try permittedTask(taskID, of: agentID, .consultHold, alreadyDone: .consultOnHold) else {
                step.taskEvent(.agentConsultHeld, taskID, TaskEventDetails(changed: false))
                break
            }
            try holdConsult(task, in: &step)
        case .consultUnhold(let taskID):
            guard let task = try permittedTask(taskID, of: agentID, .consultUnhold, alreadyDone: .consultNotOnHold)
            else {
                step.taskEvent(.agentConsultUnheld, taskID, TaskEventDetails(changed: false))
                break
            }
            try resumeConsult(task, in: &step)
        case .end(let taskID):
            let task = try permittedTask(taskID, of: agentID, .end)
            if task.isDiallingCustomer {
                // J2: End while the customer rings stops the outdial; the agent wraps up.
                try endCallbackAttempt(task.interactionID, .cancelled, customerCallEnded: false, agentPhoneHungUp: false, in: &step)
            } else if interactions[task.interactionID]?.isConferenced == true {
                try leaveConference(task, in: &step)
            } else {
                try endInteraction(task.interactionID, because: .agentEnded, hungUpAgent: nil, in: &step)
            }
        case .wrapUp(let taskID, let reasonID):
            let task = try permittedTask(taskID, of: agentID, .wrapup)
            let teamID = agents[agentID]?.station?.teamID
            guard let reason = configuration.wrapUpReason(reasonID), reason.applies(to: teamID) else {
                throw CommandError(.invalidRequest, reason: "unknown_wrapup_reason", "Unknown wrap-up reason \(reasonID).")
            }
            try wrapUp(task, reason: reason.id, in: &step)
        case .consult(let taskID, let request):
            let task = try permittedTask(taskID, of: agentID, .consult)
            let destination = try resolve(request, for: .consult, by: agentID)
            try startConsult(task, to: destination, in: &step)
        case .consultEnd(let taskID):
            let task = try permittedTask(taskID, of: agentID, .consultEnd)
            try endConsult(of: task.interactionID, by: task, hungUp: false, in: &step)
        case .consultTransfer(let taskID):
            let task = try permittedTask(taskID, of: agentID, .consultTransfer)
            try transferToConsulted(task, outcome: .agentConsultTransferred, in: &step)
        case .consultConference(let taskID):
            let task = try permittedTask(taskID, of: agentID, .consultConference)
            try conference(task, in: &step)
        case .transfer(let taskID, let request):
            let task = try permittedTask(taskID, of: agentID, .transfer)
            let destination = try resolve(request, for: .transfer, by: agentID)
            try blindTransfer(task, to: destination, in: &step)
        case .pauseRecording(let taskID):
            let task = try permittedTask(taskID, of: agentID, .recordPause)
            try pauseRecording(task, in: &step)
        case .resumeRecording(let taskID):
            let task = try permittedTask(taskID, of: agentID, .recordResume)
            try resumeRecording(of: task.interactionID, automatically: false, in: &step)
        case .saveCallData(let taskID, let values, let version):
            try saveCallData(values, made: version, on: try ownTask(taskID, of: agentID), in: &step)
        case .revealSecureValue(let taskID, let name):
            try revealSecureValue(name, on: try ownTask(taskID, of: agentID), in: &step)
            return .revealed(taskID, name: name)
        case .cancel(let taskID):
            try cancelCallback(try permittedTask(taskID, of: agentID, .cancel), in: &step)
        case .outdial(let number, let entryPointID):
            return try placeOutdial(by: agentID, to: number, showing: entryPointID, in: &step)
        }
        return .task(command.taskID!)
    }

    /// The agent's own task (another agent's is not found, API.md), if `control` allows it now.
    func permittedTask(_ taskID: TaskID, of agentID: AgentID, _ control: ControlName)
        throws(CommandError) -> AgentTask
    {
        let task = try ownTask(taskID, of: agentID)
        if case .disabled(let reason) = controls(for: task)[control] {
            throw CommandError.notAllowed(reason)
        }
        return task
    }

    /// Like `permittedTask`, for idempotent commands (K3): nil when the control is disabled only
    /// because what it asks for is already so.
    func permittedTask(
        _ taskID: TaskID, of agentID: AgentID, _ control: ControlName, alreadyDone: DisabledReason
    ) throws(CommandError) -> AgentTask? {
        let task = try ownTask(taskID, of: agentID)
        switch controls(for: task)[control] {
        case .enabled: return task
        case .disabled(alreadyDone): return nil
        case .disabled(let reason): throw CommandError.notAllowed(reason)
        }
    }

    func ownTask(_ taskID: TaskID, of agentID: AgentID) throws(CommandError) -> AgentTask {
        guard let task = tasks[taskID], task.agentID == agentID else {
            throw CommandError(.taskNotFound, "No task \(taskID).")
        }
        return task
    }

    /// K2: the controls of a task now.
    public func controls(for task: AgentTask) -> Controls {
        guard let interaction = interactions[task.interactionID] else { return .allDisabled(.taskClosed) }
        return ControlRules.controls(
            for: task, in: interaction, station: agents[task.agentID]?.station, settings: configuration.settings)
    }
}
