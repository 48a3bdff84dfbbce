/// What the rest of the core and the read models ask of an interaction, derived from its state.
extension Interaction {
    public enum Phase: String, Hashable, Sendable, Codable {
        /// Waiting in a queue (or for the agent of a blind transfer to answer).
        case queued
        /// An agent and the customer are connected.
        case connected
        /// Transferred to a dial number or expert outside the contact center.
        case external
        case ended
    }

    public var phase: Phase {
        switch state {
        case .queued, .offered, .callingBack, .awaitingRetry: .queued
        case .connected: .connected
        case .external: .external
        case .ended: .ended
        }
    }

    public var isEnded: Bool { phase == .ended }

    /// The owner's call, while connected.
    public var call: Call? {
        if case .connected(let call) = state { call } else { nil }
    }

    /// The task of the agent who talks to the customer (agent 1).
    public var ownerTaskID: TaskID? { call?.ownerTaskID }

    public var consult: Consult? { call?.consult }

    public var isConferenced: Bool { consult?.isConferenced == true }

    /// The task an offer of the customer call rings for, and why it was made.
    public var offer: (taskID: TaskID, origin: OfferOrigin)? {
        if case .offered(let taskID, let origin) = state { (taskID, origin) } else { nil }
    }

    public var customerLeg: LegState {
        switch state {
        case .queued, .offered, .awaitingRetry: .queued
        case .callingBack: .ringing
        case .connected(let call): call.customerLeg
        case .external: .connected
        case .ended: .ended
        }
    }

    /// After a transfer outside: the party the customer talks to (kept once the call ended).
    public var outsideParty: OutsideParty? {
        switch state {
        case .external(let party): party
        case .ended(let ending): ending.outsideParty
        case .queued, .offered, .connected, .callingBack, .awaitingRetry: nil
        }
    }

    /// I3: the task of the agent on the phone while the customer is dialled back.
    public var callingBackTaskID: TaskID? {
        if case .callingBack(let taskID) = state { taskID } else { nil }
    }

    /// I4: when a callback waiting to be tried again queues again.
    public var retryAt: Instant? {
        if case .awaitingRetry(let until) = state { until } else { nil }
    }

    public var ending: Ending? {
        if case .ended(let ending) = state { ending } else { nil }
    }
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

/// Why an interaction ended.
public enum EndReason: String, Hashable, Sendable, Codable {
    case customerHungUp = "customer_hung_up"
    case agentEnded = "agent_ended"
    case agentHungUp = "agent_hung_up"
    case transferNotAccepted = "transfer_not_accepted"
    case transferFailed = "transfer_failed"
    case externalHungUp = "external_hung_up"
    /// I4: the customer answered none of the callback's attempts.
    case callbackUnanswered = "callback_unanswered"
    /// I3: the agent cancelled the web callback before the customer answered.
    case callbackCancelled = "callback_cancelled"
    /// I1, I2: nobody reached the customer of a callback within the tenant's expiry time.
    case callbackExpired = "callback_expired"
    /// J2: the customer of an outdial did not answer (busy, unreachable, no answer).
    case customerNotReached = "customer_not_reached"
    /// J2: the agent ended the outdial before the customer answered, or never answered it.
    case outdialCancelled = "outdial_cancelled"
    /// J2: the agent chose Skip on a campaign contact's preview.
    case previewSkipped = "preview_skipped"
    /// J2: the preview was not taken (the agent did not choose in time), or the previewed call
    /// was never placed (the agent's phone did not answer, a call limit): the contact waits again.
    case previewNotTaken = "preview_not_taken"
}
