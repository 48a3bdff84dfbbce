import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// `/v1/admin/...` (role admin): the settings and the configuration lists. Every change is
/// validated as a whole, stored, then applied to the running engine; calls already up go on.
extension SwitchboardServer {
    func addAdminRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/admin/settings") { _, context -> Response in
            let principal = try context.require(.admin)
            return try jsonResponse(JSONValue.object(Self.encode(await self.runtime(for: principal).engine.configuration.settings)))
        }
        router.patch("/v1/admin/settings") { request, context -> Response in
            let principal = try context.require(.admin)
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: Self.settingsFields)
            let updated = try await self.changeConfiguration(of: principal) { (configuration) throws(APIError) in
                configuration.settings = try Self.settings(body, configuration.settings)
            }
            return try jsonResponse(JSONValue.object(Self.encode(updated.settings)))
        }
        for list in AdminList.all { addRoutes(for: list, to: router) }
    }

    private func addRoutes(for list: AdminList, to router: Router<SwitchboardContext>) {
        let path = "/v1/admin/\(list.path)"
        router.get(RouterPath(path)) { _, context -> Response in
            let principal = try context.require(.admin)
            return try jsonResponse(ItemsResource(items: list.list(await self.runtime(for: principal).engine.configuration.lists)))
        }
        router.get(RouterPath(path + "/:id")) { _, context -> Response in
            let principal = try context.require(.admin)
            let id = try context.parameters.require("id")
            return try jsonResponse(try Self.item(id, of: list, in: await self.runtime(for: principal).engine.configuration))
        }
        router.post(RouterPath(path)) { request, context -> Response in
            let principal = try context.require(.admin)
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: list.allowed)
            var createdID = ""
            let login = list.path == "agents" ? try Self.agentLogin(body) : nil
            if let login, try self.store.user(tenant: principal.tenant, username: login.username) != nil {
                throw APIError(.conflict, "duplicate", "The username \(login.username) is taken.", details: ["field": .string("username")])
            }
            let updated = try await self.changeConfiguration(of: principal) { (configuration) throws(APIError) in
                configuration = try configuration.modified { (lists) throws(APIError) in
                    createdID = try list.apply(body, nil, &lists)
                }
            }
            if let login {
                try self.store.createUser(
                    UserRecord(
                        tenant: principal.tenant, username: login.username,
                        passwordHash: try await self.authenticator.hash(login.password), role: .agent, agentID: AgentID(createdID)))
            }
            return try jsonResponse(try Self.item(createdID, of: list, in: updated), status: .created)
        }
        router.patch(RouterPath(path + "/:id")) { request, context -> Response in
            let principal = try context.require(.admin)
            let id = try context.parameters.require("id")
            let body = try await request.fields(
                context, limit: self.configuration.maximumBodySize, allowed: list.allowed.subtracting(["username", "password"]))
            let updated = try await self.changeConfiguration(of: principal) { (configuration) throws(APIError) in
                configuration = try configuration.modified { (lists) throws(APIError) in _ = try list.apply(body, id, &lists) }
            }
            return try jsonResponse(try Self.item(id, of: list, in: updated))
        }
        router.delete(RouterPath(path + "/:id")) { _, context -> Response in
            let principal = try context.require(.admin)
            let id = try context.parameters.require("id")
            let before = try Self.item(id, of: list, in: await self.runtime(for: principal).engine.configuration)
            _ = try await self.changeConfiguration(of: principal, removing: true) { (configuration) throws(APIError) in
                configuration = configuration.modified { lists in list.remove(id, &lists) }
            }
            return try jsonResponse(before)
        }
    }

    /// Applies `change` to the tenant's configuration, checks it, stores it and hands it to the engine.
    private func changeConfiguration(
        of principal: Principal, removing: Bool = false,
        _ change: (inout TenantConfiguration) throws(APIError) -> Void
    ) async throws -> TenantConfiguration {
        let runtime = try runtime(for: principal)
        var configuration = await runtime.engine.configuration
        try change(&configuration)
        if let problem = ConfigurationRules.violation(in: configuration.lists) {
            throw removing ? APIError(.conflict, "in_use", problem) : APIError.invalidRequest(problem)
        }
        try store.saveConfiguration(configuration, of: principal.tenant)
        let result = await runtime.engine.reconfigure(configuration)
        if let error = result.error { throw APIError(error) }
        return configuration
    }

    private static func item(_ id: String, of list: AdminList, in configuration: TenantConfiguration) throws(APIError) -> JSONValue {
        guard let index = list.ids(configuration.lists).firstIndex(of: id) else { throw APIError.notFound }
        return list.list(configuration.lists)[index]
    }

    private static func agentLogin(_ body: JSONFields) throws(APIError) -> (username: String, password: String)? {
        guard body.has("username") || body.has("password") else { return nil }
        let username = try body.text("username", nil, maxLength: 100)
        let password = try body.requiredString("password")
        guard (8...72).contains(password.utf8.count) else {
            throw APIError.invalidRequest("A password is 8 to 72 bytes.", details: ["field": .string("password")])
        }
        return (username, password)
    }

    static let settingsFields: Set<String> = [
        "noiseRemovalEnabled", "recordingEnabled", "privacyShieldEnabled", "privacyShieldSeconds", "ringTimeoutSeconds",
        "concurrentCallLimit", "endCallForWebCallback", "requeueOnTransferNotAccepted",
    ]

    static func encode(_ settings: TenantSettings) -> [String: JSONValue] {
        [
            "noiseRemovalEnabled": .bool(settings.noiseRemovalEnabled), "recordingEnabled": .bool(settings.recordingEnabled),
            "privacyShieldEnabled": .bool(settings.privacyShieldEnabled),
            "privacyShieldSeconds": .number(Double(settings.privacyShieldSeconds)),
            "ringTimeoutSeconds": .number(Double(settings.ringTimeoutSeconds)),
            "concurrentCallLimit": settings.concurrentCallLimit.map { .number(Double($0)) } ?? .null,
            "endCallForWebCallback": .bool(settings.endCallForWebCallback),
            "requeueOnTransferNotAccepted": .bool(settings.requeueOnTransferNotAccepted),
        ]
    }

    static func settings(_ body: JSONFields, _ old: TenantSettings) throws(APIError) -> TenantSettings {
        var settings = old
        settings.noiseRemovalEnabled = try body.flag("noiseRemovalEnabled", old.noiseRemovalEnabled, default: true)
        settings.recordingEnabled = try body.flag("recordingEnabled", old.recordingEnabled, default: false)
        settings.privacyShieldEnabled = try body.flag("privacyShieldEnabled", old.privacyShieldEnabled, default: false)
        settings.privacyShieldSeconds =
            try body.seconds("privacyShieldSeconds", old.privacyShieldSeconds, range: 1...3600, optional: false) ?? old.privacyShieldSeconds
        settings.ringTimeoutSeconds =
            try body.seconds("ringTimeoutSeconds", old.ringTimeoutSeconds, range: 2...600, optional: false) ?? old.ringTimeoutSeconds
        settings.concurrentCallLimit = try body.seconds("concurrentCallLimit", old.concurrentCallLimit, range: 1...100_000, optional: true)
        settings.endCallForWebCallback = try body.flag("endCallForWebCallback", old.endCallForWebCallback, default: false)
        settings.requeueOnTransferNotAccepted = try body.flag(
            "requeueOnTransferNotAccepted", old.requeueOnTransferNotAccepted, default: false)
        return settings
    }
}
