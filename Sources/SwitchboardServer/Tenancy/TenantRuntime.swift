import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// One tenant at work: its engine, its live event hub, its simulated phone network and the
/// driver that fires its timers.
final class TenantRuntime: Sendable {
    let name: String
    let engine: TenantEngine
    let hub: EventHub
    let simulatedSwitch: SimulatedSwitch
    let timerDriver: TimerDriver

    /// Restores the tenant from the store: its latest snapshot and the inputs after it.
    init(record: TenantRecord, store: any SwitchboardStore, configuration: ServerConfiguration) async throws {
        name = record.name
        hub = EventHub(bufferSize: configuration.eventBufferSize)
        simulatedSwitch = SimulatedSwitch(outsideAnswerDelay: configuration.simulatedOutsideAnswerDelay)
        let journal = DurableJournal(tenant: record.name, store: store, hub: hub)
        let (snapshot, inputs) = try store.restorePoint(of: record.name)
        engine = try TenantEngine(
            tenant: record.name, configuration: record.configuration, restoringFrom: snapshot, replaying: inputs,
            telephony: simulatedSwitch, journal: journal)
        simulatedSwitch.attach(engine)
        timerDriver = TimerDriver(engine: engine)
        // An administrator's change stored just before a crash reaches the engine now.
        if await engine.configuration != record.configuration {
            _ = await engine.reconfigure(record.configuration)
        }
    }

    /// Fires timers and delivers simulated answers until cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.timerDriver.run() }
            group.addTask { await self.simulatedSwitch.run() }
        }
    }
}
