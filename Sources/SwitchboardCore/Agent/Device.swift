/// L2: a SIP phone registered at a dial number, as the SIP provider reported it. The contact
/// center keeps it durably, so a restart neither forgets a phone nor waits for it to register again.
public struct PhoneRegistration: Hashable, Sendable, Codable {
    /// The Contact URI the phone is reached at.
    public var contact: String
    /// The transport address the REGISTER came from (`host:port`), where requests to the phone go.
    public var source: String
    /// When the registration runs out unless the phone refreshes it.
    public var expiresAt: Instant

    public init(contact: String, source: String, expiresAt: Instant) {
        self.contact = contact
        self.source = source
        self.expiresAt = expiresAt
    }
}

/// The phone a station login uses (SIP.md "Agent phones"): the SIP phone registered at the dial
/// number, or, when none is, the simulated phone of the `sim` provider.
public enum StationDevice: String, Hashable, Sendable, Codable {
    case sip
    case sim
}

/// `device` of `GET /v1/me`, `GET /v1/agents` and `AgentDeviceChanged` (SIP.md): what the agent
/// answers calls on, and whether it is reachable now.
public struct DeviceStatus: Hashable, Sendable {
    /// None: the agent is logged out and no phone is registered at their number.
    public var type: StationDevice?
    public var isRegistered: Bool
    /// The registered phone's Contact URI.
    public var contact: String?
    public var expiresAt: Instant?

    public init(type: StationDevice?, isRegistered: Bool, contact: String? = nil, expiresAt: Instant? = nil) {
        self.type = type
        self.isRegistered = isRegistered
        self.contact = contact
        self.expiresAt = expiresAt
    }

    /// Neither logged in nor registered.
    public static let none = DeviceStatus(type: nil, isRegistered: false)
}
