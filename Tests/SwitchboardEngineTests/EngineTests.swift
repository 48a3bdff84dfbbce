import SwitchboardCore
import SwitchboardEngine
import SwitchboardSimulation
import Testing

/// An engine on a manual clock with the simulated tenant.
struct EngineFixture {
    let clock = ManualClock()
    let telephony = RecordingTelephony()
    let journal = InMemoryEventJournal()
    let engine: TenantEngine

    init(agents: Int = 4) {
        engine = try! TenantEngine(
            tenant: "test", configuration: SimulatedTenant.configuration(agentCount: agents), clock: clock,
            telephony: telephony, journal: journal)
    }

    static let agent1 = SimulatedTenant.agentID(1)
    static let agent2 = SimulatedTenant.agentID(2)

    func login(_ index: Int) async {
        let agentID = SimulatedTenant.agentID(index)
        _ = await engine.execute(
            .stationLogin(teamID: SimulatedTenant.team(of: index), dialNumber: SimulatedTenant.dialNumber(index).value, canAnswerRemotely: false),
            by: agentID)
        _ = await engine.execute(.setState(.available), by: agentID)
    }

    func call(_ id: CallID = "call-1") async -> CommandResult {
        await engine.signal(.customerCallArrived(id, ani: "+4512345678", dnis: SimulatedTenant.supportNumber))
    }

    func offeredTask(_ index: Int) async -> TaskID? {
        await engine.tasks(of: SimulatedTenant.agentID(index)).first { $0.status == .offered }?.id
    }
}

@Suite("Engine")
struct EngineTests {
    @Test("C2 K5 the ring timeout fires from the engine's timers on the manual clock")
    func ringTimeoutOnManualClock() async {
        let fixture = EngineFixture()
        await fixture.login(1)
        _ = await fixture.call()
        let task = await fixture.offeredTask(1)!
        #expect(await fixture.engine.nextTimerDeadline() == fixture.clock.now().advanced(by: .seconds(15)))
        fixture.clock.advance(by: .seconds(14))
        #expect(await fixture.engine.fireDueTimers() == 0)
        fixture.clock.advance(by: .seconds(1))
        #expect(await fixture.engine.fireDueTimers() == 1)
        #expect(await fixture.engine.agent(EngineFixture.agent1)?.state == .rona)
        #expect(await fixture.engine.task(task)?.status == .closed, "a closed task stays readable")
        #expect(await fixture.engine.nextTimerDeadline() == nil)
    }

    @Test("C2 an answered offer's timer is cancelled and never fires")
    func answeredOfferTimerCancelled() async {
        let fixture = EngineFixture()
        await fixture.login(1)
        _ = await fixture.call()
        _ = await fixture.engine.signal(.deviceAnswered(dialNumber: SimulatedTenant.dialNumber(1)))
        fixture.clock.advance(by: .seconds(60))
        #expect(await fixture.engine.fireDueTimers() == 0)
        #expect(await fixture.engine.agent(EngineFixture.agent1)?.state == .engaged)
    }

    @Test("K1 every event gets the next sequence number, with no gaps, journaled before the answer")
    func gaplessSequence() async {
        let fixture = EngineFixture()
        await fixture.login(1)
        await fixture.login(2)
        let before = await fixture.engine.lastSequence
        let result = await fixture.call()
        #expect(result.events.map(\.sequence) == Array((before + 1)...(before + Int64(result.events.count))))
        let all = fixture.journal.events(after: 0, limit: 1000)
        #expect(all.map(\.sequence) == Array(1...Int64(all.count)))
        #expect(await fixture.engine.lastSequence == Int64(all.count))
        #expect(fixture.journal.events(after: 3, limit: 2).map(\.sequence) == [4, 5])
    }

    @Test("K3 a retry with the same request id returns the first result and changes nothing")
    func idempotentRetry() async {
        let fixture = EngineFixture()
        await fixture.login(1)
        _ = await fixture.call()
        let task = await fixture.offeredTask(1)!
        _ = await fixture.engine.signal(.deviceAnswered(dialNumber: SimulatedTenant.dialNumber(1)))
        let first = await fixture.engine.execute(.end(task), by: EngineFixture.agent1, requestID: "req-1")
        #expect(first.isSuccess && !first.events.isEmpty)
        #expect(first.events.allSatisfy { $0.requestID == "req-1" })
        let sequence = await fixture.engine.lastSequence
        let retry = await fixture.engine.execute(.end(task), by: EngineFixture.agent1, requestID: "req-1")
        #expect(retry.isReplay && retry.events.isEmpty)
        guard case .success(.task(let snapshot)) = retry.outcome else {
            Issue.record("retry answered \(retry.outcome)")
            return
        }
        #expect(snapshot.status == .wrapup)
        #expect(await fixture.engine.lastSequence == sequence)
        let reused = await fixture.engine.execute(.hold(task), by: EngineFixture.agent1, requestID: "req-1")
        #expect(reused.error?.reason == "idempotency_key_reused")
        let fresh = await fixture.engine.execute(.end(task), by: EngineFixture.agent1, requestID: "req-2")
        #expect(fresh.error?.code == .notAllowedInState)
        #expect(fresh.events.map(\.event.type) == [.agentContactEndFailed])
    }

    @Test("Request ids are per agent: another agent's id never replays someone else's result")
    func requestIDsPerAgent() async {
        let fixture = EngineFixture()
        await fixture.login(1)
        await fixture.login(2)
        let first = await fixture.engine.execute(.setState(.idle("idle-break")), by: EngineFixture.agent1, requestID: "same")
        let second = await fixture.engine.execute(.setState(.idle("idle-break")), by: EngineFixture.agent2, requestID: "same")
        #expect(first.isSuccess && second.isSuccess && !second.isReplay)
        #expect(await fixture.engine.agent(EngineFixture.agent2)?.state == .idle)
    }

