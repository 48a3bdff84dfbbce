public import NIOCore
import Synchronization
public import SwitchboardEngine
import SwitchboardSIP

/// The `sip` telephony provider (SIP.md): SIP over UDP and TCP on one port for every tenant. It
/// answers OPTIONS, registers agents' phones (`PhoneRegistrations`), rings them for offers and
/// takes their answers and hang-ups (`PhoneLegs`), takes customers' calls from trunk peers
/// (`CustomerCalls`), and refuses what it does not take: an INVITE from an address that is not a
/// trunk peer gets 403, a BYE or CANCEL outside a call 481, other methods 405 with `Allow`.
/// Its call legs are kept in `ledger`, so that the legs a crash left are ended when it starts again.
public final class SIPProvider: Sendable {
    public let registrations: PhoneRegistrations
    public let phones: PhoneLegs
    public let customers: CustomerCalls
    private let reports: EngineReports
    private let endpoint: SIPEndpoint
    private let ledger: SIPLegLedger

    /// The methods this provider takes (`Allow`).
    static let allowed = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER"

    public init(
        group: any EventLoopGroup, directory: any TenantDirectory, clock: any EngineClock, nonceKey: [UInt8], ledger: SIPLegLedger
    ) {
        let reports = EngineReports()
        let registrations = PhoneRegistrations(directory: directory, clock: clock, nonceKey: nonceKey, reports: reports)
        let parts = Mutex<(PhoneLegs, CustomerCalls)?>(nil)
        let endpoint = SIPEndpoint(group: group) { incoming in
            guard let (phones, customers) = parts.withLock({ $0 }) else { return }
            Self.dispatch(incoming, registrations: registrations, phones: phones, customers: customers)
        }
        let customers = CustomerCalls(endpoint: endpoint, directory: directory, reports: reports, ledger: ledger, group: group)
        let legs = PhoneLegs(
            endpoint: endpoint, registrations: registrations, customers: customers, reports: reports, ledger: ledger, group: group)
        parts.withLock { $0 = (legs, customers) }
        self.reports = reports
        self.registrations = registrations
        self.phones = legs
        self.customers = customers
        self.endpoint = endpoint
        self.ledger = ledger
    }

    /// Listens on UDP and TCP at `host`:`port` (0: a free port), seeds the registrars with the
    /// registrations the tenants kept, and ends on the wire the legs a previous process left
    /// (`LeftoverLegs`); answers the port.
    public func start(host: String, port: Int) async throws -> Int {
        await registrations.restore()
        let bound = try await endpoint.bind(host: host, port: port)
        phones.listening(host: host, port: bound)
        customers.listening(host: host, port: bound)
        LeftoverLegs(endpoint: endpoint, ledger: ledger).end(host: host, port: bound)
        return bound
    }

    /// Reports what the phones did to the engines, in order, and sweeps expired registrations,
    /// until cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.reports.run() }
            await registrations.run()
            reports.finish()
        }
    }

    /// Stops listening.
    public func close() async {
        try? await endpoint.close()
    }

    private static func dispatch(
        _ incoming: SIPIncomingRequest, registrations: PhoneRegistrations, phones: PhoneLegs, customers: CustomerCalls
    ) {
        let request = incoming.request
        // A request in a call (a BYE, CANCEL, ACK or re-INVITE) is that call's.
        if request.method != .register, request.method != .options,
            phones.receive(incoming) || customers.receive(incoming)
        {
            return
        }
        let toTag = "sb" + String(UInt64.random(in: .min ... .max), radix: 16)
        func answer(_ code: Int, _ phrase: String, _ extra: SIPHeaders = SIPHeaders()) {
            incoming.respond(SIPResponse(answering: request, statusCode: code, reasonPhrase: phrase, toTag: toTag, extra: extra))
        }
        switch request.method {
        case .register:
            Task { await registrations.handle(incoming, toTag: toTag) }
        case .options:
            var extra = SIPHeaders()
            extra.append("Allow", allowed)
            extra.append("Accept", "application/sdp")
            answer(200, "OK", extra)
        case .ack:
            break
        case .invite:
            // A trunk peer's call to an entry point (anyone else: 403).
            Task { await customers.arrive(incoming) }
        case .bye, .cancel:
            answer(481, "Call/Transaction Does Not Exist")
        default:
            var extra = SIPHeaders()
            extra.append("Allow", allowed)
            answer(405, "Method Not Allowed", extra)
        }
    }
}
