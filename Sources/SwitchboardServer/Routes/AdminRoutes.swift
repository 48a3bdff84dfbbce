import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// `/v1/admin/...` (role admin): the settings and the configuration lists. Every change is an
/// input of the tenant's engine, computed from the configuration in force when its turn comes and
/// checked as a whole there; calls already up go on. Reads answer an `ETag` (`AdminTag`: of the
/// settings, or of the list an item belongs to) and changes take `If-Match`: a change based on an
/// older state of that resource is refused (412).
extension SwitchboardServer {
    func addAdminRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/admin/settings") { _, context -> Response in
            let principal = try context.require(.admin)
            let current = await try self.runtime(for: principal).engine.currentConfiguration
            return try Self.tagged(Self.settingsResource(current.configuration))
        }
        router.patch("/v1/admin/settings") { request, context -> Response in
            let principal = try context.require(.admin)
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: Self.settingsFields)
            let changed = try await self.administer(principal, request, resource: Self.settingsResource) { configuration in
                var configuration = configuration
                configuration.settings = try Self.settings(body, configuration.settings)
                return (configuration, ())
            }
            return try Self.tagged(Self.settingsResource(changed.configuration))
        }
        for list in AdminList.all { addRoutes(for: list, to: router) }
    }

    private func addRoutes(for list: AdminList, to router: Router<SwitchboardContext>) {
        let path = "/v1/admin/\(list.path)"
        router.get(RouterPath(path)) { _, context -> Response in
            let principal = try context.require(.admin)
            let current = await try self.runtime(for: principal).engine.currentConfiguration
            return try Self.tagged(Self.listResource(list)(current.configuration))
        }
        router.get(RouterPath(path + "/:id")) { _, context -> Response in
            let principal = try context.require(.admin)
            let id = try context.parameters.require("id")
            let current = await try self.runtime(for: principal).engine.currentConfiguration
            return try Self.tagged(try Self.item(id, of: list, in: current.configuration), list: list, current.configuration)
        }
        router.post(RouterPath(path)) { request, context -> Response in
            try await self.create(in: list, request: request, context: context)
        }
        router.patch(RouterPath(path + "/:id")) { request, context -> Response in
            try await self.update(in: list, request: request, context: context)
        }
        router.delete(RouterPath(path + "/:id")) { request, context -> Response in
            try await self.delete(from: list, request: request, context: context)
        }
    }

    // Swift 6.3's optimizer crashes splitting this coroutine (CoroSplit, swifterror); it is not hot.
    @_optimize(none)
    private func update(in list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let id = try context.parameters.require("id")
        let allowed = list.allowed.subtracting(["username", "password"])
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: allowed)
        let changed = try await administer(principal, request, resource: Self.listResource(list)) { configuration in
            (try Self.applying(list, body, to: .existing(id), in: configuration).configuration, ())
        }
        return try Self.tagged(try Self.item(id, of: list, in: changed.configuration), list: list, changed.configuration)
    }

    private func delete(from list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let id = try context.parameters.require("id")
        let (changed, removed) = try await administer(principal, request, resource: Self.listResource(list), removing: true) {
            configuration in
            let removed = try Self.item(id, of: list, in: configuration)
            return (try configuration.modified { list.remove(id, &$0) }, removed)
        }
        return try Self.tagged(removed, list: list, changed.configuration)
    }

    private func create(in list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: list.allowed)
        let login = list.path == "agents" ? try Self.agentLogin(body) : nil
        if let login, try store.user(tenant: principal.tenant, username: login.username) != nil {
            throw APIError(.conflict, "duplicate", "The username \(login.username) is taken.", details: ["field": .string("username")])
        }
        let generatedID = AdminList.makeID(list.path, random: random)
        let (changed, id) = try await administer(principal, request, resource: Self.listResource(list), removing: false) {
            configuration in
            let created = try Self.applying(list, body, to: .new(generatedID: generatedID), in: configuration)
            return (created.configuration, created.id)
        }
        if let login {
            try store.createUser(
                UserRecord(
                    tenant: principal.tenant, username: login.username,
                    passwordHash: try await authenticator.hash(login.password), role: .agent, agentID: AgentID(id)))
        }
        return try Self.tagged(
            try Self.item(id, of: list, in: changed.configuration), list: list, changed.configuration, status: .created)
    }

    /// The configuration after creating or updating an item, and the item's id.
    private static func applying(
        _ list: AdminList, _ body: JSONFields, to item: AdminItem, in configuration: TenantConfiguration
    ) throws(APIError) -> (configuration: TenantConfiguration, id: String) {
        var lists = configuration.lists
        let id = try list.apply(body, item, &lists)
        return (configuration.modified { $0 = lists }, id)
    }

    private func administer(
        _ principal: Principal, _ request: Request, resource: @escaping @Sendable (TenantConfiguration) -> JSONValue,
        _ change: @escaping @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Void)
    ) async throws -> StoredConfiguration {
        try await administer(principal, request, resource: resource, removing: false, change).0
    }

    /// Runs `change` on the tenant's engine, checked as a whole, if the request's `If-Match` is
    /// still the tag of `resource` in the configuration in force; answers once the change is stored.
    private func administer<Output: Sendable>(
        _ principal: Principal, _ request: Request, resource: @escaping @Sendable (TenantConfiguration) -> JSONValue,
        removing: Bool, _ change: @escaping @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Output)
    ) async throws -> (StoredConfiguration, Output) {
        let runtime = try runtime(for: principal)
        let expected = try Self.ifMatch(request)
        let result: (StoredConfiguration, Output)
        do {
            result = try await runtime.engine.administer { configuration in
                if let expected {
                    let current = AdminTag(of: resource(configuration))
                    guard current == expected else { throw StaleAdminResource(current: current) }
                }
                let (changed, output) = try change(configuration)
                if let problem = ConfigurationRules.violation(in: changed.lists) {
                    throw removing
                        ? APIError(.conflict, "in_use", problem.whenRemoving) : APIError.invalidRequest(problem.message)
                }
                return (changed, output)
            }
        } catch let stale as StaleAdminResource {
            throw APIError(
                .preconditionFailed, "precondition_failed",
                "This was changed since you loaded it. Reload and try again.",
                details: ["currentETag": .string(stale.current.description)])
        } catch let error as CommandError {
            throw APIError(error)
        }
        try await runtime.settle(through: result.0.position)
        return result
    }

    /// `If-Match: "<tag>"` (or `*`, or none: whatever is in force).
    private static func ifMatch(_ request: Request) throws(APIError) -> AdminTag? {
        guard let header = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), header != "*" else { return nil }
        guard let tag = AdminTag(header: header) else {
            throw APIError.invalidRequest(
                "If-Match must be an ETag this resource was read with.", details: ["field": .string("If-Match")])
        }
        return tag
    }

    /// The settings as `GET /v1/admin/settings` shows them.
    @Sendable private static func settingsResource(_ configuration: TenantConfiguration) -> JSONValue {
        .object(encode(configuration.settings))
    }

    /// A list as `GET /v1/admin/<list>` shows it.
    private static func listResource(_ list: AdminList) -> @Sendable (TenantConfiguration) -> JSONValue {
        { configuration in .object(["items": .array(list.list(configuration.lists))]) }
    }

    /// A resource as JSON with its tag as the `ETag`.
    private static func tagged(_ resource: JSONValue, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try jsonResponse(resource, status: status)
        response.headers[.eTag] = AdminTag(of: resource).description
        return response
    }

    /// One item as JSON, with the tag of its list as the `ETag` (a change to the item is one to the list).
    private static func tagged(
        _ item: JSONValue, list: AdminList, _ configuration: TenantConfiguration, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var response = try jsonResponse(item, status: status)
        response.headers[.eTag] = AdminTag(of: listResource(list)(configuration)).description
        return response
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
