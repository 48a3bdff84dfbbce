import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The engine's journal on the server, with group commit. The engine only queues an entry; a
/// writer thread of this journal takes everything queued so far, renders the events' messages,
/// stores the whole group in one SQLite transaction, and then, entry by entry, hands the telephony
/// commands to the provider and publishes the events to the live subscribers, and wakes whoever awaits
/// `durable(through:)`. The engine's actor never waits for the disk, and under load one
/// transaction carries many commands. Snapshots are encoded and stored on a thread of their own,
/// after the entries they cover, so a large one never holds up the commands behind it.
///
/// If a write fails, nothing after it is stored or published: every waiter gets the error, the
/// next `append` throws (so the engine halts) and a restart rebuilds from what was stored.
final class DurableJournal: EventJournal, @unchecked Sendable {
    /// Something for the writer, in the order the engine produced it.
    private enum Work {
        case entry(JournalEntry, commands: [TelephonyCommand], telephony: any TelephonyPort)
        case snapshot(EngineSnapshot)
    }

    private struct Waiter {
        let position: Int64
        let continuation: CheckedContinuation<Void, any Error>
    }

    let tenant: String
    let store: any SwitchboardStore
    let hub: EventHub
    /// Called with each group's size, for the metrics.
    private let onGroupCommitted: @Sendable (Int) -> Void

    /// Encodes and stores snapshots (a large tenant's takes a while) and runs the store's
    /// checkpoints off the writer thread, in order.
    private let housekeeping: DispatchQueue

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Work] = []
    private var durablePosition: Int64
    private var waiters: [Waiter] = []
    private var failure: JournalFailure?
    private var isClosing = false
    private var isWriterDone = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    // The writer thread's own.
    /// Inputs stored since the last checkpoint was asked for.
    private var storedSinceCheckpoint = 0
    /// About a megabyte or two of WAL: a checkpoint copies it into the database file, on the
    /// housekeeping queue, beside the writes.
    private static let checkpointEvery = 500

    /// Starts the writer thread. `position` is the last input already stored.
    init(
        tenant: String, store: any SwitchboardStore, hub: EventHub, storedThrough position: Int64,
        onGroupCommitted: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.tenant = tenant
        self.store = store
        self.hub = hub
        self.durablePosition = position
        self.onGroupCommitted = onGroupCommitted
        self.housekeeping = DispatchQueue(label: "journal-housekeeping-\(tenant)", qos: .utility)
        let thread = Thread { [self] in writeUntilClosed() }
        thread.name = "journal-\(tenant)"
        thread.start()
    }

    func append(_ entry: JournalEntry, then commands: [TelephonyCommand], on telephony: any TelephonyPort) throws {
        try enqueue(.entry(entry, commands: commands, telephony: telephony))
    }

    func saveSnapshot(_ snapshot: EngineSnapshot) throws {
        try enqueue(.snapshot(snapshot))
    }

    func durable(through position: Int64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.withLock {
                if let failure {
                    continuation.resume(throwing: failure)
                } else if durablePosition >= position {
                    continuation.resume()
                } else {
                    waiters.append(Waiter(position: position, continuation: continuation))
                }
            }
        }
    }

    /// Why the journal stopped storing, if it did.
    var failureDescription: String? {
        condition.withLock { failure?.description }
    }

    /// Stores what is queued, then stops the writer thread; later appends throw.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.withLock {
                if isWriterDone {
                    continuation.resume()
                } else {
                    isClosing = true
                    closeWaiters.append(continuation)
                    condition.broadcast()
                }
            }
        }
    }

    private func enqueue(_ work: Work) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        if isClosing { throw JournalFailure(description: "the journal of \(tenant) is closed") }
        queue.append(work)
        if queue.count == 1 { condition.signal() }
    }

    // MARK: The writer thread

    private func writeUntilClosed() {
        while true {
            condition.lock()
            while queue.isEmpty && !isClosing { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                // The last snapshot handed over is stored before the journal says it is closed.
                housekeeping.sync {}
                condition.lock()
                isWriterDone = true
                let closed = closeWaiters
                closeWaiters.removeAll()
                condition.unlock()
                for waiter in closed { waiter.resume() }
                return
            }
            let group = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            write(group)
        }
    }

    /// Stores one group, then delivers what it caused, then wakes the waiters it satisfies.
    private func write(_ group: [Work]) {
        var pending: [StoredEntry] = []
        var delivered: [(events: [StoredEvent], commands: [TelephonyCommand], telephony: any TelephonyPort)] = []
        var last: Int64 = 0
        do {
            for work in group {
                switch work {
                case .entry(let entry, let commands, let telephony):
                    let events = entry.events.map(Self.stored)
                    pending.append(StoredEntry(entry: entry, events: events))
                    delivered.append((events, commands, telephony))
                    last = entry.position
                case .snapshot(let snapshot):
                    // The snapshot covers the entries before it: store those first, then let the
                    // housekeeping queue encode and store it while this one goes on with the journal.
                    if !pending.isEmpty { try store.append(pending, of: tenant) }
                    pending.removeAll()
                    housekeeping.async { [self] in
                        do { try store.saveSnapshot(snapshot, of: tenant) } catch {
                            fail(JournalFailure(description: "storing a snapshot of \(tenant) failed: \(error)"))
                        }
                    }
                }
            }
            if !pending.isEmpty { try store.append(pending, of: tenant) }
        } catch {
            fail(JournalFailure(description: "storing the journal of \(tenant) failed: \(error)"))
            return
        }
        onGroupCommitted(delivered.count)
        storedSinceCheckpoint += delivered.count
        if storedSinceCheckpoint >= Self.checkpointEvery {
            storedSinceCheckpoint = 0
            housekeeping.async { [self] in
                // A checkpoint that cannot run now runs next time; the WAL only grows meanwhile.
                try? store.checkpoint()
            }
        }
        for (events, commands, telephony) in delivered {
            // The phone rings before the desktop hears of the offer, so answering it never races.
            if !commands.isEmpty { telephony.execute(commands) }
            if !events.isEmpty { hub.publish(events) }
        }
        condition.lock()
        if last > durablePosition { durablePosition = last }
        var ready: [Waiter] = []
        waiters.removeAll { waiter in
            guard waiter.position <= durablePosition else { return false }
            ready.append(waiter)
            return true
        }
        condition.unlock()
        for waiter in ready { waiter.continuation.resume() }
    }

    private func fail(_ failure: JournalFailure) {
        condition.lock()
        self.failure = failure
        let failed = waiters
        waiters.removeAll()
        queue.removeAll()
        condition.unlock()
        for waiter in failed { waiter.continuation.resume(throwing: failure) }
    }

    /// An event's stored form; its message is rendered once, for the store and every socket.
    private static func stored(_ envelope: EventEnvelope) -> StoredEvent {
        StoredEvent(
            sequence: envelope.sequence, at: envelope.at, type: envelope.event.type.rawValue,
            taskID: envelope.event.taskID?.rawValue, agentID: envelope.event.agentID?.rawValue,
            interactionID: envelope.event.interactionID?.rawValue, message: EventMessage(envelope: envelope).json)
    }
}

/// The journal could not store an entry; the tenant stops taking commands.
struct JournalFailure: Error, CustomStringConvertible {
    let description: String
}
