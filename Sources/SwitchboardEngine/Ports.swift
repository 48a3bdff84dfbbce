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

/// One input as the journal keeps it: its place in the tenant's input log (gapless, from 1), when
/// it was applied, the input itself, and the events it produced. Replaying the inputs in order on
/// the core gives back the same state and the same events.
public struct JournalEntry: Sendable {
    public var position: Int64
    public var at: Instant
    public var input: Input
    public var requestID: String?
    public var events: [EventEnvelope]
    /// The tenant's last sequence number after this input.
    public var lastSequence: Int64

    public init(
        position: Int64, at: Instant, input: Input, requestID: String?, events: [EventEnvelope], lastSequence: Int64
    ) {
        self.position = position
        self.at = at
        self.input = input
        self.requestID = requestID
        self.events = events
        self.lastSequence = lastSequence
    }
}

/// A journaled input read back for a restart (its events are not needed: replay makes them again).
public struct JournaledInput: Sendable, Codable {
    public var position: Int64
    public var at: Instant
    public var input: Input
    public var requestID: String?
    /// The sequence number of the input's last event (or the one before it, when it had none).
    public var lastSequence: Int64

    public init(position: Int64, at: Instant, input: Input, requestID: String?, lastSequence: Int64) {
        self.position = position
        self.at = at
        self.input = input
        self.requestID = requestID
        self.lastSequence = lastSequence
    }
}

/// The storage port for a tenant's journal. The engine hands over each input with its events and
/// the telephony commands it caused; the journal stores the entry, and only then runs the commands
/// (a phone never rings for an offer a crash could take back). A journal may store asynchronously,
/// several entries in one transaction (group commit): whoever answers a client first awaits
/// `durable(through:)`. An append that throws stops the engine (it is rebuilt from what was stored).
public protocol EventJournal: Sendable {
    func append(_ entry: JournalEntry, then commands: [TelephonyCommand], on telephony: any TelephonyPort) throws
    /// Stores a snapshot, after every entry appended before it; the inputs up to its position are
    /// then no longer needed for a restart.
    func saveSnapshot(_ snapshot: EngineSnapshot) throws
    /// Returns once every entry up to `position` is stored (and its commands handed over); throws
    /// if storing failed.
    func durable(through position: Int64) async throws
}

extension EventJournal {
    public func saveSnapshot(_ snapshot: EngineSnapshot) throws {}
}

/// The telephony port: the `sim` switch or the SIP provider carries out these commands and
/// reports back through `TenantEngine.signal(_:)`. Must not block.
public protocol TelephonyPort: Sendable {
    func execute(_ commands: [TelephonyCommand])
}

/// An event log in memory, for tests, the simulation and the benchmark: stored at once, so every
/// entry is durable when `append` returns. Kept in fixed-size chunks so that a long log never has
/// to be copied whole to grow.
public final class InMemoryEventJournal: EventJournal {
    private static let chunkSize = 4096
    private let chunks = Mutex<[[EventEnvelope]]>([])
    private let inputs = Mutex<[JournaledInput]>([])
    private let snapshot = Mutex<EngineSnapshot?>(nil)
    private let keepsInputs: Bool

    /// `keepsInputs`: also keep every input, so that an engine can be restored from this journal.
    public init(keepsInputs: Bool = false) { self.keepsInputs = keepsInputs }

    public func append(_ entry: JournalEntry, then commands: [TelephonyCommand], on telephony: any TelephonyPort) {
        append(entry)
        if !commands.isEmpty { telephony.execute(commands) }
    }

    public func durable(through position: Int64) async {}

    /// Stores an entry (tests that write a journal by hand).
    public func append(_ entry: JournalEntry) {
        if keepsInputs {
            let input = JournaledInput(
                position: entry.position, at: entry.at, input: entry.input, requestID: entry.requestID,
                lastSequence: entry.lastSequence)
            inputs.withLock { $0.append(input) }
        }
        chunks.withLock { chunks in
            for event in entry.events {
                if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
                    chunks.append([])
                    chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
                }
                chunks[chunks.count - 1].append(event)
            }
        }
    }

    public func saveSnapshot(_ snapshot: EngineSnapshot) {
        guard keepsInputs else { return }
        self.snapshot.withLock { $0 = snapshot }
    }

    /// The snapshot and the inputs after it, to restore an engine.
    public func restorePoint() -> (EngineSnapshot?, [JournaledInput]) {
        let snapshot = self.snapshot.withLock { $0 }
        let after = snapshot?.position ?? 0
        return (snapshot, inputs.withLock { $0.filter { $0.position > after } })
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
