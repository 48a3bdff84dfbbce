import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// The `sim` provider's endpoints: customers' calls (no token: the number dialled picks the
/// tenant) and agents' phones (a token of that agent, a supervisor or an admin).
extension SwitchboardServer {
    func addSimRoutes(to router: Router<SwitchboardContext>) {
        router.post("/v1/sim/calls") { request, context -> Response in
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: ["from", "to", "variables"])
            let from = try body.requiredString("from")
            let to = try body.requiredString("to")
            guard from.count <= 64, to.count <= 64, !from.isEmpty else {
                throw APIError.invalidRequest("\"from\" and \"to\" must be phone numbers.")
            }
            guard let runtime = await self.tenants.runtime(dialling: to) else {
                throw APIError(.notFound, "not_found", "No entry point has the number \(to).")
            }
            // J1: the deployment is full: refused busy here, before any tenant hears of it.
            if self.capacity.isFull { throw APIError(CommandError.callLimit(.deployment, "A new call")) }
            let variables = try await Self.routingValues(try body.object("variables"), for: runtime.engine.configuration)
            let callID = CallID("call-" + self.random.urlSafeText(count: 16))
            let placed = await runtime.simulatedSwitch.placeCall(callID, from: from, to: to, variables: variables)
            // Answer once the call's arrival is stored and its events are out.
            try await runtime.settle()
            switch placed {
            case .success: return try jsonResponse(SimCallPlacedResource(callId: callID.rawValue), status: .created)
            case .failure(let error): throw APIError(error)
            }
        }
        // What a customer may dial: every tenant's entry points (the customer phone page lists them).
        router.get("/v1/sim/entry-points") { _, _ -> Response in
            var items: [SimEntryPointResource] = []
            for runtime in self.tenants.all {
                for entryPoint in await runtime.engine.configuration.entryPoints {
                    items.append(
                        SimEntryPointResource(
                            tenant: runtime.name, id: entryPoint.id.rawValue, name: entryPoint.name,
                            dialNumber: entryPoint.dialNumber.value))
                }
            }
            return try jsonResponse(ItemsResource(items: items))
        }
        router.get("/v1/sim/calls/:callId") { _, context -> Response in
            let (runtime, callID, call) = try await self.simulatedCall(context)
            guard let id = call.interactionID else { return try jsonResponse(SimCallResource(callID, call)) }
            let center = await runtime.engine.state
            let isCallback = center.interactions[id]?.callback != nil || call.isCallback
            return try jsonResponse(
                SimCallResource(
                    callID, call, queuePosition: call.status == .queued ? center.queuePlace(of: id) : nil,
                    callbackOffered: call.status == .queued && center.courtesyCallbackOffered(to: id, at: self.clock.now()),
                    callbackId: isCallback ? id : nil))
        }
        // I1–I4, for the customer: where their callback stands and the call ringing them back.
        router.get("/v1/sim/callbacks/:callbackId") { _, context -> Response in
            let id = InteractionID(try context.parameters.require("callbackId"))
            for runtime in self.tenants.all {
                let center = await runtime.engine.state
                let interaction = center.interactions[id]
                let placed = runtime.simulatedSwitch.callbackCall(for: id)
                guard interaction?.callback != nil || placed != nil else { continue }
                let status: String =
                    switch interaction?.state {
                    case .callingBack?: "ringing"
                    case .connected?, .external?: "connected"
                    case .queued?, .offered?, .awaitingRetry?: "waiting"
                    case .ended?, nil: "ended"
                    }
                let call = placed.flatMap { $0.1.status == .ringing || $0.1.status == .connected || $0.1.status == .held ? $0.0 : nil }
                return try jsonResponse(
                    SimCallbackResource(
                        callbackId: id.rawValue, status: status, callId: call?.rawValue,
                        unansweredAttempts: interaction?.callback?.unansweredAttempts ?? 0))
            }
            throw APIError(.notFound, "not_found", "No callback \(id).")
        }
        router.post("/v1/sim/calls/:callId/hangup") { request, context -> Response in
            _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
            let (runtime, callID, call) = try await self.simulatedCall(context)
            guard call.status != .ended, call.status != .rejected else {
                throw APIError(.conflict, "not_allowed_in_state", "The call has ended.")
            }
            let result = await runtime.simulatedSwitch.hangUp(callID)
            try await runtime.settle()
            if let error = result.error { throw APIError(error) }
            return try jsonResponse(SimCallResource(callID, call, status: .ended))
        }
        // I3: the customer picks up a callback ringing on their phone.
        router.post("/v1/sim/calls/:callId/answer") { request, context -> Response in
            _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
            let (runtime, callID, call) = try await self.simulatedCall(context)
            guard let result = await runtime.simulatedSwitch.answerCall(callID) else {
                throw APIError(.conflict, "not_allowed_in_state", "This call is not ringing the customer.")
            }
            try await runtime.settle()
            if let error = result.error { throw APIError(error) }
            return try jsonResponse(SimCallResource(callID, call, status: .connected, callbackId: call.interactionID))
        }
        router.post("/v1/sim/calls/:callId/dtmf") { request, context -> Response in
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: ["digits"])
            let digits = try body.requiredString("digits")
            guard !digits.isEmpty, digits.count <= 32, digits.allSatisfy({ "0123456789*#ABCD".contains($0) }) else {
                throw APIError.invalidRequest("\"digits\" must be 1 to 32 of 0-9 * # A-D.", details: ["field": .string("digits")])
            }
            let (runtime, callID, _) = try await self.simulatedCall(context)
            guard let result = await runtime.simulatedSwitch.sendDigits(digits, on: callID) else {
                throw APIError(.conflict, "not_allowed_in_state", "The call has ended.")
            }
            try await runtime.settle()
            if let error = result.error { throw APIError(error) }
            return try jsonResponse(SimDigitsResource(callId: callID.rawValue, digits: digits))
        }

        for action in ["answer", "hangup", "fail"] {
            router.post(RouterPath("/v1/sim/devices/:dialNumber/\(action)")) { request, context -> Response in
                _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
                let (runtime, dialNumber) = try await self.simulatedDevice(context)
                let result =
                    switch action {
                    case "answer": await runtime.simulatedSwitch.answer(dialNumber: dialNumber)
                    case "hangup": await runtime.simulatedSwitch.hangUp(dialNumber: dialNumber)
                    default: await runtime.simulatedSwitch.fail(dialNumber: dialNumber)
                    }
                try await runtime.settle()
                if let error = result.error { throw APIError(error) }
                return try await self.deviceResponse(runtime, dialNumber)
            }
        }
        router.get("/v1/sim/devices/:dialNumber") { _, context -> Response in
            let (runtime, dialNumber) = try await self.simulatedDevice(context)
            return try await self.deviceResponse(runtime, dialNumber)
        }
    }

    private func simulatedCall(_ context: SwitchboardContext) async throws -> (TenantRuntime, CallID, SimulatedCall) {
        let callID = CallID(try context.parameters.require("callId"))
        for runtime in tenants.all {
            if let call = runtime.simulatedSwitch.call(callID) { return (runtime, callID, call) }
        }
        throw APIError(.notFound, "not_found", "No call \(callID).")
    }

    /// The phone at a dial number of the caller's tenant, if the caller may use it.
    private func simulatedDevice(_ context: SwitchboardContext) async throws -> (TenantRuntime, DialNumber) {
        let principal = try context.require(.agent, .supervisor, .admin)
        let text = try context.parameters.require("dialNumber")
        guard let dialNumber = DialNumber.valid(text) else {
            throw APIError(.badRequest, "invalid_dial_number", "\(text) is not a dial number.")
        }
        let runtime = try runtime(for: principal)
        if principal.role == .agent {
            let agent = await runtime.engine.agent(AgentID(principal.agentID ?? ""))
            guard agent?.dialNumber == dialNumber else { throw APIError.forbidden }
        }
        return (runtime, dialNumber)
    }

    private func deviceResponse(_ runtime: TenantRuntime, _ dialNumber: DialNumber) async throws -> Response {
        try jsonResponse(SimDeviceResource(dialNumber, runtime.simulatedSwitch.device(dialNumber)))
    }

    /// `variables` of a simulated call: CAD values routing sets (an IVR would), each checked
    /// against its definition so a test learns at once of a value the core would leave out.
    private static func routingValues(_ object: JSONValue?, for configuration: TenantConfiguration) throws(APIError)
        -> [String: String]?
    {
        guard case .object(let fields)? = object else { return nil }
        var values: [String: String] = [:]
        for (name, value) in fields {
            guard case .string(let text) = value else {
                throw APIError.invalidRequest("\"variables.\(name)\" must be text.", details: ["field": .string("variables.\(name)")])
            }
            guard let variable = configuration.cadVariable(named: name) else {
                throw APIError.invalidRequest(
                    "No CAD variable is named \(name).", details: ["field": .string("variables.\(name)")])
            }
            do { try variable.validate(text) } catch {
                var refused = APIError(error)
                refused.details["field"] = .string("variables.\(name)")
                throw refused
            }
            values[name] = text
        }
        return values
    }
}