    @Test("Telephony commands reach the provider after the events are journaled")
    func telephonyAfterJournal() async {
        let fixture = EngineFixture()
        await fixture.login(1)
        _ = await fixture.call()
        let commands = fixture.telephony.drain()
        #expect(commands.contains(.answerCustomer("call-1")))
        #expect(commands.contains { if case .ringAgent(EngineFixture.agent1, _, _, _) = $0 { true } else { false } })
    }

    @Test("A failing event log stops the tenant instead of answering what was not stored")
    func failingJournalHalts() async {
        struct BrokenJournal: EventJournal {
            struct Failure: Error {}
            func append(_ entry: JournalEntry, then commands: [TelephonyCommand], on telephony: any TelephonyPort) throws {
                throw Failure()
            }
            func durable(through position: Int64) async throws { throw Failure() }
        }
        let engine = try! TenantEngine(
            tenant: "broken", configuration: SimulatedTenant.configuration(agentCount: 1), clock: ManualClock(),
            telephony: RecordingTelephony(), journal: BrokenJournal())
        let result = await engine.execute(
            .stationLogin(teamID: "team-support", dialNumber: "10001", canAnswerRemotely: false), by: SimulatedTenant.agentID(1))
        #expect(result.error?.code == .unavailable)
        let next = await engine.execute(.setState(.available), by: SimulatedTenant.agentID(1))
        #expect(next.error?.code == .unavailable)
    }
}

@Suite("Engine restart")
struct EngineRestartTests {
    /// Plays part of a day on an engine that keeps its inputs, then builds a second engine from
    /// the journal (with or without a snapshot) and compares them.
    func restartMidDay(snapshotInterval: Int64) async throws {
        let clock = ManualClock()
        let journal = InMemoryEventJournal(keepsInputs: true)
        let configuration = SimulatedTenant.configuration(agentCount: 4)
        let engine = try TenantEngine(
            tenant: "t", configuration: configuration, clock: clock, telephony: RecordingTelephony(), journal: journal,
            snapshotInterval: snapshotInterval)
        for index in 1...4 {
            _ = await engine.execute(
                .stationLogin(teamID: SimulatedTenant.team(of: index), dialNumber: SimulatedTenant.dialNumber(index).value, canAnswerRemotely: false),
                by: SimulatedTenant.agentID(index))
            _ = await engine.execute(.setState(.available), by: SimulatedTenant.agentID(index), requestID: "avail-\(index)")
        }
        for call in 1...3 {
            _ = await engine.signal(.customerCallArrived(CallID("c\(call)"), ani: "+4511111111", dnis: SimulatedTenant.supportNumber))
        }
        _ = await engine.signal(.deviceAnswered(dialNumber: SimulatedTenant.dialNumber(1)))
        let task = await engine.tasks(of: SimulatedTenant.agentID(1)).first!.id
        _ = await engine.execute(.hold(task), by: SimulatedTenant.agentID(1), requestID: "hold-1")
        _ = await engine.execute(.consult(task, to: .queue("q-sales")), by: SimulatedTenant.agentID(1))

        let (snapshot, inputs) = journal.restorePoint()
        if snapshotInterval < 100 { #expect(snapshot != nil) }
        clock.advance(by: .seconds(30))
        let restored = try TenantEngine(
            tenant: "t", configuration: configuration, restoringFrom: snapshot, replaying: inputs, clock: clock,
            telephony: RecordingTelephony(), journal: InMemoryEventJournal())
        #expect(await restored.lastSequence == engine.lastSequence)
        #expect(await restored.lastPosition == engine.lastPosition)
        #expect(await restored.state.interactions == engine.state.interactions)
        #expect(await restored.state.tasks == engine.state.tasks)
        #expect(await restored.state.agents == engine.state.agents)
        #expect(await restored.state.queues == engine.state.queues)
        #expect(await restored.invariantViolations().isEmpty)

        // K5: the ring timers that ran out while the engine was down fire at once.
        #expect(await restored.fireDueTimers() > 0)
        #expect(await restored.agent(SimulatedTenant.agentID(2))?.state == .rona)
        // K3: a request id used before the restart still replays.
        let retry = await restored.execute(.hold(task), by: SimulatedTenant.agentID(1), requestID: "hold-1")
        #expect(retry.isReplay)
        let before = await restored.lastSequence
        _ = await restored.execute(.setState(.available), by: SimulatedTenant.agentID(2), requestID: "avail-2")
        #expect(await restored.lastSequence == before, "an old request id changes nothing")
    }

    @Test("K1 K5 a restart from the journal alone restores every agent, call, hold, consult and timer")
    func restartFromJournal() async throws { try await restartMidDay(snapshotInterval: 10_000) }

    @Test("K1 K5 a restart from a snapshot and the inputs after it restores the same state")
    func restartFromSnapshot() async throws { try await restartMidDay(snapshotInterval: 7) }

    @Test("A journal with a gap or a diverging replay is refused")
    func corruptJournal() async throws {
        let input = JournaledInput(position: 2, at: .seconds(1), input: .command(.logout, by: "agent-1"), requestID: nil, lastSequence: 1)
        #expect(throws: RestoreError.self) {
            _ = try TenantEngine(
                tenant: "t", configuration: SimulatedTenant.configuration(agentCount: 1), replaying: [input],
                telephony: RecordingTelephony())
        }
    }
}
