import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// Supervision (roles supervisor and admin): agents, queues, an interaction's timeline.
extension SwitchboardServer {
    func addSupervisorRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/agents") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let agents = await (try self.runtime(for: principal)).engine.agentSnapshots
            let items = agents.map { agent in
                AgentStateResource(agent: agent, device: DeviceResource(of: agent, simEnabled: self.configuration.isSimEnabled))
            }
            return rawJSONResponse(WritableItems(items: items).json)
        }
        router.get("/v1/queues/stats") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let statistics = await (try self.runtime(for: principal)).engine.queueStatistics()
            let items: [JSONValue] = statistics.map { queue in
                .object([
                    "queueId": .string(queue.queueID.rawValue), "name": .string(queue.name),
                    "waiting": .number(Double(queue.waiting)),
                    "longestWaitSeconds": .number(Double(queue.longestWait.components.seconds)),
                    "agentsAvailable": .number(Double(queue.agentsAvailable)),
                    "agentsEngaged": .number(Double(queue.agentsEngaged)),
                    "agentsLoggedIn": .number(Double(queue.agentsLoggedIn)),
                ])
            }
            return try jsonResponse(ItemsResource(items: items))
        }
        router.get("/v1/interactions/:id/timeline") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let id = try context.parameters.require("id")
            let events = try self.store.events(of: principal.tenant, interaction: id)
            guard !events.isEmpty else { throw APIError.notFound }
            return rawJSONResponse("{\"items\":[" + events.map(\.message).joined(separator: ",") + "]}")
        }
    }
}
