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
            var configuration = try await self.currentConfiguration(of: principal)
            configuration.settings = try Self.settings(body, configuration.settings)
            try await self.commit(configuration, of: principal)
            return try jsonResponse(JSONValue.object(Self.encode(configuration.settings)))
        }
        for list in AdminList.all { addRoutes(for: list, to: router) }
    }

    private func addRoutes(for list: AdminList, to router: Router<SwitchboardContext>) {
        let path = "/v1/admin/\(list.path)"
        router.get(RouterPath(path)) { _, context -> Response in
            let principal = try context.require(.admin)
            return try jsonResponse(ItemsResource(items: list.list(try await self.currentConfiguration(of: principal).lists)))
        }
        router.get(RouterPath(path + "/:id")) { _, context -> Response in
            let principal = try context.require(.admin)
            let id = try context.parameters.require("id")
            return try jsonResponse(try Self.item(id, of: list, in: try await self.currentConfiguration(of: principal)))
        }
        router.post(RouterPath(path)) { request, context -> Response in
            try await self.create(in: list, request: request, context: context)
        }
        router.patch(RouterPath(path + "/:id")) { request, context -> Response in
            try await self.update(in: list, request: request, context: context)
        }
        router.delete(RouterPath(path + "/:id")) { _, context -> Response in
            try await self.delete(from: list, context: context)
        }
    }

    // Swift 6.3's optimizer crashes splitting this coroutine (CoroSplit, swifterror); it is not hot.
    @_optimize(none)
    private func update(in list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let id = try context.parameters.require("id")
        let allowed = list.allowed.subtracting(["username", "password"])
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: allowed)
        let current = try await currentConfiguration(of: principal)
        let changed = try Self.applying(list, body, to: id, in: current.lists)
        let updated = try await commit(lists: changed.1, of: principal)
        let item = try Self.item(id, of: list, in: updated)
        return try jsonResponse(item)
    }

    private func delete(from list: AdminList, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let id = try context.parameters.require("id")
        let configuration = try await currentConfiguration(of: principal)
        let before = try Self.item(id, of: list, in: configuration)
        var lists = configuration.lists
        list.remove(id, &lists)
        _ = try await commit(lists: lists, of: principal, removing: true)
        return try jsonResponse(before)
    }

    private func create(in list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: list.allowed)
        let login = list.path == "agents" ? try Self.agentLogin(body) : nil
        if let login, try store.user(tenant: principal.tenant, username: login.username) != nil {
            throw APIError(.conflict, "duplicate", "The username \(login.username) is taken.", details: ["field": .string("username")])
        }
        let current = try await currentConfiguration(of: principal)
        let (id, lists) = try Self.applying(list, body, to: nil, in: current.lists)
        let updated = try await commit(lists: lists, of: principal)
        if let login {
            try store.createUser(
                UserRecord(
                    tenant: principal.tenant, username: login.username,
                    passwordHash: try await authenticator.hash(login.password), role: .agent, agentID: AgentID(id)))
        }
        return try jsonResponse(try Self.item(id, of: list, in: updated), status: .created)
    }

    /// The lists after creating (id nil) or updating an item.
    private static func applying(
        _ list: AdminList, _ body: JSONFields, to id: String?, in lists: TenantConfiguration.Lists
    ) throws -> (String, TenantConfiguration.Lists) {
        var lists = lists
        let id = try list.apply(body, id, &lists)
        return (id, lists)
    }

    private func currentConfiguration(of principal: Principal) async throws -> TenantConfiguration {
        await (try runtime(for: principal)).engine.configuration
    }

    /// The configuration with new lists, checked, stored and handed to the engine.
    private func commit(lists: TenantConfiguration.Lists, of principal: Principal, removing: Bool = false) async throws
        -> TenantConfiguration
    {
        let configuration = try await currentConfiguration(of: principal).modified { $0 = lists }
        try await commit(configuration, of: principal, removing: removing)
        return configuration
    }

    /// Checks the configuration, stores it and hands it to the running engine; calls already up go on.
    private func commit(_ configuration: TenantConfiguration, of principal: Principal, removing: Bool = false) async throws {
        if let problem = ConfigurationRules.violation(in: configuration.lists) {
            throw removing
                ? APIError(.conflict, "in_use", problem.whenRemoving) : APIError.invalidRequest(problem.message)
        }
        try store.saveConfiguration(configuration, of: principal.tenant)
        let runtime = try runtime(for: principal)
        let result = await runtime.engine.reconfigure(configuration)
        try await runtime.settle(through: result.position)
        if let error = result.error { throw APIError(error) }
    }

    private static func item(_ id: String, of list: AdminList, in configuration: TenantConfiguration) throws -> JSONValue {
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
