import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// `/v1/tasks/{taskId}/...`: the call controls. Each answers the task as it is afterwards.
extension SwitchboardServer {
    func addTaskRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/tasks/:taskId") { _, context -> Response in
            let principal = try context.require(.agent, .supervisor, .admin)
            let taskID = TaskID(try context.parameters.require("taskId"))
            let owner: AgentID? = principal.role == .agent ? AgentID(principal.agentID ?? "") : nil
            guard let task = await (try self.runtime(for: principal)).engine.task(taskID, of: owner) else {
                throw APIError.taskNotFound
            }
            return rawJSONResponse(TaskResource(task: task).json)
        }

        for name in ControlName.plainCommands {
            router.post(RouterPath("/v1/tasks/:taskId/\(name.commandPath)")) { request, context -> Response in
                _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
                return try await self.taskCommand(request, context) { name.command(on: $0)! }
            }
        }
        router.post("/v1/tasks/:taskId/wrapup") { request, context -> Response in
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: ["reasonId"])
            let reason = ReasonID(try body.requiredString("reasonId"))
            return try await self.taskCommand(request, context) { .wrapUp($0, reasonID: reason) }
        }
        router.post("/v1/tasks/:taskId/consult") { request, context -> Response in
            let target = try await self.target(request, context)
            try self.refuseAtDeploymentLimit(dialling: target, "A consult to a number outside")
            return try await self.taskCommand(request, context) { .consult($0, to: target) }
        }
        router.post("/v1/tasks/:taskId/transfer") { request, context -> Response in
            let target = try await self.target(request, context)
            try self.refuseAtDeploymentLimit(dialling: target, "A transfer to a number outside")
            return try await self.taskCommand(request, context) { .transfer($0, to: target) }
        }
    }

    /// J1: a target outside is refused at once while the deployment is full (every tenant hears
    /// it too, an input later).
    private func refuseAtDeploymentLimit(dialling target: TargetRequest, _ what: String) throws(APIError) {
        guard capacity.isFull, target.type == .dialNumber || target.type == .expert else { return }
        throw APIError(CommandError.callLimit(.deployment, what))
    }

    private func taskCommand(
        _ request: Request, _ context: SwitchboardContext, _ make: (TaskID) -> AgentCommand
    ) async throws -> Response {
        let (principal, agentID) = try context.requireAgent()
        let taskID = TaskID(try context.parameters.require("taskId"))
        let runtime = try runtime(for: principal)
        let reply = try await execute(make(taskID), by: AgentID(agentID), in: runtime, request: request)
        guard case .task(let task) = reply else { throw APIError.taskNotFound }
        return rawJSONResponse(TaskResource(task: task).json)
    }

    /// `{"to":{"type","id"?,"number"?}}`.
    private func target(_ request: Request, _ context: SwitchboardContext) async throws -> TargetRequest {
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: ["to"])
        guard let to = try body.object("to") else { throw JSONFields.missing("to") }
        let fields = try JSONFields(to, allowed: ["type", "id", "number"])
        let typeName = try fields.requiredString("type")
        guard let type = TargetType(rawValue: typeName) else {
            throw APIError.invalidRequest(
                "\"to.type\" must be one of agent, queue, entryPoint, dialNumber, expert.",
                details: ["field": .string("to.type")])
        }
        let id = try fields.string("id")
        let number = try fields.string("number")
        if let number, number.count > 64 { throw APIError.invalidRequest("\"to.number\" is too long.") }
        return TargetRequest(type: type, id: id, number: number)
    }
}
