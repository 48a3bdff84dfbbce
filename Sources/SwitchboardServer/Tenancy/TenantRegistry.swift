import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony
import Synchronization

/// Every tenant this server runs, by name, and which tenant an entry-point number belongs to.
final class TenantRegistry: Sendable {
    private let runtimes = Mutex<[String: TenantRuntime]>([:])

    func add(_ runtime: TenantRuntime) { runtimes.withLock { $0[runtime.name] = runtime } }

    func runtime(_ tenant: String) -> TenantRuntime? { runtimes.withLock { $0[tenant] } }

    var all: [TenantRuntime] { runtimes.withLock { Array($0.values) }.sorted { $0.name < $1.name } }

    /// The tenant whose entry point has the number `dialled` (the `sim` calls pick the tenant so).
    func runtime(dialling dialled: String) async -> TenantRuntime? {
        for runtime in all where await runtime.engine.configuration.entryPoint(dialing: dialled) != nil {
            return runtime
        }
        return nil
    }
}
