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
    func addAuthRoutes(to router: Router<SwitchboardContext>) {
        // Login only issues a token; it changes no agent state.
        router.post("/v1/auth/login") { request, context -> Response in
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: ["tenant", "username", "password"])
            let tenant = try body.requiredString("tenant")
            let username = try body.requiredString("username")
            let password = try body.requiredString("password")
            guard password.utf8.count <= 72, username.count <= 200, tenant.count <= 200,
                let (token, record) = try await self.authenticator.logIn(tenant: tenant, username: username, password: password)
            else {
                throw APIError(.unauthorized, "unauthorized", "Wrong tenant, username or password.")
            }
            return try jsonResponse(LoginResource(token: token, record: record))
        }
        // Sign-out: the token stops working on every node (it changes no agent state either).
        router.post("/v1/auth/logout") { request, context -> Response in
            _ = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: [])
            guard context.principal != nil, let token = context.bearerToken else { throw APIError.unauthorized }
            try self.authenticator.revoke(token)
            return Response(status: .noContent)
        }
    }
}
