import Foundation
@testable import SwitchboardServer
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import Testing

/// Data folders written by earlier releases (`scripts/make_upgrade_fixture.py`) restore, and
/// their journaled inputs replay to exactly the events those releases stored: an upgrade loses
/// nothing and changes no history.
@Suite("Upgrades")
struct UpgradeTests {
    static let releases = ["release-2026-11"]

    @Test("K1 a day journaled by an earlier release replays to the events it stored", arguments: releases)
    func journalReplays(release: String) throws {
        let store = try FixtureStore(release: release, kind: "journal").open()
        let (snapshot, inputs) = try store.restorePoint(of: DemoTenant.name)
        #expect(snapshot == nil)
        #expect(inputs.first?.position == 1, "the whole day is in the journal")
        let record = try #require(try store.tenants().first { $0.name == DemoTenant.name })
        var center = ContactCenter(configuration: record.configuration)
        let replayed = replay(inputs, on: &center, from: 0)
        let stored = try store.events(of: DemoTenant.name, after: 0, limit: 10_000)
        #expect(stored.count > 90)
        try expectSameMessages(replayed, stored)
        #expect(center.invariantViolations().isEmpty)
        // The engine's own restore path (it checks every input's last sequence number) agrees.
        let engine = try TenantEngine(
            tenant: DemoTenant.name, configuration: record.configuration, replaying: inputs, clock: ManualClock(),
            telephony: RecordingTelephony())
        #expect(engine.tenant == DemoTenant.name)
    }

    @Test("K1 K5 a snapshot written by an earlier release restores, with its timers", arguments: releases)
    func snapshotRestores(release: String) async throws {
        let store = try FixtureStore(release: release, kind: "snapshot").open()
        let (restored, inputs) = try store.restorePoint(of: DemoTenant.name)
        let snapshot = try #require(restored)
        #expect(!inputs.isEmpty, "inputs after the snapshot")
        var center = snapshot.center
        let replayed = replay(inputs, on: &center, from: snapshot.sequence)
        let stored = try store.events(of: DemoTenant.name, after: snapshot.sequence, limit: 10_000)
        try expectSameMessages(replayed, stored)
        #expect(center.invariantViolations().isEmpty)

        // What the day left up: agent 1 in a consult with agent 4 and Privacy Shield paused,
        // agent 2 offered the caller who waited in the queue.
        let timers = center.pendingTimers.map(\.0)
        #expect(timers.contains { if case .privacyShield = $0 { true } else { false } })
        #expect(timers.contains { if case .ringTimeout = $0 { true } else { false } })
        let clock = ManualClock(stored.last?.at ?? .seconds(0))
        let engine = try TenantEngine(
            tenant: DemoTenant.name, configuration: snapshot.center.configuration, restoringFrom: snapshot,
            replaying: inputs, clock: clock, telephony: RecordingTelephony())
        let consulting = try #require(await engine.tasks(of: "agent1").first)
        #expect(consulting.status == .connected)
        #expect(consulting.recording == "paused")
        #expect(consulting.legs.map(\.state) == [.held, .connected])
        let offer = try #require(await engine.tasks(of: "agent2").first)
        #expect(offer.status == .offered)
        // The restored engine goes on: agent 1 ends the consult, the ring timer rings out.
        #expect(await engine.execute(.consultEnd(consulting.id), by: "agent1").isSuccess)
        clock.advance(by: .seconds(60))
        #expect(await engine.fireDueTimers() == 1)
        #expect(await engine.tasks(of: "agent2").isEmpty)
        #expect(await engine.agent("agent2")?.state == .rona)
        #expect(await engine.invariantViolations().isEmpty)
    }

    /// Applies the inputs to the core as the engine does, numbering the events from `sequence`.
    private func replay(_ inputs: [JournaledInput], on center: inout ContactCenter, from sequence: Int64) -> [EventEnvelope] {
        var sequence = sequence
        var envelopes: [EventEnvelope] = []
        for input in inputs {
            for event in center.apply(input.input, at: input.at).events {
                sequence += 1
                envelopes.append(EventEnvelope(sequence: sequence, at: input.at, requestID: input.requestID, event: event))
            }
            #expect(sequence == input.lastSequence, "input \(input.position)")
        }
        return envelopes
    }

    /// The same messages as JSON values (the writer's key order is not part of the contract).
    private func expectSameMessages(_ replayed: [EventEnvelope], _ stored: [StoredEvent]) throws {
        #expect(replayed.count == stored.count)
        for (envelope, event) in zip(replayed, stored) {
            let now = try JSONSerialization.jsonObject(with: Data(MessageAdditions.removed(from: EventMessage(envelope: envelope).json).utf8)) as? NSDictionary
            let then = try JSONSerialization.jsonObject(with: Data(event.message.utf8)) as? NSDictionary
            #expect(now == then, "event \(event.sequence) \(event.type)")
            if now != then { return }
        }
    }
}

/// A copy of a release's fixture folder (the test never writes to the committed one).
struct FixtureStore {
    let source: URL

    init(release: String, kind: String) {
        source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(release)/\(kind)/switchboard.sqlite")
    }

    func open() throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-upgrade-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("switchboard.sqlite")
        try FileManager.default.copyItem(at: source, to: copy)
        return try SQLiteStore(path: copy.path)
    }
}
