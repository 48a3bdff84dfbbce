/// A call the contact center places to the customer, as a machine: a callback (I1–I4) — a
/// courtesy callback a queued caller chose, or a web callback asked for on a form — or an agent's
/// outdial (J2). A callback keeps the interaction's place in its queue; each dial-out to the
/// customer is an attempt, and the attempts the customer did not answer are bounded by the
/// tenant's setting. An outdial is placed at once from the agent's phone and has one attempt.
public struct Callback: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// I1: a queued caller chose to be called back (DTMF 1, or the customer page's button).
        case courtesy
        /// I2: asked for on a web form (`POST /v1/callbacks`).
        case web
        /// J2: an agent's outbound call (`POST /v1/me/outdial`), never queued, tried once.
        case outdial

        /// I1, I2: a callback proper, waiting in a queue between attempts.
        public var isCallback: Bool { self != .outdial }
    }

    /// How one attempt ended.
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// The customer answered: the call goes on as any other.
        case answered
        /// The customer did not answer before the callback ring time (I4).
        case noAnswer = "no_answer"
        /// The customer's line was busy or rejected the call (I4).
        case busy
        /// The customer's number could not be reached (I4).
        case unreachable
        /// The agent's phone hung up before the customer answered: not the customer's doing, so
        /// it does not count against the attempts.
        case abandoned
        /// I3: the agent cancelled the web callback before the customer answered.
        case cancelled

        /// An attempt the customer did not take: it counts against the tenant's limit.
        public var isUnanswered: Bool { self == .noAnswer || self == .busy || self == .unreachable }
    }

    /// One dial-out to the customer, from the agent's phone answering to its outcome.
    public struct Attempt: Hashable, Sendable, Codable {
        public let taskID: TaskID
        public let agentID: AgentID
        public let callID: CallID
        public let startedAt: Instant
        /// I4: the customer has not answered if the call still rings then.
        public let answerDeadline: Instant
        public fileprivate(set) var outcome: Outcome?
        public fileprivate(set) var endedAt: Instant?
    }

    public let kind: Kind
    /// The number the customer is called back on.
    public let number: DialNumber
    /// The name the customer gave on the web form.
    public let name: String?
    public let requestedAt: Instant
    /// Every attempt so far, oldest first.
    public private(set) var attempts: [Attempt] = []

    init(kind: Kind, number: DialNumber, name: String?, requestedAt: Instant) {
        self.kind = kind
        self.number = number
        self.name = name
        self.requestedAt = requestedAt
    }

    /// The attempt being dialled now, if one is.
    public var current: Attempt? {
        guard let last = attempts.last, last.outcome == nil else { return nil }
        return last
    }

    /// I4: the attempts the customer did not answer.
    public var unansweredAttempts: Int { attempts.count { $0.outcome?.isUnanswered == true } }

    /// I3: the agent's phone answered; the customer is dialled on `callID`.
    mutating func dial(
        _ callID: CallID, for taskID: TaskID, by agentID: AgentID, until deadline: Instant, at now: Instant
    ) throws(CommandError) {
        guard current == nil else { throw .illegal("dial the customer again", in: attempts) }
        attempts.append(
            Attempt(taskID: taskID, agentID: agentID, callID: callID, startedAt: now, answerDeadline: deadline))
    }

    /// The attempt being dialled ended with `outcome`.
    mutating func finish(_ outcome: Outcome, at now: Instant) throws(CommandError) {
        guard current != nil else { throw .illegal("end an attempt", in: attempts) }
        attempts[attempts.count - 1].outcome = outcome
        attempts[attempts.count - 1].endedAt = now
    }
}
