public import SwitchboardCore

/// K3: the first outcome of each client request id, so that a retry does nothing twice.
/// Bounded: the oldest keys are forgotten first.
struct IdempotencyCache {
    struct Key: Hashable {
        var agentID: AgentID
        var requestID: String
    }

    private var entries: [Key: IdempotencyRecord] = [:]
    private var order: [Key] = []
    private var head = 0
    let capacity: Int

    /// Reserves room for `capacity` keys up front: growing a large table means rehashing every
    /// key, a pause of tens of milliseconds in the middle of a busy day.
    init(capacity: Int, records: [IdempotencyRecord] = []) {
        self.capacity = capacity
        entries.reserveCapacity(capacity + 1)
        for record in records { store(record) }
    }

    func record(agentID: AgentID, requestID: String) -> IdempotencyRecord? {
        entries[Key(agentID: agentID, requestID: requestID)]
    }

    mutating func store(_ record: IdempotencyRecord) {
        let key = Key(agentID: record.agentID, requestID: record.requestID)
        entries[key] = record
        order.append(key)
        if entries.count > capacity {
            entries[order[head]] = nil
            head += 1
            if head > capacity {
                order.removeFirst(head)
                head = 0
            }
        }
    }

    /// The remembered records, oldest first.
    var records: [IdempotencyRecord] { order[head...].compactMap { entries[$0] } }
}

/// What a request id answered: the command, and its outcome by reference (a retry renders the
/// task or agent as it is now).
public struct IdempotencyRecord: Sendable, Codable {
    public var agentID: AgentID
    public var requestID: String
    public var command: AgentCommand
    public var outcome: StoredOutcome

    /// The record of a command sent with a request id; nil for anything else.
    init?(_ input: Input, requestID: String?, outcome: Result<CommandReply, CommandError>) {
        guard let requestID, case .command(let command, let agentID) = input else { return nil }
        self.agentID = agentID
        self.requestID = requestID
        self.command = command
        self.outcome = StoredOutcome(outcome)
    }
}

/// A command's outcome, small enough to keep: what it answered, or its error.
public enum StoredOutcome: Sendable, Codable, Equatable {
    case task(TaskID)
    case agent(AgentID)
    case interaction(InteractionID)
    /// A reveal: the value is read again when replayed, never kept here (H2).
    case revealed(TaskID, name: String)
    case none
    case failure(CommandError)

    init(_ outcome: Result<CommandReply, CommandError>) {
        switch outcome {
        case .success(.task(let task)): self = .task(task.id)
        case .success(.agent(let agent)): self = .agent(agent.agentID)
        case .success(.interaction(let id)): self = .interaction(id)
        case .success(.revealed(let taskID, let name, _)): self = .revealed(taskID, name: name)
        case .success(.none): self = .none
        case .failure(let error): self = .failure(error)
        }
    }
}
