import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// `/v1/me`: the signed-in agent's profile, station login, state and target lists.
extension SwitchboardServer {
    func addAgentRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/me") { _, context -> Response in
            let (principal, agentID) = try context.requireAgent()
            return try await self.meResponse(self.runtime(for: principal), agentID: AgentID(agentID))
        }
        router.get("/v1/me/idle-reasons") { _, context -> Response in
            try await self.reasons(context, \.idleReasons)
        }
        router.get("/v1/me/wrapup-reasons") { _, context -> Response in
            try await self.reasons(context, \.wrapUpReasons)
        }
        router.post("/v1/me/station-login") { request, context -> Response in
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: ["teamId", "dialNumber"])
            let command = AgentCommand.stationLogin(
                teamID: TeamID(try body.requiredString("teamId")), dialNumber: try body.requiredString("dialNumber"),
                canAnswerRemotely: false, simulatedPhoneAvailable: self.configuration.isSimEnabled)
            return try await self.meCommand(command, request: request, context: context)
        }
        router.post("/v1/me/logout") { request, context -> Response in
            _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
            return try await self.meCommand(.logout, request: request, context: context)
        }
        // J2: an outbound call; the agent's phone rings first, then the customer is dialled.
        router.post("/v1/me/outdial") { request, context -> Response in
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: ["number", "entryPointId"])
            let number = try body.requiredString("number")
            guard number.count <= 64 else {
                throw APIError(.badRequest, "invalid_dial_number", "\(number.prefix(64))… is not a dial number.",
                               details: ["field": .string("number")])
            }
            let entryPointID = try body.string("entryPointId").map { EntryPointID($0) }
            if self.capacity.isFull { throw APIError(CommandError.callLimit(.deployment, "An outbound call")) }
            var response = try await self.meCommand(
                .outdial(number: number, entryPointID: entryPointID), request: request, context: context)
            response.status = .created
            return response
        }
        router.put("/v1/me/state") { request, context -> Response in
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: ["state", "idleReasonId"])
            let command: AgentCommand
            switch try body.requiredString("state") {
            case "Available":
                command = .setState(.available)
            case "Idle":
                guard let reason = try body.string("idleReasonId") else {
                    throw APIError.invalidRequest("An idle reason is required for Idle.", details: ["field": .string("idleReasonId")])
                }
                command = .setState(.idle(ReasonID(reason)))
            default:
                throw APIError.invalidRequest("\"state\" must be \"Available\" or \"Idle\".", details: ["field": .string("state")])
            }
            return try await self.meCommand(command, request: request, context: context)
        }
        router.get("/v1/me/consult-targets") { request, context -> Response in
            try await self.targets(.consult, request: request, context: context)
        }
        router.get("/v1/me/transfer-targets") { request, context -> Response in
            try await self.targets(.transfer, request: request, context: context)
        }
    }

    func meResponse(_ runtime: TenantRuntime, agentID: AgentID) async throws -> Response {
        // One read of the engine: the tasks and `seq` agree (K1). It is shown once stored, so
        // the event stream from `seq` agrees with it even across a crash.
        guard let profile = await runtime.engine.profile(of: agentID) else { throw APIError.notFound }
        try await runtime.settle(through: profile.position)
        let me = MeResource(
            agent: profile.agent, teams: profile.teams, tasks: profile.tasks, sequence: profile.sequence)
        return rawJSONResponse(me.json)
    }

    private func meCommand(_ command: AgentCommand, request: Request, context: SwitchboardContext) async throws -> Response {
        let (principal, agentID) = try context.requireAgent()
        let runtime = try runtime(for: principal)
        _ = try await execute(command, by: AgentID(agentID), in: runtime, request: request)
        return try await meResponse(runtime, agentID: AgentID(agentID))
    }

    /// Runs a command with the request's `Idempotency-Key`, timing it for the metrics.
    func execute(_ command: AgentCommand, by agentID: AgentID, in runtime: TenantRuntime, request: Request) async throws
        -> CommandReply
    {
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        if let key, key.isEmpty || key.count > 200 {
            throw APIError.invalidRequest("Idempotency-Key must be 1 to 200 characters.")
        }
        let started = ContinuousClock.now
        let result = await runtime.engine.execute(command, by: agentID, requestID: key)
        // Answer only once the outcome is stored (group commit: one transaction for many commands).
        try await runtime.settle(through: result.position)
        metrics.commandDuration.record(ContinuousClock.now - started)
        metrics.commands.increment()
        switch result.outcome {
        case .success(let reply): return reply
        case .failure(let error):
            metrics.failedCommands.increment()
            throw APIError(error)
        }
    }

    private func reasons(_ context: SwitchboardContext, _ list: KeyPath<TenantConfiguration, [Reason]>) async throws -> Response {
        let (principal, agentID) = try context.requireAgent()
        let engine = try runtime(for: principal).engine
        let teamID = await engine.agent(AgentID(agentID))?.teamID
        let reasons = await engine.configuration[keyPath: list].filter { $0.applies(to: teamID) }
        return try jsonResponse(ItemsResource(items: reasons.map(ReasonResource.init)))
    }

    private func targets(_ purpose: TargetPurpose, request: Request, context: SwitchboardContext) async throws -> Response {
        let (principal, agentID) = try context.requireAgent()
        let engine = try runtime(for: principal).engine
        let typeName = request.uri.queryParameters.get("type") ?? "agent"
        guard let type = TargetType(rawValue: typeName) else {
            throw APIError.invalidRequest(
                "\"type\" must be one of agent, queue, entryPoint, dialNumber, expert.", details: ["field": .string("type")])
        }
        let query = request.uri.queryParameters.get("q") ?? ""
        guard query.count <= 100 else { throw APIError.invalidRequest("The search is too long.") }
        let items = await engine.targets(for: purpose, type: type, query: query, by: AgentID(agentID))
        return try jsonResponse(ItemsResource(items: items.map(TargetResource.init)))
    }
}
