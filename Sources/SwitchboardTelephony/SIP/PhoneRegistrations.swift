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
    private let reports: AsyncStream<Report>.Continuation
    private let reportStream: AsyncStream<Report>

    /// The registrars, and how far their reports have reached the engines.
    private struct State {
        /// By realm (tenant name).
        var services: [String: RegistrationService] = [:]
        /// The number of the last report about each binding (by tenant, then dial number).
        var lastReport: [String: [String: UInt64]] = [:]
        var reported: UInt64 = 0
        /// Every report up to this number is stored by its engine.
        var stored: UInt64 = 0

        /// Queues a report for `number` of `tenant`; `stored` runs once the engine has stored it.
        mutating func report(
            _ signal: TelephonySignal, number: String, to engine: TenantEngine, on stream: AsyncStream<Report>.Continuation,
            stored: @escaping @Sendable () -> Void
        ) -> Report {
            reported += 1
            lastReport[engine.tenant, default: [:]][number] = reported
            let report = Report(serial: reported, engine: engine, signal: signal, stored: stored)
            stream.yield(report)
            return report
        }
    }

    /// A change for one tenant's engine, and what to do once it is stored.
    private struct Report: Sendable {
        let serial: UInt64
        let engine: TenantEngine
        let signal: TelephonySignal
        let stored: @Sendable () -> Void
    }

    /// `nonceKey` signs the challenges' nonces (random per start).
    public init(directory: any TenantDirectory, clock: any EngineClock, nonceKey: [UInt8]) {
        self.directory = directory
        self.clock = clock
        self.nonceKey = nonceKey
        (reportStream, reports) = AsyncStream.makeStream()
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
        let (response, report): (SIPResponse, Report?) = state.withLock { state in
            var service = state.services[realm] ?? makeService(realm: realm)
            let (response, change) = service.handle(request, from: incoming.peer.hostPort, at: now, toTag: toTag) { user in
                guard let number = try? DialNumber(parsing: user) else { return nil }
                return configuration?.agent(withDialNumber: number)?.sipSecret
            }
            state.services[realm] = service
            guard let engine, let change, let (number, signal) = Self.signal(for: change) else { return (response, nil) }
            // Queued under the lock: the engine hears the changes in the registrar's order.
            let report = state.report(signal, number: number, to: engine, on: reports) { incoming.respond(response) }
            return (response, report)
        }
        if report == nil { incoming.respond(response) }
    }

    /// Reports the changes to the engines in order, and sweeps expired bindings every second,
    /// until the calling task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [self] in
                for await report in reportStream {
                    _ = await report.engine.signal(report.signal)
                    try? await report.engine.settle()
                    state.withLock { $0.stored = report.serial }
                    report.stored()
                }
            }
            group.addTask { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    await sweep()
                }
                reports.finish()
            }
        }
    }

    /// Bindings that ran out are reported gone; those the contact center no longer has (and had
    /// heard of) are forgotten.
    func sweep() async {
        let now = clock.now()
        for engine in directory.engines() {
            // Read after `stored`: the registrations reflect every report up to it.
            let stored = state.withLock { $0.stored }
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
                    _ = state.report(signal, number: number, to: engine, on: reports) {}
                }
                if let reports = state.lastReport[engine.tenant] {
                    state.lastReport[engine.tenant] = reports.filter { $0.value > stored || service.registrar.bindings[$0.key] != nil }
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
