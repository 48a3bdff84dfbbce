import SwitchboardCore
import SwitchboardEngine
import SwitchboardSimulation
import SwitchboardTelephony
import Testing

/// K1, L1: after a restart, the call legs the contact center thinks are up but that died with the
/// process (every SIP leg) are ended in the contact center, as their provider would report it.
@Suite("K1 L1 telephony reconciled after a restart")
struct TelephonyReconcileTests {
    static let secret = DigestSecret(ha1SHA256: "aa", ha1MD5: "bb")

    /// The simulated tenant with agents 1 and 2 on SIP phones (registered and logged in, Available).
    static func engine(clock: ManualClock) async throws -> TenantEngine {
        let configuration = SimulatedTenant.configuration(agentCount: 3).modified { lists in
            for index in lists.agents.indices where lists.agents[index].id != SimulatedTenant.agentID(3) {
                lists.agents[index].sipSecret = secret
            }
        }
        let engine = try TenantEngine(
            tenant: "test", configuration: configuration, clock: clock, telephony: RecordingTelephony(),
            journal: InMemoryEventJournal())
        for index in 1...3 {
            let number = SimulatedTenant.dialNumber(index)
            if index < 3 {
                let phone = PhoneRegistration(
                    contact: "sip:\(number.value)@127.0.0.1:\(5070 + index)", source: "127.0.0.1:\(5070 + index)",
                    expiresAt: clock.now().advanced(by: .seconds(3600)))
                _ = await engine.signal(.deviceRegistered(dialNumber: number, phone))
            }
            let agent = SimulatedTenant.agentID(index)
            _ = await engine.execute(
                .stationLogin(
                    teamID: SimulatedTenant.team(of: index), dialNumber: number.value, canAnswerRemotely: false,
                    simulatedPhoneAvailable: true),
                by: agent)
        }
        return engine
    }

    static func available(_ index: Int, on engine: TenantEngine) async {
        _ = await engine.execute(.setState(.available), by: SimulatedTenant.agentID(index))
    }

    static func task(of index: Int, on engine: TenantEngine) async -> TaskSnapshot? {
        await engine.tasks(of: SimulatedTenant.agentID(index)).first { $0.status != .closed }
    }

    @Test("K1 L1 a SIP customer's call is hung up, an offer on a SIP phone is unreachable (E5), a call on one hung up (E4); simulated legs stay")
    func lostLegsEnd() async throws {
        let clock = ManualClock()
        let engine = try await Self.engine(clock: clock)
        // Agent 2 takes a simulated customer's call on the SIP phone; agent 1's phone rings for a
        // SIP customer's call; agent 3 takes a simulated call on the simulated phone.
        await Self.available(2, on: engine)
        _ = await engine.signal(.customerCallArrived("call-sim", ani: "+4511111111", dnis: SimulatedTenant.supportNumber))
        let connected = try #require(await Self.task(of: 2, on: engine))
        _ = await engine.signal(.deviceAnswered(dialNumber: SimulatedTenant.dialNumber(2), task: connected.id))
        await Self.available(1, on: engine)
        _ = await engine.signal(.customerCallArrived("sip-lost", ani: "+4522222222", dnis: SimulatedTenant.supportNumber))
        let ringing = try #require(await Self.task(of: 1, on: engine))
        await Self.available(3, on: engine)
        _ = await engine.signal(.customerCallArrived("call-kept", ani: "+4533333333", dnis: SimulatedTenant.supportNumber))
        let kept = try #require(await Self.task(of: 3, on: engine))
        _ = await engine.signal(.deviceAnswered(dialNumber: SimulatedTenant.dialNumber(3), task: kept.id))
        #expect(await engine.task(connected.id)?.status == .connected && ringing.status == .offered)

        // A restart with no SIP provider running: none of the SIP legs is carried.
        let router = TelephonyRouter(simulated: SimulatedSwitch(outsideAnswerDelay: .seconds(1)))
        router.attach(engine)
        let signals = await router.reconcile()
        #expect(
            Set(signals) == [
                .customerHungUp("sip-lost"),
                .deviceFailed(dialNumber: SimulatedTenant.dialNumber(1), reason: .unreachable, task: ringing.id),
                .deviceHungUp(dialNumber: SimulatedTenant.dialNumber(2), task: connected.id),
            ])
        #expect(await engine.task(ringing.id)?.status == .closed, "the offer is withdrawn")
        #expect(await engine.task(connected.id)?.status == .wrapup, "the call on the lost phone leg is over")
        #expect(await engine.task(kept.id)?.status == .connected, "the simulated network keeps its calls")
        #expect(await router.reconcile().isEmpty, "nothing is left to reconcile")
    }
}
