public import NIOCore

/// Where a message came from, and where its answer goes: a UDP address, or a TCP connection.
/// Responses go back the way the request came (over UDP to its source address and port, as
/// `rport` asks, RFC 3581), so a phone behind NAT hears them.
public struct SIPPeer: Hashable, Sendable, CustomStringConvertible {
    public enum Transport: String, Hashable, Sendable {
        case udp = "UDP"
        case tcp = "TCP"
    }

    public let transport: Transport
    public let address: SocketAddress
    /// The TCP connection the message came on (nil for UDP).
    let connection: ObjectIdentifier?

    public var isReliable: Bool { transport == .tcp }

    static func udp(_ address: SocketAddress) -> SIPPeer { SIPPeer(transport: .udp, address: address, connection: nil) }

    static func tcp(_ address: SocketAddress, _ connection: ObjectIdentifier) -> SIPPeer {
        SIPPeer(transport: .tcp, address: address, connection: connection)
    }

    /// `host:port` of the peer.
    public var hostPort: String {
        let host = address.ipAddress ?? "unknown"
        let port = address.port ?? 0
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    public var description: String { "\(transport.rawValue) \(hostPort)" }
}

/// A request that reached the transaction user: answer it with `respond(_:)` (any number of
/// provisional responses, then one final one), from any thread.
public struct SIPIncomingRequest: Sendable {
    public let request: SIPRequest
    public let peer: SIPPeer
    let key: SIPTransactionKey?
    let endpoint: SIPEndpoint

    public func respond(_ response: SIPResponse) {
        endpoint.respond(to: self, with: response)
    }
}
