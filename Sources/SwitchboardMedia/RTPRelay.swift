public import NIOCore
internal import NIOPosix
internal import Synchronization

/// A plain RTP relay between two call legs (the B2BUA anchors media, SIP.md "Media"): one UDP
/// socket per leg on a port of ours; what arrives on one leg's socket leaves by the other's, to
/// that leg's address. A leg's address is what its SDP said until its first packet arrives,
/// then where its packets come from (symmetric RTP: a phone behind NAT is reached where it
/// is). Packets are forwarded as they are, in the same buffer; what is not RTP is dropped.
public final class RTPRelay: Sendable {
    /// One side of the relay.
    public enum Leg: Int, Sendable {
        case a = 0
        case b = 1

        var other: Leg { self == .a ? .b : .a }
    }

    /// Counts for a leg's inbound direction.
    public struct Counters: Hashable, Sendable {
        public var forwarded = 0
        public var dropped = 0
    }

    private struct State {
        /// Packets cross between the legs only while the two are bridged (not on hold).
        var isForwarding = true
        var remotes: [SocketAddress?] = [nil, nil]
        var latched = [false, false]
        var counters = [Counters(), Counters()]
        var channels: [(any Channel)?] = [nil, nil]
    }

    private let state = Mutex(State())
    /// The local port of each leg.
    public let ports: (a: Int, b: Int)

    private init(ports: (Int, Int)) {
        self.ports = ports
    }

    /// A relay on `host` at ports `a` and `b` (0: any free one).
    public static func bind(host: String, a: Int, b: Int, on group: any EventLoopGroup) async throws -> RTPRelay {
        let loop = group.next()
        let first = try await Self.socket(host: host, port: a, on: loop)
        let second: any Channel
        do { second = try await Self.socket(host: host, port: b, on: loop) } catch {
            try? await first.close()
            throw error
        }
        let relay = RTPRelay(ports: (first.localAddress?.port ?? a, second.localAddress?.port ?? b))
        relay.state.withLock { $0.channels = [first, second] }
        try await first.pipeline.addHandler(RTPLegHandler(relay: relay, leg: .a)).get()
        try await second.pipeline.addHandler(RTPLegHandler(relay: relay, leg: .b)).get()
        return relay
    }

    private static func socket(host: String, port: Int, on loop: any EventLoop) async throws -> any Channel {
        try await DatagramBootstrap(group: loop).channelOption(.socketOption(.so_reuseaddr), value: 1).bind(host: host, port: port).get()
    }

    /// Where a leg's media goes, from its SDP (until its own packets say otherwise).
    public func setRemote(_ address: SocketAddress, for leg: Leg) {
        state.withLock { state in
            if !state.latched[leg.rawValue] { state.remotes[leg.rawValue] = address }
        }
    }

    public func counters(for leg: Leg) -> Counters { state.withLock { $0.counters[leg.rawValue] } }

    /// Bridges the two legs (`true`, the start) or keeps each from hearing the other (a hold):
    /// packets that arrive meanwhile are counted as dropped.
    public func setForwarding(_ forwarding: Bool) {
        state.withLock { $0.isForwarding = forwarding }
    }

    /// A packet arrived on `leg`'s socket from `source`.
    func received(_ envelope: AddressedEnvelope<ByteBuffer>, on leg: Leg) {
        let (destination, channel) = state.withLock { state -> (SocketAddress?, (any Channel)?) in
            guard RTPHeader(envelope.data) != nil else {
                state.counters[leg.rawValue].dropped += 1
                return (nil, nil)
            }
            if state.remotes[leg.rawValue] != envelope.remoteAddress || !state.latched[leg.rawValue] {
                state.remotes[leg.rawValue] = envelope.remoteAddress
                state.latched[leg.rawValue] = true
            }
            guard state.isForwarding, let destination = state.remotes[leg.other.rawValue],
                let channel = state.channels[leg.other.rawValue]
            else {
                state.counters[leg.rawValue].dropped += 1
                return (nil, nil)
            }
            state.counters[leg.rawValue].forwarded += 1
            return (destination, channel)
        }
        guard let destination, let channel else { return }
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: envelope.data), promise: nil)
    }

    /// Closes both sockets.
    public func close() async throws {
        let channels = state.withLock { state -> [any Channel] in
            defer { state.channels = [nil, nil] }
            return state.channels.compactMap(\.self)
        }
        for channel in channels { try? await channel.close() }
    }
}

/// Hands each datagram of one leg's socket to the relay.
final class RTPLegHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let relay: RTPRelay
    private let leg: RTPRelay.Leg

    init(relay: RTPRelay, leg: RTPRelay.Leg) {
        self.relay = relay
        self.leg = leg
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        relay.received(unwrapInboundIn(data), on: leg)
    }
}
