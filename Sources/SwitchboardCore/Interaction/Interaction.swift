/// One customer contact from arrival to its end, with the parties on it and their legs.
public struct Interaction: Hashable, Sendable, Codable, Identifiable {
    public let id: InteractionID
    public let callID: CallID
    public let contactType: ContactType
    /// The customer's number.
    public let ani: String
    /// The dialled entry-point number.
    public let dnis: String
    public let entryPointID: EntryPointID?
    public let arrivedAt: Instant
    /// The queue the call waits in or was last routed from.
    public internal(set) var queueID: QueueID?
    public internal(set) var phase: Phase
    public internal(set) var customerLeg: LegState
    /// The task of the agent who talks to the customer (agent 1).
    public internal(set) var ownerTaskID: TaskID?
    /// The task an offer of the customer call rings for (routing or blind transfer).
    public internal(set) var offerTaskID: TaskID?
    public internal(set) var offerOrigin: OfferOrigin?
    public internal(set) var consult: Consult?
    /// After a transfer to a dial number or an expert: the party the customer talks to, and the
    /// outside call that reaches it.
    public internal(set) var externalNumber: DialNumber?
    public internal(set) var externalLeg: UInt64?
    /// Where the call stands in its queue: it keeps this place after a RONA (C2).
    public internal(set) var queuePosition: QueuePosition?
    /// Agents never offered this call again (E7: transferred to an entry point by them).
    public internal(set) var excludedAgentIDs: Set<AgentID> = []
    /// Every task the interaction ever had, in order.
    public internal(set) var taskIDs: [TaskID] = []
    public internal(set) var cad: [String: String]
    public internal(set) var cadVersion: Int = 1
    public internal(set) var recording: Recording = .off
    public internal(set) var endedAt: Instant?
    public internal(set) var endReason: EndReason?

    public enum Phase: String, Hashable, Sendable, Codable {
        /// Waiting in a queue (or for the agent of a blind transfer to answer).
        case queued
        /// An agent and the customer are connected.
        case connected
        /// Transferred to a dial number or expert outside the contact center.
        case external
        case ended
    }

    /// Why an offer of the customer call was made: decides what a RONA does with the call.
    public enum OfferOrigin: String, Hashable, Sendable, Codable {
        /// Routed from the queue: RONA puts it back in place (C2).
        case routing
        /// Blind transfer to an agent: RONA drops it, or requeues it (E7).
        case blindTransfer
    }

    public var isEnded: Bool { phase == .ended }
    public var isConferenced: Bool { consult?.isConferenced == true }
}

/// The state of one party's media leg to the bridge.
public enum LegState: String, Hashable, Sendable, Codable {
    /// Waiting in a queue (hears queue audio).
    case queued
    case ringing
    case connected
    case held
    case ended
}

/// The place of a call or a consult request in a queue: earlier arrival first (C2).
public struct QueuePosition: Hashable, Comparable, Sendable, Codable {
    public var queueID: QueueID
    public var enqueuedAt: Instant
    /// Breaks ties between calls that arrived in the same millisecond.
    public var order: UInt64

    public static func < (lhs: QueuePosition, rhs: QueuePosition) -> Bool {
        (lhs.enqueuedAt, lhs.order) < (rhs.enqueuedAt, rhs.order)
    }
}

/// `recording.state` in the API, with when a Privacy Shield pause ends (G).
public enum Recording: Hashable, Sendable, Codable {
    case off
    case recording
    case paused(until: Instant)

    public var stateName: String {
        switch self {
        case .off: "off"
        case .recording: "recording"
        case .paused: "paused"
        }
    }
}

/// Why an interaction ended.
public enum EndReason: String, Hashable, Sendable, Codable {
    case customerHungUp = "customer_hung_up"
    case agentEnded = "agent_ended"
    case agentHungUp = "agent_hung_up"
    case transferNotAccepted = "transfer_not_accepted"
    case transferFailed = "transfer_failed"
    case externalHungUp = "external_hung_up"
}
