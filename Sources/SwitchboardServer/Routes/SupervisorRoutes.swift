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
            return rawJSONResponse(WritableItems(items: agents.map { AgentStateResource(agent: $0) }).json)
        }
        router.get("/v1/queues/stats") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let statistics = await (try self.runtime(for: principal)).engine.queueStatistics()
            return try jsonResponse(ItemsResource(items: statistics.map(QueueStatisticsResource.init)))
        }
        router.get("/v1/interactions") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let runtime = try self.runtime(for: principal)
            let (summaries, sequence, position) = await runtime.engine.interactionSummaries()
            try await runtime.settle(through: position)
            return try jsonResponse(
                InteractionSummaryList(items: summaries.map(InteractionSummaryResource.init(summary:)), seq: sequence))
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
