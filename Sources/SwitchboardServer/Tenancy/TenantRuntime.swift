import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// One tenant at work: its engine, its live event hub, its telephony (the simulated phone
/// network, and SIP phones once the `sip` provider runs) and the driver that fires its timers.
final class TenantRuntime: Sendable {
    let name: String
    let engine: TenantEngine
    let hub: EventHub
    let simulatedSwitch: SimulatedSwitch
    let telephony: TelephonyRouter
    let timerDriver: TimerDriver
    let journal: DurableJournal

    /// Restores the tenant from the store: its latest snapshot and the inputs after it.
    init(
        record: TenantRecord, store: any SwitchboardStore, configuration: ServerConfiguration, metrics: ServerMetrics,
        clock: any EngineClock, capacity: DeploymentCapacity
    ) async throws {
        name = record.name
        let (snapshot, inputs) = try store.restorePoint(of: record.name)
        hub = EventHub(
            bufferSize: configuration.eventBufferSize, published: inputs.last?.lastSequence ?? snapshot?.sequence ?? 0)
        simulatedSwitch = SimulatedSwitch(outsideAnswerDelay: configuration.simulatedOutsideAnswerDelay)
        telephony = TelephonyRouter(simulated: simulatedSwitch)
        journal = DurableJournal(
            tenant: record.name, store: store, hub: hub, storedThrough: inputs.last?.position ?? snapshot?.position ?? 0,
            onGroupCommitted: { metrics.journalGroupSize.record(Double($0)) })
        engine = try TenantEngine(
            tenant: record.name, configuration: record.configuration, restoringFrom: snapshot, replaying: inputs,
            clock: clock, telephony: telephony, journal: journal)
        telephony.attach(engine)
        simulatedSwitch.restore(from: await engine.state)
        timerDriver = TimerDriver(engine: engine, clock: clock)
        let name = record.name
        // J1: legs are counted only where the deployment has a limit.
        if capacity.maximum != nil { await engine.observeLiveLegs { capacity.record($0, of: name) } }
        // A3: opening hours whose zone offsets run out within two years are expanded again (an
        // administrative input like any other; none when nothing is due).
        _ = try? await engine.administer { configuration in (OpeningHoursShape.refreshed(configuration), ()) }
    }

    /// Returns once the journal has stored and delivered everything up to `position` (nil:
    /// everything the engine has applied); throws (503) if the tenant stopped because its journal
    /// could not be written.
    func settle(through position: Int64? = nil) async throws {
        do {
            if let position { try await journal.durable(through: position) } else { try await engine.settle() }
        } catch {
            throw APIError(.serviceUnavailable, "unavailable", "The tenant \(name) is stopped: \(error)")
        }
    }

    /// Stores what is still queued, and a snapshot that makes the next start quick.
    func shutDown(store: any SwitchboardStore) async {
        try? await engine.settle()
        try? journal.saveSnapshot(await engine.makeSnapshot())
        await journal.close()
    }

    /// Ends in the contact center the legs a crash took (`TelephonyRouter.reconcile`), then fires
    /// timers and delivers simulated answers until cancelled.
    func run() async {
        await telephony.reconcile()
        await withDiscardingTaskGroup { group in
            group.addTask { await self.timerDriver.run() }
            group.addTask { await self.simulatedSwitch.run() }
        }
    }
}
