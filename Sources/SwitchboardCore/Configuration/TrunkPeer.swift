/// L1, SIP.md "Calls": a carrier or PBX that exchanges calls with the contact center over SIP.
/// Its INVITEs are customers' calls to an entry point's number; outbound calls leave through the
/// peers marked `outbound`, in order. Nobody else can place calls through it.
public struct TrunkPeer: Hashable, Sendable, Codable, Identifiable {
    public var id: TrunkPeerID
    public var name: String
    /// The peer's IP address: an INVITE from it is its call.
    public var address: String
    /// Where calls to the peer go (5060 when none); inbound INVITEs must come from it too when
    /// `matchesPort`, else from any port of `address`.
    public var port: Int?
    public var matchesPort: Bool
    /// It may send the contact center customers' calls.
    public var inbound: Bool
    /// Outbound calls may leave through it.
    public var outbound: Bool
    /// Digest credentials: the peer answers our challenge for its INVITEs with them, and we
    /// answer its challenges on outbound calls. The password is never shown.
    public var username: String?
    public var password: String?

    public init(
        id: TrunkPeerID, name: String, address: String, port: Int? = nil, matchesPort: Bool = false, inbound: Bool = true,
        outbound: Bool = true, username: String? = nil, password: String? = nil
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.port = port
        self.matchesPort = matchesPort
        self.inbound = inbound
        self.outbound = outbound
        self.username = username
        self.password = password
    }

    public static let defaultPort = 5060

    /// Whether a request from `address`:`port` is this peer's.
    public func sent(fromAddress address: String, port: Int) -> Bool {
        address == self.address && (!matchesPort || port == (self.port ?? Self.defaultPort))
    }
}
