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
/// checked as a whole there; calls already up go on. Reads answer an `ETag` (the configuration's
/// version) and changes take `If-Match`: a change based on an older version is refused (412).
extension SwitchboardServer {
    func addAdminRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/admin/settings") { _, context -> Response in
            let principal = try context.require(.admin)
            let current = await try self.runtime(for: principal).engine.versionedConfiguration
            return try Self.versioned(JSONValue.object(Self.encode(current.configuration.settings)), current)
        }
        router.patch("/v1/admin/settings") { request, context -> Response in
            let principal = try context.require(.admin)
            let body = try await request.fields(context, limit: self.configuration.maximumBodySize, allowed: Self.settingsFields)
            let changed = try await self.administer(principal, request) { configuration in
                var configuration = configuration
                configuration.settings = try Self.settings(body, configuration.settings)
                return (configuration, ())
            }
            return try Self.versioned(JSONValue.object(Self.encode(changed.configuration.settings)), changed)
        }
        for list in AdminList.all { addRoutes(for: list, to: router) }
    }

    private func addRoutes(for list: AdminList, to router: Router<SwitchboardContext>) {
        let path = "/v1/admin/\(list.path)"
        router.get(RouterPath(path)) { _, context -> Response in
            let principal = try context.require(.admin)
            let current = await try self.runtime(for: principal).engine.versionedConfiguration
            return try Self.versioned(ItemsResource(items: list.list(current.configuration.lists)), current)
        }
        router.get(RouterPath(path + "/:id")) { _, context -> Response in
            let principal = try context.require(.admin)
            let id = try context.parameters.require("id")
            let current = await try self.runtime(for: principal).engine.versionedConfiguration
            return try Self.versioned(try Self.item(id, of: list, in: current.configuration), current)
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
        let changed = try await administer(principal, request) { configuration in
            (try Self.applying(list, body, to: id, in: configuration).configuration, ())
        }
        return try Self.versioned(try Self.item(id, of: list, in: changed.configuration), changed)
    }

    private func delete(from list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let id = try context.parameters.require("id")
        let (changed, removed) = try await administer(principal, request, removing: true) { configuration in
            let removed = try Self.item(id, of: list, in: configuration)
            return (try configuration.modified { list.remove(id, &$0) }, removed)
        }
        return try Self.versioned(removed, changed)
    }

    private func create(in list: AdminList, request: Request, context: SwitchboardContext) async throws -> Response {
        let principal = try context.require(.admin)
        let body = try await request.fields(context, limit: configuration.maximumBodySize, allowed: list.allowed)
        let login = list.path == "agents" ? try Self.agentLogin(body) : nil
        if let login, try store.user(tenant: principal.tenant, username: login.username) != nil {
            throw APIError(.conflict, "duplicate", "The username \(login.username) is taken.", details: ["field": .string("username")])
        }
        let (changed, id) = try await administer(principal, request, removing: false) { configuration in
            let created = try Self.applying(list, body, to: nil, in: configuration)
            return (created.configuration, created.id)
        }
        if let login {
            try store.createUser(
                UserRecord(
                    tenant: principal.tenant, username: login.username,
                    passwordHash: try await authenticator.hash(login.password), role: .agent, agentID: AgentID(id)))
        }
        return try Self.versioned(try Self.item(id, of: list, in: changed.configuration), changed, status: .created)
    }

    /// The configuration after creating (id nil) or updating an item, and the item's id.
    private static func applying(
        _ list: AdminList, _ body: JSONFields, to id: String?, in configuration: TenantConfiguration
    ) throws(APIError) -> (configuration: TenantConfiguration, id: String) {
        var lists = configuration.lists
        let id = try list.apply(body, id, &lists)
        return (configuration.modified { $0 = lists }, id)
    }

    private func administer(
        _ principal: Principal, _ request: Request,
        _ change: @escaping @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Void)
    ) async throws -> VersionedConfiguration {
        try await administer(principal, request, removing: false, change).0
    }

    /// Runs `change` on the tenant's engine, checked as a whole, if the request's `If-Match` still
    /// holds; answers once the change is stored.
    private func administer<Output: Sendable>(
        _ principal: Principal, _ request: Request, removing: Bool,
        _ change: @escaping @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Output)
    ) async throws -> (VersionedConfiguration, Output) {
        let runtime = try runtime(for: principal)
        let expected = try Self.ifMatch(request)
        let result: (VersionedConfiguration, Output)
        do {
            result = try await runtime.engine.administer(ifVersion: expected) { configuration in
                let (changed, output) = try change(configuration)
                if let problem = ConfigurationRules.violation(in: changed.lists) {
                    throw removing
                        ? APIError(.conflict, "in_use", problem.whenRemoving) : APIError.invalidRequest(problem.message)
                }
                return (changed, output)
            }
        } catch let stale as StaleConfiguration {
            throw APIError(
                .preconditionFailed, "precondition_failed",
                "The configuration was changed since you loaded it (version \(stale.currentVersion) now). Reload and try again.",
                details: ["currentVersion": .number(Double(stale.currentVersion))])
        } catch let error as CommandError {
            throw APIError(error)
        }
        try await runtime.settle(through: result.0.position)
        return result
    }

    /// `If-Match: "<version>"` (or `*`, or none: whatever is in force).
    private static func ifMatch(_ request: Request) throws(APIError) -> Int? {
        guard let header = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), header != "*" else { return nil }
        let tag = header.hasPrefix("W/") ? String(header.dropFirst(2)) : header
        guard let version = Int(tag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) else {
            throw APIError.invalidRequest(
                "If-Match must be the ETag of the configuration, e.g. \"12\".", details: ["field": .string("If-Match")])
        }
        return version
    }

    /// A JSON answer with the configuration's version as its `ETag`.
    private static func versioned(
        _ value: some Encodable, _ configuration: VersionedConfiguration, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var response = try jsonResponse(value, status: status)
        response.headers[.eTag] = "\"\(configuration.version)\""
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
