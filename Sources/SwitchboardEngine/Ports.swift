import Synchronization
public import SwitchboardCore

/// One event as it is stored and delivered: the tenant's sequence number (gapless), when it
/// happened, and the client request that caused it.
public struct EventEnvelope: Hashable, Sendable {
    public var sequence: Int64
    public var at: Instant
    public var requestID: String?
    public var event: DomainEvent

    public init(sequence: Int64, at: Instant, requestID: String?, event: DomainEvent) {
        self.sequence = sequence
        self.at = at
        self.requestID = requestID
        self.event = event
    }
}

/// The storage port for a tenant's event log. The engine appends a command's events before it
/// answers the command; an append that throws stops the engine (it is rebuilt from what was stored).
public protocol EventJournal: Sendable {
    func append(_ events: [EventEnvelope]) throws
    /// Events after `sequence`, oldest first, at most `limit`.
    func events(after sequence: Int64, limit: Int) throws -> [EventEnvelope]
}

/// The telephony port: the `sim` switch or the SIP provider carries out these commands and
/// reports back through `TenantEngine.signal(_:)`. Must not block.
public protocol TelephonyPort: Sendable {
    func execute(_ commands: [TelephonyCommand])
}

/// An event log in memory, for tests, the simulation and the benchmark. Kept in fixed-size
/// chunks so that a long log never has to be copied whole to grow.
public final class InMemoryEventJournal: EventJournal {
    private static let chunkSize = 4096
    private let chunks = Mutex<[[EventEnvelope]]>([])

    public init() {}

    public func append(_ events: [EventEnvelope]) {
        chunks.withLock { chunks in
            for event in events {
                if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
                    chunks.append([])
                    chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
                }
                chunks[chunks.count - 1].append(event)
            }
        }
    }

    public func events(after sequence: Int64, limit: Int) -> [EventEnvelope] {
        chunks.withLock { chunks in
            // Sequences start at 1 and have no gaps, so the position is the sequence.
            let total = chunks.reduce(0) { $0 + $1.count }
            let start = Int(max(0, min(sequence, Int64(total))))
            let end = start + min(max(0, limit), total - start)
            var result: [EventEnvelope] = []
            result.reserveCapacity(end - start)
            var position = start
            while position < end {
                let chunk = chunks[position / Self.chunkSize]
                let offset = position % Self.chunkSize
                let take = min(end - position, chunk.count - offset)
                result.append(contentsOf: chunk[offset..<(offset + take)])
                position += take
            }
            return result
        }
    }

    public var count: Int { chunks.withLock { $0.reduce(0) { $0 + $1.count } } }
}

/// Telephony commands kept in order, for tests and the simulation to answer as a phone network.
public final class RecordingTelephony: TelephonyPort {
    private let commands = Mutex<[TelephonyCommand]>([])

    public init() {}

    public func execute(_ commands: [TelephonyCommand]) {
        self.commands.withLock { $0.append(contentsOf: commands) }
    }

    /// Returns and forgets the commands received so far.
    public func drain() -> [TelephonyCommand] {
        commands.withLock { commands in
            defer { commands.removeAll(keepingCapacity: true) }
            return commands
        }
    }
}
