import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The engine's journal on the server, with group commit. The engine only queues an entry; a
/// writer thread of this journal takes everything queued so far, renders the events' messages,
/// stores the whole group in one SQLite transaction, and then hands the telephony commands to the
/// provider, wakes whoever awaits `durable(through:)` and publishes the events to the live
/// subscribers. The engine's actor never waits for the disk, and under load one
/// transaction carries many commands. Snapshots are encoded and stored on a thread of their own,
/// after the entries they cover, so a large one never holds up the commands behind it; so are the
/// store's checkpoints (`CheckpointPolicy`), which hold the writer only for the last few pages.
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
    let checkpointPolicy: CheckpointPolicy

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Work] = []
    private var durablePosition: Int64
    private var waiters: [Waiter] = []
    private var failure: JournalFailure?
    private var isClosing = false
    private var isWriterDone = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    /// The writer is storing a group.
    private var isWriting = false
    /// The writer takes no new group: a checkpoint is copying the log's last pages.
    private var isHeldForCheckpoint = false

    // The writer thread's own.
    /// Inputs stored since the last checkpoint was asked for.
    private var storedSinceCheckpoint = 0

    /// Starts the writer thread. `position` is the last input already stored.
    init(
        tenant: String, store: any SwitchboardStore, hub: EventHub, storedThrough position: Int64,
        checkpointPolicy: CheckpointPolicy = CheckpointPolicy(), onGroupCommitted: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.tenant = tenant
        self.store = store
        self.hub = hub
        self.durablePosition = position
        self.onGroupCommitted = onGroupCommitted
        self.checkpointPolicy = checkpointPolicy
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
            while isHeldForCheckpoint || (queue.isEmpty && !isClosing) { condition.wait() }
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
            isWriting = true
            condition.unlock()
            write(group)
            condition.withLock {
                isWriting = false
                if isHeldForCheckpoint { condition.broadcast() }
            }
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
        if storedSinceCheckpoint >= checkpointPolicy.inputsBetweenCheckpoints {
            storedSinceCheckpoint = 0
            housekeeping.async { [self] in checkpoint(pass: 1) }
        }
        // The phones ring first, so a client told of an offer (by its answer or an event) never
        // finds its phone silent; then the answers go out, then the events, all at once.
        for (_, commands, telephony) in delivered where !commands.isEmpty { telephony.execute(commands) }
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
        let events = delivered.flatMap(\.events)
        if !events.isEmpty { hub.publish(events) }
    }

    // MARK: Checkpoints, on the housekeeping queue

    /// One pass copies what is in the log beside the writes. Once the log is past its limit,
    /// passes follow each other, each copying what was committed during the one before (less each
    /// time, as copying is faster than commits arrive), and the last few pages are copied with the
    /// writer held between two groups: the copy is then complete, and the log starts over.
    ///
    /// `pagesBefore`: the log's length at the previous pass of this series.
    private func checkpoint(pass: Int, pagesBefore: Int = 0) {
        // A checkpoint that fails runs again next time; the log only grows meanwhile.
        guard let progress = try? store.checkpoint(), progress.logPages >= checkpointPolicy.logPagesBeforeRestart else {
            return
        }
        // A pass copies the log as it was when it began: what it just copied is what came in
        // since the pass before, and about as much is waiting now.
        let copied = progress.logPages - pagesBefore
        if copied > checkpointPolicy.pagesCopiedWhileHolding && pass < checkpointPolicy.passesBeforeHolding {
            housekeeping.async { [self] in checkpoint(pass: pass + 1, pagesBefore: progress.logPages) }
            return
        }
        whileWriterIsHeld { _ = try? store.checkpoint() }
    }

    /// Runs `body` between two groups, with the writer waiting.
    private func whileWriterIsHeld(_ body: () -> Void) {
        condition.withLock {
            isHeldForCheckpoint = true
            while isWriting { condition.wait() }
        }
        body()
        condition.withLock {
            isHeldForCheckpoint = false
            condition.broadcast()
        }
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

/// When the journal checkpoints the store (SQLite: copies the WAL into the database file), and
/// how long the log may grow: like PostgreSQL's `max_wal_size`, a bound on disk that costs the
/// writes a short pause now and then, instead of a log that grows by gigabytes under load.
struct CheckpointPolicy: Sendable {
    /// A pass every so many stored inputs (a few megabytes of log at full load).
    var inputsBetweenCheckpoints = 500
    /// Past this many pages (256 MB of 4 kB pages) the log is made to start over. At 5,000
    /// commands a second that is every three seconds or so; at a contact center's usual pace,
    /// hours apart.
    var logPagesBeforeRestart = 65_536
    /// The writer is held once a pass had at most this many pages (256 kB) to copy: the next
    /// has about as many, a millisecond or two of copying and two fsyncs.
    var pagesCopiedWhileHolding = 64
    /// If passes beside the writer do not get there (commits arrive faster than a pass copies),
    /// the writer is held for what is left after this many: a longer pause, but a bounded log.
    var passesBeforeHolding = 8
}

/// The journal could not store an entry; the tenant stops taking commands.
struct JournalFailure: Error, CustomStringConvertible {
    let description: String
}
