/// J2: outbound calls. The agent (Available or Idle, no call) asks for a number; the agent's phone
/// rings first, and once it answers the customer is dialled (as a callback is, `Callback.Kind.outdial`).
/// The customer answering connects them; no answer ends the call and the agent wraps up.
extension ContactCenter {
    /// J2: the outdial is placed: an `outbound` task rings the agent's own phone.
    mutating func placeOutdial(
        by agentID: AgentID, to number: String, showing entryPointID: EntryPointID?, in step: inout Step
    ) throws(CommandError) -> ReplyReference {
        let agent = try loggedInAgent(agentID)
        guard agent.taskID == nil, agent.chosen != .rona else {
            throw CommandError(
                .notAllowedInState, reason: agent.taskID == nil ? "rona" : "on_call",
                "An outbound call is placed from Available or Idle with no other call.")
        }
        let dialNumber: DialNumber
        do { dialNumber = try DialNumber(parsing: number) } catch {
            throw CommandError(.invalidDialNumber, error.message, field: "number")
        }
        let entryPoint = try entryPointID.map { id throws(CommandError) in
            guard let entryPoint = configuration.entryPoint(id) else {
                throw CommandError(.notFound, reason: "unknown_entry_point", "No entry point \(id).", field: "entryPointId")
            }
            return entryPoint
        }
        try refuseAtCallLimit("An outbound call")
        let id = InteractionID("ix-\(takeSerial())")
        let outdial = Callback(kind: .outdial, number: dialNumber, name: nil, requestedAt: step.now)
        interactions[id] = Interaction(id: id, outdial: outdial, entryPoint: entryPoint, cad: initialCallData(routing: [:]))
        try offerCustomerCall(id, to: agentID, origin: .outdial, in: &step)
        return .agent(agentID)
    }

    /// J2: the outdial ended before the customer answered. The agent wraps up (they may note why),
    /// unless their own phone gave up; the interaction is over.
    mutating func endOutdial(
        _ interactionID: InteractionID, task: AgentTask, _ outcome: Callback.Outcome, in step: inout Step
    ) throws(CommandError) {
        step.taskEvent(.contactEnded, task.id, TaskEventDetails(reason: outcome.rawValue))
        if outcome == .abandoned {
            try close(task.id, reason: .interactionEnded, in: &step)
        } else {
            try startWrapUp(task.id, in: &step)
        }
        let reason: EndReason = outcome.isUnanswered ? .customerNotReached : .outdialCancelled
        try interactions.modify(interactionID) { interaction throws(CommandError) in try interaction.end(reason, at: step.now) }
        step.touch(interaction: interactionID)
        step.mayRoute = true
    }
}
