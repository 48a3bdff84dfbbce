import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

extension SwitchboardServer {
    func addHealthRoutes(to router: Router<SwitchboardContext>) {
        // 200 once every tenant's engine takes commands.
        router.get("/healthz") { _, _ -> Response in
            for runtime in self.tenants.all {
                if let reason = await runtime.engine.stoppedReason {
                    throw APIError(.serviceUnavailable, "unavailable", "Tenant \(runtime.name) is stopped: \(reason)")
                }
            }
            return try jsonResponse(["status": "ok"])
        }
        router.get("/metrics") { _, _ -> Response in
            var states: [(tenant: String, state: SwitchboardCore.ContactCenter)] = []
            for runtime in self.tenants.all { states.append((runtime.name, await runtime.engine.state)) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: self.metrics.render(states: states))))
        }
    }
}

