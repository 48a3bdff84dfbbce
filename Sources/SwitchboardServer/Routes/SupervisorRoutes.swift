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
            let engine = try self.runtime(for: principal).engine
            let configuration = await engine.configuration
            var items: [AgentStateResource] = []
            for profile in configuration.agents {
                if let agent = await engine.agent(profile.id) {
                    items.append(
                        AgentStateResource(
                            agent: agent, device: DeviceResource(of: agent, simEnabled: self.configuration.isSimEnabled)))
                }
            }
            return rawJSONResponse(WritableItems(items: items).json)
        }
        router.get("/v1/queues/stats") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let state = await (try self.runtime(for: principal)).engine.state
            let now = self.clock.now()
            let items: [JSONValue] = state.configuration.queues.map { queue in
                let waiting = (state.queues[queue.id] ?? []).filter { $0.kind == .customer }
                let longest = waiting.compactMap { state.interactions[$0.interactionID]?.arrivedAt }.min()
                let serving = state.agents.values.filter { agent in
                    agent.station.map { state.configuration.team($0.teamID, serves: queue.id) } == true
                }
                return .object([
                    "queueId": .string(queue.id.rawValue), "name": .string(queue.name),
                    "waiting": .number(Double(waiting.count)),
                    "longestWaitSeconds": .number(Double(longest.map { now.duration(since: $0).components.seconds } ?? 0)),
                    "agentsAvailable": .number(Double(serving.count { $0.shownState == .available })),
                    "agentsEngaged": .number(Double(serving.count { $0.shownState == .engaged })),
                    "agentsLoggedIn": .number(Double(serving.count)),
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
