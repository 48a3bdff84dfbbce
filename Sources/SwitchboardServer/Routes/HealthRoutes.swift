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
                if let reason = await runtime.engine.stoppedReason ?? runtime.journal.failureDescription {
                    throw APIError(.serviceUnavailable, "unavailable", "Tenant \(runtime.name) is stopped: \(reason)")
                }
            }
            return try jsonResponse(HealthResource())
        }
        // The OpenAPI document (docs/openapi.yaml), bundled with the server.
        router.get("/openapi.yaml") { _, _ -> Response in
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
                let document = try? Data(contentsOf: url)
            else { throw APIError.notFound }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
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

