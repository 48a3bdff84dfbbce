import Foundation
@testable import SwitchboardServer
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import Synchronization
import Testing

@Suite("Group commit")
struct DurableJournalTests {
    static let login = Input.command(.logout, by: "agent-1")

    /// Entry `position` with one event numbered like it.
    static func entry(_ position: Int64) -> JournalEntry {
        let event = DomainEvent(type: .agentStateChange, agentID: "agent-1", data: .failure(CommandError(.invalidRequest, "x")))
        return JournalEntry(
            position: position, at: .seconds(position), input: login, requestID: nil,
            events: [EventEnvelope(sequence: position, at: .seconds(position), requestID: nil, event: event)],
            lastSequence: position)
    }

    @Test("K1 entries queued during a write are stored together, in order; events and telephony follow the commit")
    func groupsWhileWriting() async throws {
        let store = try GatedStore()
        try store.createTenant(TenantRecord(name: "acme", configuration: TenantConfiguration()))
        let hub = EventHub()
        let telephony = RecordingTelephony()
        let journal = DurableJournal(tenant: "acme", store: store, hub: hub, storedThrough: 0)
        try await hub.withSubscription(Principal(tenant: "acme", username: "sup", role: .supervisor)) { live, _ in
            try await groupsWhileWriting(store: store, journal: journal, telephony: telephony, live: live)
        }
        await journal.close()
    }

    private func groupsWhileWriting(
        store: GatedStore, journal: DurableJournal, telephony: RecordingTelephony, live: AsyncStream<EventHub.Delivery>
    ) async throws {
        store.hold()
        try journal.append(Self.entry(1), then: [.answerCustomer("call-1")], on: telephony)
        try await store.waitUntilWriting()
        for position in Int64(2)...6 {
            try journal.append(Self.entry(position), then: [.answerCustomer(CallID("call-\(position)"))], on: telephony)
        }
        // Nothing is out before it is stored.
        #expect(telephony.drain().isEmpty)
        #expect(try store.events(of: "acme", after: 0, limit: 10).isEmpty)
        store.release()

        try await journal.durable(through: 6)
        #expect(store.groupSizes == [1, 5], "the five queued behind the first write share one transaction")
        #expect(try store.events(of: "acme", after: 0, limit: 10).map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(telephony.drain() == (1...6).map { TelephonyCommand.answerCustomer(CallID("call-\($0)")) })
        var delivered: [Int64] = []
        for await delivery in live {
            if case .event(let event) = delivery { delivered.append(event.sequence) }
            if delivered.count == 6 { break }
        }
        #expect(delivered == [1, 2, 3, 4, 5, 6])
    }

    @Test("A failed write wakes every waiter with the error, publishes nothing, and refuses later entries")
    func failureStopsTheJournal() async throws {
        let store = try GatedStore()
        try store.createTenant(TenantRecord(name: "acme", configuration: TenantConfiguration()))
        let telephony = RecordingTelephony()
        let journal = DurableJournal(tenant: "acme", store: store, hub: EventHub(), storedThrough: 0)
        try journal.append(Self.entry(1), then: [], on: telephony)
        try await journal.durable(through: 1)

        store.failNextWrite()
        try journal.append(Self.entry(2), then: [.answerCustomer("call-2")], on: telephony)
        await #expect(throws: JournalFailure.self) { try await journal.durable(through: 2) }
        #expect(telephony.drain().isEmpty, "no phone acts on what was not stored")
        #expect(throws: JournalFailure.self) { try journal.append(Self.entry(3), then: [], on: telephony) }
        #expect(journal.failureDescription != nil)
        #expect(try store.events(of: "acme", after: 0, limit: 10).map(\.sequence) == [1])
    }

    @Test("Closing stores what is queued first; a snapshot is stored after the entries before it")
    func closeFlushes() async throws {
        let store = try GatedStore()
        try store.createTenant(TenantRecord(name: "acme", configuration: TenantConfiguration()))
        let journal = DurableJournal(tenant: "acme", store: store, hub: EventHub(), storedThrough: 0)
        for position in Int64(1)...3 { try journal.append(Self.entry(position), then: [], on: RecordingTelephony()) }
        try journal.saveSnapshot(
            EngineSnapshot(position: 3, sequence: 3, center: ContactCenter(configuration: TenantConfiguration()), idempotency: []))
        try journal.append(Self.entry(4), then: [], on: RecordingTelephony())
        await journal.close()
        let (snapshot, inputs) = try store.restorePoint(of: "acme")
        #expect(snapshot?.position == 3)
        #expect(inputs.map(\.position) == [4])
        #expect(try store.events(of: "acme", after: 0, limit: 10).count == 4)
        #expect(throws: JournalFailure.self) { try journal.append(Self.entry(5), then: [], on: RecordingTelephony()) }
    }
    @Test("K1 a long log is made to start over: the last checkpoint pass runs between two groups, never beside a write")
    func checkpointHoldsTheWriter() async throws {
        let store = try CheckpointWatchingStore()
        try store.createTenant(TenantRecord(name: "acme", configuration: TenantConfiguration()))
        // Every fifth input a pass, and right after it the pass that holds the writer.
        let policy = CheckpointPolicy(
            inputsBetweenCheckpoints: 5, logPagesBeforeRestart: 0, pagesCopiedWhileHolding: .max, passesBeforeHolding: 8)
        let journal = DurableJournal(tenant: "acme", store: store, hub: EventHub(), storedThrough: 0, checkpointPolicy: policy)
        for position in Int64(1)...150 {
            try journal.append(Self.entry(position), then: [], on: RecordingTelephony())
            try await Task.sleep(for: .microseconds(500))
        }
        try await journal.durable(through: 150)
        await journal.close()
        let checkpoints = store.checkpoints
        #expect(checkpoints.count >= 8)
        let held = stride(from: 1, to: checkpoints.count, by: 2).map { checkpoints[$0] }
        #expect(held.allSatisfy { !$0 }, "a holding pass overlapped a write")
        #expect(try store.events(of: "acme", after: 0, limit: 200).count == 150)
    }
}

