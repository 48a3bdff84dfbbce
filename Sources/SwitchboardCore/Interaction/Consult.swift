/// A consult from the owner (agent 1) to another party (E1–E6), and, once conferenced, the
/// conference (E9).
public struct Consult: Hashable, Sendable, Codable {
    public let initiatorTaskID: TaskID
    public let initiatorAgentID: AgentID
    public let destination: Destination
    public let startedAt: Instant
    /// The queue a queue or entry-point consult waits in, fixed when it starts.
    public let queueID: QueueID?
    /// The outside call of a dial-number or expert consult.
    public let externalLeg: UInt64?
    /// The consulted agent's task, once an agent is offered the consult.
    public internal(set) var consultedTaskID: TaskID?
    public internal(set) var leg: LegState
    public internal(set) var isConferenced = false

    /// Whether the consulted party has accepted (E2).
    public var isAccepted: Bool { leg == .connected || leg == .held }

    /// Placed through an EP-DN (C4, E8).
    public var isViaEntryPoint: Bool {
        if case .entryPoint = destination { true } else { false }
    }
}

/// Where a consult or a transfer goes, once the request is resolved (E1, E6, E7).
public enum Destination: Hashable, Sendable, Codable {
    case agent(AgentID)
    case queue(QueueID)
    case entryPoint(EntryPointID)
    case dialNumber(DialNumber)
    case expert(ExpertID, DialNumber)

    /// The number dialled outside, for dial-number and expert destinations.
    public var externalNumber: DialNumber? {
        switch self {
        case .dialNumber(let number), .expert(_, let number): number
        case .agent, .queue, .entryPoint: nil
        }
    }
}
