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
            return try Self.tagged(Self.settingsBody(current.configuration))
        }
        router.patch("/v1/admin/settings") { request, context -> Response in
            let principal = try context.require(.admin)
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: SettingsShape.fields)
            let changed = try await self.administer(principal, request, resource: Self.settingsBody) { configuration in
                var configuration = configuration
                configuration.settings = try SettingsShape.settings(from: body, old: configuration.settings)
                return (configuration, ())
            }
            return try Self.tagged(Self.settingsBody(changed.configuration))
        }
        for list in AdminList.all { addRoutes(for: list, to: router) }
    }

    private func addRoutes(for list: AdminList, to router: Router<SwitchboardContext>) {
        let path = "/v1/admin/\(list.path)"
        router.get(RouterPath(path)) { _, context -> Response in
            let principal = try context.require(.admin)
            let current = await try self.runtime(for: principal).engine.currentConfiguration
            return try Self.tagged(list.list(current.configuration.lists))
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
        // An agent's login is made with the agent and not changed here.
        let allowed = list.path == "agents" ? list.allowed.subtracting(AgentShape.loginFields) : list.allowed
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: allowed)
        let sipPassword = list.path == "agents" ? try AgentShape.sipPassword(from: body) : nil
        let changed = try await administer(principal, request, resource: Self.listBody(list)) { configuration in
            let updated = try Self.applying(list, body, to: .existing(id), in: configuration).configuration
            guard let sipPassword else { return (updated, ()) }
            return (try AgentShape.setting(sipPassword, ofAgent: id, realm: principal.tenant, in: updated), ())
        }
        return try Self.tagged(try Self.item(id, of: list, in: changed.configuration), list: list, changed.configuration)
    }

    private func delete(from list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let id = try context.parameters.require("id")
        let (changed, removed) = try await administer(principal, request, resource: Self.listBody(list), removing: true) {
            configuration in
            let removed = try Self.item(id, of: list, in: configuration)
            return (try configuration.modified { list.remove(id, &$0) }, removed)
        }
        return try Self.tagged(removed, list: list, changed.configuration)
    }

    private func create(in list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: list.allowed)
        let login = list.path == "agents" ? try AgentShape.login(from: body) : nil
        let sipPassword = list.path == "agents" ? try AgentShape.sipPassword(from: body) : nil
        if let login, try store.user(tenant: principal.tenant, username: login.username) != nil {
            throw APIError(.conflict, "duplicate", "The username \(login.username) is taken.", details: ["field": .string("username")])
        }
        let generatedID = AdminList.makeID(list.path, random: random)
        let (changed, id) = try await administer(principal, request, resource: Self.listBody(list), removing: false) {
            configuration in
            let created = try Self.applying(list, body, to: .new(generatedID: generatedID), in: configuration)
            guard let sipPassword else { return (created.configuration, created.id) }
            return (
                try AgentShape.setting(sipPassword, ofAgent: created.id, realm: principal.tenant, in: created.configuration),
                created.id
            )
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
        _ principal: Principal, _ request: Request, resource: @escaping @Sendable (TenantConfiguration) throws -> Data,
        _ change: @escaping @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Void)
    ) async throws -> StoredConfiguration {
        try await administer(principal, request, resource: resource, removing: false, change).0
    }

    /// Runs `change` on the tenant's engine, checked as a whole, if the request's `If-Match` is
    /// still the tag of `resource` in the configuration in force; answers once the change is stored.
    private func administer<Output: Sendable>(
        _ principal: Principal, _ request: Request, resource: @escaping @Sendable (TenantConfiguration) throws -> Data,
        removing: Bool, _ change: @escaping @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Output)
    ) async throws -> (StoredConfiguration, Output) {
        let runtime = try runtime(for: principal)
        let precondition = AdminPrecondition(header: request.headers[.ifMatch])
        let result: (StoredConfiguration, Output)
        do {
            result = try await runtime.engine.administer { configuration in
                if !precondition.isUnconditional {
                    let current = AdminTag(of: try resource(configuration))
                    guard precondition.isMet(by: current) else { throw StaleAdminResource(current: current) }
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

    /// The settings as `GET /v1/admin/settings` shows them.
    @Sendable private static func settingsBody(_ configuration: TenantConfiguration) throws -> Data {
        try AdminList.encode(SettingsShape(settings: configuration.settings))
    }

    /// A list as `GET /v1/admin/<list>` shows it.
    private static func listBody(_ list: AdminList) -> @Sendable (TenantConfiguration) throws -> Data {
        { configuration in try list.list(configuration.lists) }
    }

    /// A resource's body with its tag as the `ETag`.
    private static func tagged(_ body: Data, status: HTTPResponse.Status = .ok) throws -> Response {
        response(body, tag: AdminTag(of: body), status: status)
    }

    /// One item's body, with the tag of its list as the `ETag` (a change to the item is one to the list).
    private static func tagged(
        _ item: Data, list: AdminList, _ configuration: TenantConfiguration, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        response(item, tag: AdminTag(of: try list.list(configuration.lists)), status: status)
    }

    private static func response(_ body: Data, tag: AdminTag, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .eTag: tag.description],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func item(_ id: String, of list: AdminList, in configuration: TenantConfiguration) throws -> Data {
        guard let item = try list.item(id, configuration.lists) else { throw APIError.notFound }
        return item
    }
}
