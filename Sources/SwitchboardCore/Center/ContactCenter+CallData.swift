/// H1–H4, K4, E8: saving and revealing call-associated data.
extension ContactCenter {
    /// H1, H3, H4, K4: checks every value against its definition, then saves them if `version`
    /// is the version now. Every agent on the interaction is told (`ContactUpdated`).
    mutating func saveCallData(
        _ changes: [String: String], made version: Int, on task: AgentTask, in step: inout Step
    ) throws(CommandError) {
        if case .disabled(let reason) = CallDataControls.of(task).edit { throw CommandError.notAllowed(reason) }
        for name in changes.keys.sorted() {
            guard let variable = configuration.cadVariable(named: name) else {
                throw CommandError(
                    .invalidRequest, reason: "unknown_variable", "No CAD variable is named \(name).",
                    field: "values.\(name)")
            }
            guard variable.isEditable else {
                var error = CommandError.notAllowed(.notEditable, "\(variable.label) cannot be edited.")
                error.field = "values.\(name)"
                throw error
            }
            try variable.validate(changes[name]!)
        }
        let outcome = try interactions.modify(task.interactionID) { interaction throws(CommandError) in
            interaction.cad.save(changes, expecting: version)
        }
        let interaction = try interactions.require(task.interactionID)
        switch outcome {
        case .stale:
            throw CommandError(
                .cadConflict,
                "Another agent saved the call data first (version \(interaction.cad.version)); their values are shown.",
                currentCallData: callDataView(of: interaction))
        case .unchanged:
            step.taskEvent(.contactUpdated, task.id, TaskEventDetails(changed: false, variables: [], updatedBy: task.agentID))
        case .saved(let changed):
            step.touch(interaction: interaction.id)
            let details = TaskEventDetails(variables: changed, updatedBy: task.agentID)
            for taskID in interaction.taskIDs where tasks[taskID].map({ $0.status != .closed }) == true {
                step.taskEvent(.contactUpdated, taskID, details)
            }
        }
    }

    /// H2 (*added*: audited): the agent on the call asks for one secure value; the timeline keeps
    /// who asked for which variable and when, never the value.
    mutating func revealSecureValue(_ name: String, on task: AgentTask, in step: inout Step) throws(CommandError) {
        if case .disabled(let reason) = CallDataControls.of(task).reveal { throw CommandError.notAllowed(reason) }
        guard let variable = configuration.cadVariable(named: name) else {
            throw CommandError(.notFound, reason: "unknown_variable", "No CAD variable is named \(name).")
        }
        guard variable.isSecure else { throw CommandError.notAllowed(.notSecure) }
        step.taskEvent(.contactValueRevealed, task.id, TaskEventDetails(variables: [name]))
    }

    /// The value of a secure variable, for the reply to the agent who revealed it (never an event).
    public func secureValue(_ name: String, of taskID: TaskID) -> String? {
        guard let task = tasks[taskID], let interaction = interactions[task.interactionID] else { return nil }
        return interaction.cad.values[name] ?? ""
    }

    /// The values of a new interaction: the definitions' defaults, then what routing set that is
    /// valid (a trunk's header never costs the customer the call: an invalid value is left out).
    func initialCallData(routing: [String: String]) -> CallData {
        let valid = routing.filter { name, value in
            guard let variable = configuration.cadVariable(named: name) else { return false }
            do { try variable.validate(value) } catch { return false }
            return true
        }
        return CallData.initial(for: configuration.cadVariables, routing: valid)
    }

    /// H2: the interaction's values as an agent sees them, in the administrator's order.
    func callDataView(of interaction: Interaction) -> CallDataView {
        CallDataView(
            version: interaction.cad.version,
            values: configuration.cadVariables.map { variable in
                CallDataView.Entry(name: variable.name, value: shownValue(of: variable, in: interaction.cad))
            })
    }

    /// H2: a secure value shows as the mask.
    func shownValue(of variable: CADVariable, in data: CallData) -> String? {
        guard let value = data.values[variable.name] else { return nil }
        return variable.isSecure ? CADValueSnapshot.mask : value
    }
}
