/// The queues' waiting requests: customer calls and consult requests per queue, earliest first
/// (C2: a call that comes back after a RONA keeps its original place).
public struct QueueBook: Hashable, Sendable, Codable {
    private var entries: [QueueID: [QueueEntry]] = [:]

    public init() {}

    /// The requests waiting in `queueID`, earliest first.
    public subscript(queueID: QueueID) -> [QueueEntry]? { entries[queueID] }

    public var isEmpty: Bool { entries.isEmpty }

    /// Every queue with requests waiting.
    public var waiting: [QueueID: [QueueEntry]] { entries }

    /// Puts a request at its place; answers the 1-based place.
    @discardableResult
    mutating func insert(_ entry: QueueEntry) -> Int {
        let queueID = entry.position.queueID
        var queue = entries.removeValue(forKey: queueID) ?? []
        let index = queue.partitioningIndex { entry.position < $0.position }
        queue.insert(entry, at: index)
        entries[queueID] = queue
        return index + 1
    }

    /// Takes the interaction's requests out of `queueID`.
    mutating func remove(_ interactionID: InteractionID, from queueID: QueueID) {
        guard var queue = entries.removeValue(forKey: queueID) else { return }
        queue.removeAll { $0.interactionID == interactionID }
        if !queue.isEmpty { entries[queueID] = queue }
    }

    /// The 1-based place of a waiting customer call in `queueID`.
    func place(of interactionID: InteractionID, in queueID: QueueID) -> Int? {
        entries[queueID]?.firstIndex { $0.interactionID == interactionID && $0.kind == .customer }.map { $0 + 1 }
    }
}

/// A waiting customer call or consult request in a queue.
public struct QueueEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable { case customer, consult }

    public var position: QueuePosition
    public var interactionID: InteractionID
    public var kind: Kind
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPartition` (the array is partitioned by it).
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsInSecondPartition(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
