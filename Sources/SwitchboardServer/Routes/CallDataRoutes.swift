import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore
import SwitchboardEngine

/// `/v1/tasks/{taskId}/cad`: saving call-associated data (H1, H3, H4, K4) and revealing a secure
/// value (H2).
extension SwitchboardServer {
    func addCallDataRoutes(to router: Router<SwitchboardContext>) {
        router.patch("/v1/tasks/:taskId/cad") { request, context -> Response in
            let version = try Self.callDataVersion(request)
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: ["values"])
            guard let values = try body.object("values") else { throw JSONFields.missing("values") }
            let changes = try Self.callDataValues(values)
            let (principal, agentID) = try context.requireAgent()
            let taskID = TaskID(try context.parameters.require("taskId"))
            let command = AgentCommand.saveCallData(taskID, values: changes, version: version)
            let reply = try await self.execute(command, by: AgentID(agentID), in: try self.runtime(for: principal), request: request)
            guard case .task(let task) = reply else { throw APIError.taskNotFound }
            var response = rawJSONResponse(TaskResource(task: task).json)
            response.headers[.eTag] = String(task.cadVersion)
            return response
        }

        router.post("/v1/tasks/:taskId/cad/:name/reveal") { request, context -> Response in
            _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
            let (principal, agentID) = try context.requireAgent()
            let taskID = TaskID(try context.parameters.require("taskId"))
            let name = try context.parameters.require("name")
            let command = AgentCommand.revealSecureValue(taskID, name: name)
            let reply = try await self.execute(command, by: AgentID(agentID), in: try self.runtime(for: principal), request: request)
            guard case .revealed(_, let name, let value) = reply else { throw APIError.taskNotFound }
            var response = try jsonResponse(RevealedValueResource(name: name, value: value))
            // The one place a secure value leaves the server: no cache may keep it.
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// `If-Match: <version>`: the integer, as is (a quoted one is taken too, as HTTP tags are).
    private static func callDataVersion(_ request: Request) throws(APIError) -> Int {
        guard let header = request.headers[.ifMatch] else {
            throw APIError.invalidRequest(
                "Send If-Match with the cad.version the values were edited from.", details: ["field": .string("If-Match")])
        }
        var text = header.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        guard let version = Int(text), version >= 0 else {
            throw APIError.invalidRequest(
                "If-Match must be the cad.version, an integer.", details: ["field": .string("If-Match")])
        }
        return version
    }

    /// `{"name":"value"}`: text; a number or boolean is taken as its text (for integer and
    /// boolean variables), null clears the value. The core checks each against its definition.
    private static func callDataValues(_ object: JSONValue) throws(APIError) -> [String: String] {
        guard case .object(let fields) = object else { throw JSONFields.missing("values") }
        guard fields.count <= 200 else { throw APIError.invalidRequest("Too many values in one save.") }
        var values: [String: String] = [:]
        for (name, value) in fields {
            let field = "values.\(name)"
            switch value {
            case .string(let text): values[name] = text
            case .null: values[name] = ""
            case .bool(let flag): values[name] = flag ? "true" : "false"
            case .number(let number) where number.rounded() == number && abs(number) < 1e15:
                values[name] = String(Int64(number))
            case .number, .array, .object:
                throw APIError.invalidRequest(
                    "\"\(field)\" must be text, a whole number, true or false, or null.",
                    details: ["field": .string(field)])
            }
        }
        return values
    }
}
