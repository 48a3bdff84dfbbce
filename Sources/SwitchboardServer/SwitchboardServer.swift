import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdWebSocket
public import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
public import SwitchboardCore
public import SwitchboardEngine
public import SwitchboardStore
import SwitchboardTelephony

/// The server's parts, shared by every route: the store, the tenants at work, sign-in, metrics.
public final class SwitchboardServer: Sendable {
    let configuration: ServerConfiguration
    let store: any SwitchboardStore
    let tenants = TenantRegistry()
    let authenticator: Authenticator
    let metrics = ServerMetrics()
    let clock: any EngineClock
    /// Tokens and generated ids.
    let random: RandomSource
    /// I2: web callbacks per source address (the form needs no login).
    let callbackLimiter = RateLimiter(burst: 5, per: .seconds(60))
    /// J1: the deployment's concurrent-call limit over every tenant.
    let capacity: DeploymentCapacity
    /// The `sip` provider, once `startSIP` has started it.
    let sip = SIPSlot()

    /// Opens every stored tenant (restoring its engine from the journal). `clock` and `random`
    /// are the system's unless a test hands in its own.
    public init(
        configuration: ServerConfiguration, store: any SwitchboardStore, clock: any EngineClock = SystemClock(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) async throws {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.random = RandomSource(random)
        self.capacity = DeploymentCapacity(maximum: configuration.maximumCalls)
        self.authenticator = Authenticator(
            store: store, clock: clock, random: self.random, tokenLifetime: configuration.tokenLifetime,
            hashCost: configuration.passwordHashCost)
        for record in try store.tenants() {
            tenants.add(
                try await TenantRuntime(
                    record: record, store: store, configuration: configuration, metrics: metrics, clock: clock,
                    capacity: capacity))
        }
    }

    /// Creates a tenant with its users (passwords given in clear, hashed here).
    public func createTenant(
        _ name: String, configuration tenantConfiguration: TenantConfiguration,
        users: [(username: String, password: String, role: Role, agentID: AgentID?)]
    ) async throws {
        try store.createTenant(TenantRecord(name: name, configuration: tenantConfiguration))
        for user in users {
            try store.createUser(
                UserRecord(
                    tenant: name, username: user.username, passwordHash: try await authenticator.hash(user.password),
                    role: user.role, agentID: user.agentID))
        }
        let runtime = try await TenantRuntime(
            record: TenantRecord(name: name, configuration: tenantConfiguration), store: store,
            configuration: configuration, metrics: metrics, clock: clock, capacity: capacity)
        if let provider = sip.current { runtime.telephony.attach(provider) }
        tenants.add(runtime)
    }

    public var tenantNames: [String] { tenants.all.map(\.name) }

    /// The Hummingbird application: every route of API.md, the event socket, and the tenants'
    /// timers and simulated phone networks as services (and the `sip` provider, when started).
    public func makeApplication(logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: SwitchboardContext.self)
        router.add(middleware: ErrorShapeMiddleware())
        // The pages (start page, desktop, supervisor, administration, customer phone): served when
        // no route matches, revalidated on every load so a reload always gets the current ones.
        router.add(
            middleware: FileMiddleware(
                webRoot, cacheControl: .init([(MediaType(type: .any), [.noCache])]), searchForIndexHtml: true, logger: logger))
        router.add(middleware: AuthenticationMiddleware(authenticator: authenticator))
        addHealthRoutes(to: router)
        addAuthRoutes(to: router)
        addAgentRoutes(to: router)
        addTaskRoutes(to: router)
        addCallDataRoutes(to: router)
        addCallbackRoutes(to: router)
        addCampaignRoutes(to: router)
        addEventRoutes(to: router)
        if configuration.isSimEnabled { addSimRoutes(to: router) }
        addAdminRoutes(to: router)
        addSupervisorRoutes(to: router)

        let webSocketRouter = Router(context: SwitchboardContext.self)
        webSocketRouter.add(middleware: ErrorShapeMiddleware())
        webSocketRouter.add(middleware: AuthenticationMiddleware(authenticator: authenticator))
        addEventSocket(to: webSocketRouter)

        var application = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Switchboard"),
            logger: logger)
        application.addServices(TenantsService(server: self))
        if let provider = sip.current { application.addServices(SIPService(provider: provider)) }
        return application
    }

    /// Where the pages are: the configured folder, else the copy bundled with the server.
    var webRoot: String {
        configuration.webRoot ?? Bundle.module.resourceURL!.appendingPathComponent("web").path
    }

    /// The tenant of the caller.
    func runtime(for principal: Principal) throws(APIError) -> TenantRuntime {
        guard let runtime = tenants.runtime(principal.tenant) else { throw APIError.notFound }
        return runtime
    }
}


/// Runs every tenant's timers and simulated network for as long as the application runs.
struct TenantsService: Service {
    let server: SwitchboardServer

    func run() async throws {
        await withDiscardingTaskGroup { group in
            for runtime in server.tenants.all {
                group.addTask { await runtime.run() }
            }
            group.addTask { await server.capacity.run(tenants: server.tenants) }
            // Until the application shuts down (or this service is cancelled).
            try? await gracefulShutdown()
            group.cancelAll()
        }
        for runtime in server.tenants.all { await runtime.shutDown(store: server.store) }
    }
}