/// A file-backed SQLite store that notes, for each checkpoint, whether a journal write was under
/// way while it ran (writes are slowed down to make that likely unless it is prevented).
final class CheckpointWatchingStore: ForwardingStore, @unchecked Sendable {
    let base: SQLiteStore
    private let lock = NSLock()
    private var writing = 0
    private var overlaps: [Bool] = []

    init() throws {
        base = try SQLiteStore(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-\(UUID().uuidString).sqlite").path)
    }

    /// For each checkpoint in order: whether a write overlapped it.
    var checkpoints: [Bool] { lock.withLock { overlaps } }

    func append(_ entries: [StoredEntry], of tenant: String) throws {
        lock.withLock { writing += 1 }
        defer { lock.withLock { writing -= 1 } }
        usleep(2_000)
        try base.append(entries, of: tenant)
    }

    func checkpoint() throws -> CheckpointProgress? {
        var overlapped = lock.withLock { writing > 0 }
        let progress = try base.checkpoint()
        usleep(1_000)
        overlapped = lock.withLock { overlapped || writing > 0 }
        lock.withLock { overlaps.append(overlapped) }
        return progress
    }

}

/// An in-memory SQLite store whose journal writes can be held back or made to fail.
final class GatedStore: ForwardingStore, @unchecked Sendable {
    let base: SQLiteStore
    private let gate = NSCondition()
    private var isHeld = false
    private var isWriting = false
    private var failsNext = false
    private var sizes: [Int] = []

    init() throws { base = try SQLiteStore.inMemory() }

    func hold() { gate.withLock { isHeld = true } }
    func release() { gate.withLock { isHeld = false; gate.broadcast() } }
    func failNextWrite() { gate.withLock { failsNext = true } }
    var groupSizes: [Int] { gate.withLock { sizes } }

    func waitUntilWriting() async throws {
        while !gate.withLock({ isWriting }) { try await Task.sleep(for: .milliseconds(1)) }
    }

    func append(_ entries: [StoredEntry], of tenant: String) throws {
        struct InjectedFailure: Error {}
        let fails = gate.withLock {
            isWriting = true
            while isHeld { gate.wait() }
            defer { failsNext = false }
            return failsNext
        }
        if fails { throw InjectedFailure() }
        gate.withLock { sizes.append(entries.count) }
        try base.append(entries, of: tenant)
    }

}

/// A store for tests that hands everything to `base` except what it implements itself.
protocol ForwardingStore: SwitchboardStore {
    var base: SQLiteStore { get }
}

extension ForwardingStore {
    func tenants() throws -> [TenantRecord] { try base.tenants() }
    func createTenant(_ tenant: TenantRecord) throws { try base.createTenant(tenant) }
    func createUser(_ user: UserRecord) throws { try base.createUser(user) }
    func user(tenant: String, username: String) throws -> UserRecord? { try base.user(tenant: tenant, username: username) }
    func saveToken(_ token: TokenRecord) throws { try base.saveToken(token) }
    func token(_ digest: TokenDigest) throws -> TokenRecord? { try base.token(digest) }
    func deleteToken(_ digest: TokenDigest) throws { try base.deleteToken(digest) }
    func deleteTokens(expiredBy instant: Instant) throws { try base.deleteTokens(expiredBy: instant) }
    func append(_ entries: [StoredEntry], of tenant: String) throws { try base.append(entries, of: tenant) }
    func saveSnapshot(_ snapshot: EngineSnapshot, of tenant: String) throws { try base.saveSnapshot(snapshot, of: tenant) }
    func checkpoint() throws -> CheckpointProgress? { try base.checkpoint() }
    func restorePoint(of tenant: String) throws -> (EngineSnapshot?, [JournaledInput]) { try base.restorePoint(of: tenant) }
    func events(of tenant: String, after sequence: Int64, limit: Int) throws -> [StoredEvent] {
        try base.events(of: tenant, after: sequence, limit: limit)
    }
    func events(of tenant: String, interaction: String) throws -> [StoredEvent] {
        try base.events(of: tenant, interaction: interaction)
    }
    func saveTelephonyLeg(_ leg: TelephonyLegRecord) throws { try base.saveTelephonyLeg(leg) }
    func deleteTelephonyLeg(id: String) throws { try base.deleteTelephonyLeg(id: id) }
    func telephonyLegs() throws -> [TelephonyLegRecord] { try base.telephonyLegs() }
}
