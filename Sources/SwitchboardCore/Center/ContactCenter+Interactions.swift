/// The supervisor's list of interactions in progress (`GET /v1/interactions`): where each one
/// stands, computed from its machine rather than guessed from the events that led there.
extension ContactCenter {
    /// Every interaction the core still holds, oldest arrival first.
    public var interactionSummaries: [InteractionSummary] {
        interactions.values.sorted { ($0.arrivedAt, $0.id) < ($1.arrivedAt, $1.id) }.map { interaction in
            let openTasks = interaction.taskIDs.compactMap { tasks[$0] }
            var agentIDs: [AgentID] = []
            for task in openTasks where !agentIDs.contains(task.agentID) { agentIDs.append(task.agentID) }
            return InteractionSummary(
                id: interaction.id, status: Self.status(of: interaction, tasks: openTasks), ani: interaction.ani,
                dnis: interaction.dnis, queueID: interaction.queueID, agentIDs: agentIDs, arrivedAt: interaction.arrivedAt)
        }
    }

    private static func status(of interaction: Interaction, tasks: [AgentTask]) -> InteractionStatus {
        switch interaction.state {
        case .queued: return .queued
        case .offered: return .ringing
        case .connected(let call):
            if let consult = call.consult, !consult.isConferenced { return .consult }
            return call.customerLeg == .held ? .held : .connected
        case .external: return .connected
        case .callingBack: return .callingBack
        case .awaitingRetry: return .callbackScheduled
        case .ended: return tasks.contains { $0.status == .wrapup } ? .wrapup : .ended
        }
    }
}

/// Where an interaction stands for a supervisor (`status` of `GET /v1/interactions`).
public enum InteractionStatus: String, Hashable, Sendable, CaseIterable {
    /// Waiting in a queue (again after a RONA, a failed consult leaves it connected).
    case queued
    /// Offered to an agent whose phone rings.
    case ringing
    /// The customer talks to an agent, a conference, or a party outside after a transfer.
    case connected
    /// The customer is on hold.
    case held
    /// The agent consults somebody (requested or accepted, not conferenced).
    case consult
    /// I3: an agent's phone is up and the customer is being called back.
    case callingBack = "calling_back"
    /// I4: the customer did not answer; the callback queues again later.
    case callbackScheduled = "callback_scheduled"
    /// The call is over; an agent still wraps up.
    case wrapup
    case ended
}

/// One interaction in progress, as the supervisor's list shows it.
public struct InteractionSummary: Hashable, Sendable {
    public var id: InteractionID
    public var status: InteractionStatus
    public var ani: String
    public var dnis: String
    public var queueID: QueueID?
    /// The agents with an open task on it, in the order the tasks were made.
    public var agentIDs: [AgentID]
    public var arrivedAt: Instant
}
