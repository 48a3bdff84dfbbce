public import NIOCore
public import SwitchboardEngine
public import SwitchboardSIP

/// The `sip` telephony provider (SIP.md): SIP over UDP and TCP on one port for every tenant. It
/// answers OPTIONS, registers agents' phones (`PhoneRegistrations`) and refuses what it does not
/// take: an INVITE from an address that is not a trunk peer gets 403, a BYE or CANCEL outside a
/// call 481, other methods 405 with `Allow`.
public final class SIPProvider: Sendable {
    public let registrations: PhoneRegistrations
    private let endpoint: SIPEndpoint

    /// The methods this provider takes (`Allow`).
    static let allowed = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER"

    public init(group: any EventLoopGroup, directory: any TenantDirectory, clock: any EngineClock, nonceKey: [UInt8]) {
        let registrations = PhoneRegistrations(directory: directory, clock: clock, nonceKey: nonceKey)
        self.registrations = registrations
        endpoint = SIPEndpoint(group: group) { incoming in Self.dispatch(incoming, registrations: registrations) }
    }

    /// Listens on UDP and TCP at `host`:`port` (0: a free port) and seeds the registrars with the
    /// registrations the tenants kept; answers the port.
    public func start(host: String, port: Int) async throws -> Int {
        await registrations.restore()
        return try await endpoint.bind(host: host, port: port)
    }

    /// Reports registration changes and sweeps expired bindings until cancelled.
    public func run() async {
        await registrations.run()
    }

    /// Stops listening.
    public func close() async {
        try? await endpoint.close()
    }

    private static func dispatch(_ incoming: SIPIncomingRequest, registrations: PhoneRegistrations) {
        let request = incoming.request
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
            answer(403, "Forbidden")
        case .bye, .cancel:
            answer(481, "Call/Transaction Does Not Exist")
        default:
            var extra = SIPHeaders()
            extra.append("Allow", allowed)
            answer(405, "Method Not Allowed", extra)
        }
    }
}
