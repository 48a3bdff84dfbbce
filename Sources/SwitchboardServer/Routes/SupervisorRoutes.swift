import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// `GET /v1/interactions`: the interactions in progress as of event `seq`.
struct InteractionSummaryList: Encodable {
    let items: [InteractionSummaryResource]
    let seq: Int64
}

/// One item of `GET /v1/interactions`.
struct InteractionSummaryResource: Encodable {
    let interactionId: String
    let status: String
    let ani: String
    let dnis: String
    let queueId: String?
    let agentIds: [String]
    let arrivedAt: String

    init(_ summary: InteractionSummary) {
        interactionId = summary.id.rawValue
        status = summary.status.rawValue
        ani = summary.ani
        dnis = summary.dnis
        queueId = summary.queueID?.rawValue
        agentIds = summary.agentIDs.map(\.rawValue)
        arrivedAt = ISO8601.string(summary.arrivedAt)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(interactionId, forKey: .interactionId)
        try container.encode(status, forKey: .status)
        try container.encode(ani, forKey: .ani)
        try container.encode(dnis, forKey: .dnis)
        try container.encode(queueId, forKey: .queueId)
        try container.encode(agentIds, forKey: .agentIds)
        try container.encode(arrivedAt, forKey: .arrivedAt)
    }

    private enum CodingKeys: String, CodingKey {
        case interactionId, status, ani, dnis, queueId, agentIds, arrivedAt
    }
}

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
        router.get("/v1/interactions") { _, context -> Response in
            let principal = try context.require(.supervisor, .admin)
            let runtime = try self.runtime(for: principal)
            let (summaries, sequence, position) = await runtime.engine.interactionSummaries()
            try await runtime.settle(through: position)
            return try jsonResponse(
                InteractionSummaryList(items: summaries.map(InteractionSummaryResource.init), seq: sequence))
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
