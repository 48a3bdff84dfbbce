import Synchronization
public import SwitchboardCore
public import SwitchboardEngine
public import SwitchboardSIP

/// L2, SIP.md "Agent phones": REGISTER for every tenant, one registrar per realm (the tenant's
/// name). The digest user is the dial number; its secret is the agent's stored HA1s. Each change
/// of a binding is reported to the tenant's engine in the order the registrar made it, and a phone
/// hears its 200 only once the contact center has stored the registration (a crash never leaves a
/// phone believing it is registered when the contact center does not). Bindings that run out are
/// swept every second; the contact center's registrations seed the registrars after a restart, and
/// a binding the contact center dropped (its number went to another agent) is forgotten here too.
public final class PhoneRegistrations: Sendable {
    private let directory: any TenantDirectory
    private let clock: any EngineClock
    private let nonceKey: [UInt8]
    private let state = Mutex(State())
    private let reports: EngineReports

    /// The registrars, and which report last told the engines about each binding.
    private struct State {
        /// By realm (tenant name).
        var services: [String: RegistrationService] = [:]
        /// The serial of the last report about each binding (by tenant, then dial number).
        var lastReport: [String: [String: UInt64]] = [:]
    }

    /// `nonceKey` signs the challenges' nonces (random per start); changes go out through `reports`.
    public init(directory: any TenantDirectory, clock: any EngineClock, nonceKey: [UInt8], reports: EngineReports) {
        self.directory = directory
        self.clock = clock
        self.nonceKey = nonceKey
        self.reports = reports
    }

    /// The phone registered at `dialNumber` for `tenant`, if any.
    public func binding(of dialNumber: DialNumber, tenant: String) -> Registrar.Binding? {
        state.withLock { $0.services[tenant]?.registrar.bindings[dialNumber.value] }
    }

    /// Seeds the registrars with the registrations the tenants kept (after a restart).
    public func restore() async {
        for engine in directory.engines() {
            let kept = await engine.state.registrations
            state.withLock { state in
                var service = state.services[engine.tenant] ?? makeService(realm: engine.tenant)
                for (number, registration) in kept {
                    service.restore(number, contact: registration.contact, source: registration.source, expiresAt: registration.expiresAt)
                }
                state.services[engine.tenant] = service
            }
        }
    }

    /// Answers a REGISTER.
    public func handle(_ incoming: SIPIncomingRequest, toTag: String) async {
        let request = incoming.request
        let to = try? SIPNameAddress(parsing: request.headers["to"] ?? "")
        let user = to?.sipURI?.user ?? ""
        let engine = await tenant(for: user, host: to?.sipURI?.host ?? "")
        let realm = engine?.tenant ?? "switchboard"
        let configuration = await engine?.configuration
        let now = clock.now()
        let (response, reported): (SIPResponse, Bool) = state.withLock { state in
            var service = state.services[realm] ?? makeService(realm: realm)
            let (response, change) = service.handle(request, from: incoming.peer.hostPort, at: now, toTag: toTag) { user in
                guard let number = try? DialNumber(parsing: user) else { return nil }
                return configuration?.agent(withDialNumber: number)?.sipSecret
            }
            state.services[realm] = service
            guard let engine, let change, let (number, signal) = Self.signal(for: change) else { return (response, false) }
            // Queued under the lock: the engine hears the changes in the registrar's order.
            let serial = reports.queue(signal, to: engine) { incoming.respond(response) }
            state.lastReport[engine.tenant, default: [:]][number] = serial
            return (response, true)
        }
        if !reported { incoming.respond(response) }
    }

    /// Sweeps expired bindings every second until the calling task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            await sweep()
        }
    }

    /// Bindings that ran out are reported gone; those the contact center no longer has (and had
    /// heard of) are forgotten.
    func sweep() async {
        let now = clock.now()
        for engine in directory.engines() {
            // Read after `stored`: the registrations reflect every report up to it.
            let stored = reports.storedThrough
            let kept = await engine.state.registrations
            state.withLock { state in
                guard var service = state.services[engine.tenant] else { return }
                let changes = service.expire(at: now)
                for number in service.registrar.bindings.keys where kept[(try? DialNumber(parsing: number))?.value ?? number] == nil {
                    if state.lastReport[engine.tenant]?[number] ?? 0 <= stored { service.forget(number) }
                }
                state.services[engine.tenant] = service
                for change in changes {
                    guard let (number, signal) = Self.signal(for: change) else { continue }
                    state.lastReport[engine.tenant, default: [:]][number] = reports.queue(signal, to: engine)
                }
                if let serials = state.lastReport[engine.tenant] {
                    state.lastReport[engine.tenant] = serials.filter { $0.value > stored || service.registrar.bindings[$0.key] != nil }
                }
            }
        }
    }

    /// The tenant a REGISTER is for: the one named by the To's host, else the one with an agent
    /// at the dial number, else the only one.
    private func tenant(for user: String, host: String) async -> TenantEngine? {
        let engines = directory.engines()
        if let named = engines.first(where: { $0.tenant == host }) { return named }
        if let number = try? DialNumber(parsing: user) {
            for engine in engines where await engine.configuration.agent(withDialNumber: number) != nil { return engine }
        }
        return engines.count == 1 ? engines[0] : nil
    }

    private func makeService(realm: String) -> RegistrationService {
        RegistrationService(authenticator: DigestAuthenticator(realm: realm, key: nonceKey))
    }

    /// The signal of a registrar's change, with the dial number's text.
    private static func signal(for change: Registrar.Change) -> (String, TelephonySignal)? {
        switch change {
        case .registered(let user, let binding):
            guard let number = try? DialNumber(parsing: user) else { return nil }
            let registration = PhoneRegistration(contact: binding.contact, source: binding.source, expiresAt: binding.expiresAt)
            return (number.value, .deviceRegistered(dialNumber: number, registration))
        case .unregistered(let user):
            guard let number = try? DialNumber(parsing: user) else { return nil }
            return (number.value, .deviceUnregistered(dialNumber: number))
        }
    }
}
