import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore
import SwitchboardEngine

/// `POST /v1/callbacks`: a web callback (I2). The customer needs no login, so requests are
/// limited per source address; the entry point picks the tenant (`tenant` tells two apart that
/// share an id).
extension SwitchboardServer {
    func addCallbackRoutes(to router: Router<SwitchboardContext>) {
        router.post("/v1/callbacks") { request, context -> Response in
            let source = context.remoteAddress ?? "unknown"
            guard self.callbackLimiter.allow(source) else {
                var error = APIError.rateLimited
                error.retryAfterSeconds = self.callbackLimiter.secondsUntilAllowed(source)
                throw error
            }
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: ["entryPointId", "name", "number", "tenant"])
            let entryPointID = EntryPointID(try body.requiredString("entryPointId"))
            let name = try body.requiredString("name").trimmingCharacters(in: .whitespacesAndNewlines)
            let number = try body.requiredString("number").trimmingCharacters(in: .whitespacesAndNewlines)
            let runtime = try await self.runtime(offering: entryPointID, tenant: try body.string("tenant"))
            let result = await runtime.engine.request(.webCallback(entryPointID: entryPointID, name: name, number: number))
            try await runtime.settle()
            switch result.outcome {
            case .success(.interaction(let id)):
                return try jsonResponse(CallbackCreatedResource(callbackId: id.rawValue), status: .created)
            case .success:
                throw APIError(CommandError(.unavailable, "The callback was not taken."))
            case .failure(let error):
                throw APIError(error)
            }
        }
    }

    /// The tenant whose entry point `id` is: the one named, or the only one that has it.
    private func runtime(offering id: EntryPointID, tenant: String?) async throws(APIError) -> TenantRuntime {
        var found: [TenantRuntime] = []
        for runtime in tenants.all where tenant == nil || runtime.name == tenant {
            if await runtime.engine.configuration.entryPoint(id) != nil { found.append(runtime) }
        }
        guard let first = found.first else {
            throw APIError(.notFound, "not_found", "No entry point \(id).", details: ["field": .string("entryPointId")])
        }
        guard found.count == 1 else {
            throw APIError.invalidRequest(
                "Several organizations have an entry point \(id); name one in \"tenant\".",
                details: ["field": .string("tenant")])
        }
        return first
    }
}

/// `201` of `POST /v1/callbacks`.
struct CallbackCreatedResource: Encodable {
    let callbackId: String
}
