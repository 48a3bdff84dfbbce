import SwitchboardCore

/// K3: the first result of each client request id, so that a retry does nothing twice.
/// Bounded: the oldest keys are forgotten first.
struct IdempotencyCache {
    struct Key: Hashable {
        var agentID: AgentID
        var requestID: String
    }

    struct Entry {
        var command: AgentCommand
        var outcome: Result<CommandReply, CommandError>
    }

    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    private var head = 0
    let capacity: Int

    /// Reserves room for `capacity` keys up front: growing a large table means rehashing every
    /// key, a pause of tens of milliseconds in the middle of a busy day.
    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity + 1)
    }

    func entry(for key: Key) -> Entry? { entries[key] }

    mutating func store(_ entry: Entry, for key: Key) {
        entries[key] = entry
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
}
