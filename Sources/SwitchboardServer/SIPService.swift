import NIOPosix
import ServiceLifecycle
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony
import Synchronization

/// The `sip` provider of a server, once started.
final class SIPSlot: Sendable {
    private let provider = Mutex<SIPProvider?>(nil)

    var current: SIPProvider? {
        get { provider.withLock { $0 } }
        set { provider.withLock { $0 = newValue } }
    }
}

extension SwitchboardServer {
    /// Starts the `sip` provider (SIP.md "Listening"): SIP over UDP and TCP at `host`:`port` (0: a
    /// free one) for every tenant, with the phones' registrations the tenants kept. Answers the port.
    public func startSIP(host: String, port: Int) async throws -> Int {
        var key = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in key.indices { key[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let provider = SIPProvider(
            group: MultiThreadedEventLoopGroup.singleton, directory: tenants, clock: clock, nonceKey: key,
            ledger: SIPLegLedger(storage: StoredSIPLegs(store: store)))
        let bound = try await provider.start(host: host, port: port)
        for runtime in tenants.all { runtime.telephony.attach(provider) }
        sip.current = provider
        return bound
    }
}

/// Runs the `sip` provider's reports and sweeps while the application runs, and stops it after.
struct SIPService: Service {
    let provider: SIPProvider

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await provider.run() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await provider.close()
    }
}

/// The `sip` provider's call legs, kept in the store's telephony legs.
struct StoredSIPLegs: SIPLegStorage {
    let store: any SwitchboardStore

    func save(id: String, payload: [UInt8]) throws { try store.saveTelephonyLeg(TelephonyLegRecord(id: id, payload: payload)) }
    func delete(id: String) throws { try store.deleteTelephonyLeg(id: id) }
    func all() throws -> [(id: String, payload: [UInt8])] { try store.telephonyLegs().map { ($0.id, $0.payload) } }
}

extension TenantRegistry: TenantDirectory {
    func engines() -> [TenantEngine] { all.map(\.engine) }
}
