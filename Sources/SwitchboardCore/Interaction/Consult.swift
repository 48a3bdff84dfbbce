/// A consult from the agent who owns the call (agent 1) to another party (E1–E6), and, once
/// conferenced, the conference (E9), as a machine. Its state says which of the two legs is held:
/// before the consult is accepted only the customer's may be; once accepted exactly one of them
/// is (E3); in a conference neither. Both held cannot be written down.
public struct Consult: Hashable, Sendable, Codable {
    public let destination: Destination
    public let startedAt: Instant
    /// The queue a queue or entry-point consult waits in, fixed when it starts.
    public let queueID: QueueID?
    /// The outside call of a dial-number or expert consult.
    public let externalLeg: UInt64?
    public private(set) var state: State

    public enum State: Hashable, Sendable, Codable {
        /// E2: requested and not accepted yet; Resume takes the customer off hold meanwhile.
        case requested(Request, customerHeld: Bool)
        /// E3: accepted, with exactly one side on hold.
        case accepted(Party, held: Side)
        /// E9: everyone on one bridge.
        case conferenced(Party)
    }

    /// Where a requested consult stands.
    public enum Request: Hashable, Sendable, Codable {
        /// Offered to this task of the consulted agent.
        case ringingAgent(TaskID)
        /// Waiting in `queueID` for an agent.
        case queued
        /// The outside party's phone rings.
        case dialling
    }

    /// Who accepted.
    public enum Party: Hashable, Sendable, Codable {
        case agent(TaskID)
        case outside
    }

    /// One of the two legs of an accepted consult.
    public enum Side: Hashable, Sendable, Codable {
        case customer, consulted
    }

    /// A consult just requested: the customer goes on hold (E2).
    init(destination: Destination, at now: Instant, queueID: QueueID?, externalLeg: UInt64?, request: Request) {
        self.destination = destination
        self.startedAt = now
        self.queueID = queueID
        self.externalLeg = externalLeg
        self.state = .requested(request, customerHeld: true)
    }

    init(destination: Destination, startedAt: Instant, queueID: QueueID?, externalLeg: UInt64?, state: State) {
        self.destination = destination
        self.startedAt = startedAt
        self.queueID = queueID
        self.externalLeg = externalLeg
        self.state = state
    }

    // MARK: Transitions

    /// A consult waiting in a queue is offered to an agent.
    mutating func offer(to taskID: TaskID) throws(CommandError) {
        guard case .requested(.queued, let customerHeld) = state else { throw .illegal("offer", in: state) }
        state = .requested(.ringingAgent(taskID), customerHeld: customerHeld)
    }

    /// E3: the consulted party accepted; the customer stays held unless agent 1 had resumed them,
    /// in which case the consult leg is held instead.
    mutating func accept(by party: Party) throws(CommandError) {
        guard case .requested(let request, let customerHeld) = state else { throw .illegal("accept", in: state) }
        switch (request, party) {
        case (.ringingAgent(let ringing), .agent(let answered)) where ringing == answered: break
        case (.dialling, .outside): break
        default: throw .illegal("accept by \(party)", in: state)
        }
        state = .accepted(party, held: customerHeld ? .customer : .consulted)
    }

    /// D2, E3: holding the customer; once accepted that resumes the consulted party.
    mutating func holdCustomer() throws(CommandError) {
        switch state {
        case .requested(let request, customerHeld: false): state = .requested(request, customerHeld: true)
        case .accepted(let party, held: .consulted): state = .accepted(party, held: .customer)
        default: throw .illegal("hold the customer", in: state)
        }
    }

    /// D2, E3: resuming the customer; once accepted that holds the consulted party, before it
    /// the consult keeps ringing.
    mutating func resumeCustomer() throws(CommandError) {
        switch state {
        case .requested(let request, customerHeld: true): state = .requested(request, customerHeld: false)
        case .accepted(let party, held: .customer): state = .accepted(party, held: .consulted)
        default: throw .illegal("resume the customer", in: state)
        }
    }

    /// E3: holding the consulted party resumes the customer.
    mutating func holdConsulted() throws(CommandError) {
        guard case .accepted(let party, held: .customer) = state else { throw .illegal("hold the consult", in: state) }
        state = .accepted(party, held: .consulted)
    }

    /// E3: resuming the consulted party holds the customer.
    mutating func resumeConsulted() throws(CommandError) {
        guard case .accepted(let party, held: .consulted) = state else { throw .illegal("resume the consult", in: state) }
        state = .accepted(party, held: .customer)
    }

    /// E9: everyone on one bridge.
    mutating func conference() throws(CommandError) {
        guard case .accepted(let party, _) = state else { throw .illegal("conference", in: state) }
        state = .conferenced(party)
    }

    // MARK: Reading

    /// The customer's leg while the consult is on (E3).
    public var customerLeg: LegState {
        switch state {
        case .requested(_, let customerHeld): customerHeld ? .held : .connected
        case .accepted(_, let held): held == .customer ? .held : .connected
        case .conferenced: .connected
        }
    }

    /// The consulted party's leg.
    public var leg: LegState {
        switch state {
        case .requested(.queued, _): .queued
        case .requested(.ringingAgent, _), .requested(.dialling, _): .ringing
        case .accepted(_, let held): held == .consulted ? .held : .connected
        case .conferenced: .connected
        }
    }

    /// The consulted agent's task, once an agent is offered the consult.
    public var consultedTaskID: TaskID? {
        switch state {
        case .requested(.ringingAgent(let taskID), _), .accepted(.agent(let taskID), _), .conferenced(.agent(let taskID)):
            taskID
        case .requested, .accepted(.outside, _), .conferenced(.outside):
            nil
        }
    }

    /// Whether the consulted party has accepted (E2).
    public var isAccepted: Bool {
        if case .requested = state { false } else { true }
    }

    public var isConferenced: Bool {
        if case .conferenced = state { true } else { false }
    }

    /// Waiting in a queue for an agent.
    public var isQueued: Bool {
        if case .requested(.queued, _) = state { true } else { false }
    }

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
