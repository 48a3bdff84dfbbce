public import NIOCore
internal import NIOPosix
internal import Synchronization

/// The media of one call, anchored by the B2BUA (SIP.md "Media"): one UDP socket of ours per
/// party (the customer, each agent's phone), all on one event loop, and `BridgeRouting` saying
/// who hears whom. Two parties that talk hear each other's packets as relayed (symmetric RTP:
/// each is reached where its packets come from); three or more hear a mix of the others, sent
/// every 20 ms. A party that is not talking (on hold, not yet bridged) hears nothing.
public final class MediaBridge: Sendable {
    private struct State {
        var routing = BridgeRouting()
        var channels: [String: any Channel] = [:]
        /// The next 20 ms tick, while anyone hears a mix.
        var mixer: Scheduled<Void>?
        /// Which run of ticks is current: a tick of a stopped run never starts another.
        var mixerRun = 0
        var isClosed = false
    }

    private let host: String
    private let loop: any EventLoop
    private let state = Mutex(State())
    private let allocator = ByteBufferAllocator()

    /// A bridge whose sockets are bound on `host`, on one loop of `group`.
    public init(host: String, on group: any EventLoopGroup) {
        self.host = host
        self.loop = group.next()
    }

    /// Opens `party`'s socket (a free port, or `port`) and answers its port; the same port again
    /// for a party already in.
    public func add(_ party: String, port: Int = 0) async throws -> Int {
        if let existing = state.withLock({ $0.channels[party]?.localAddress?.port }) { return existing }
        let channel = try await DatagramBootstrap(group: loop).channelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port).get()
        try await channel.pipeline.addHandler(MediaPartyHandler(bridge: self, party: party)).get()
        let isAdded = state.withLock { state in
            guard !state.isClosed, state.channels[party] == nil else { return false }
            state.channels[party] = channel
            state.routing.add(party)
            return true
        }
        guard isAdded else {
            try? await channel.close()
            if let existing = state.withLock({ $0.channels[party]?.localAddress?.port }) { return existing }
            throw ChannelError.ioOnClosedChannel
        }
        return channel.localAddress?.port ?? port
    }

    /// Where `party`'s media goes, from its SDP (until its packets say otherwise), and its format.
    public func connect(_ party: String, to address: SocketAddress, format: BridgeRouting.Format) {
        update { $0.connect(party, to: address, format: format) }
    }

    /// The parties that talk together now; the others hear nothing.
    public func setTalking(_ parties: Set<String>) {
        update { $0.setTalking(parties) }
    }

    /// Closes `party`'s socket; the others go on.
    public func remove(_ party: String) async {
        let channel = state.withLock { $0.channels.removeValue(forKey: party) }
        update { $0.remove(party) }
        try? await channel?.close()
    }

    /// What `party` sent us.
    public func counters(for party: String) -> BridgeRouting.Counters { state.withLock { $0.routing.counters(for: party) } }

    /// Who `party` hears now.
    public func heard(by party: String) -> [String] { state.withLock { $0.routing.heard(by: party) } }

    /// Closes every socket.
    public func close() async {
        let (channels, mixer) = state.withLock { state -> ([any Channel], Scheduled<Void>?) in
            state.isClosed = true
            defer {
                state.channels = [:]
                state.mixer = nil
            }
            return (Array(state.channels.values), state.mixer)
        }
        mixer?.cancel()
        for channel in channels { try? await channel.close() }
    }

    /// Changes the routing, and starts or stops the 20 ms mixer as it needs.
    private func update(_ change: (inout BridgeRouting) -> Void) {
        let stopped: Scheduled<Void>? = state.withLock { state in
            change(&state.routing)
            if state.routing.isMixing, state.mixer == nil, !state.isClosed {
                state.mixerRun += 1
                state.mixer = schedule(at: .now() + Self.tick, run: state.mixerRun)
            } else if !state.routing.isMixing, let mixer = state.mixer {
                state.mixer = nil
                return mixer
            }
            return nil
        }
        stopped?.cancel()
    }

    private static let tick = TimeAmount.milliseconds(20)

    /// Ticks keep to their deadlines (each one 20 ms after the last one's, however late that ran),
    /// so the mixes keep pace with the parties' own 20 ms packets.
    private func schedule(at deadline: NIODeadline, run: Int) -> Scheduled<Void> {
        loop.scheduleTask(deadline: deadline) { [weak self] in self?.tick(deadline, run: run) }
    }

    private func tick(_ deadline: NIODeadline, run: Int) {
        let packets = state.withLock { state -> [(any Channel, SocketAddress, ByteBuffer)] in
            guard state.mixer != nil, state.mixerRun == run else { return [] }
            state.mixer = schedule(at: deadline + Self.tick, run: run)
            return state.routing.mix(allocator: allocator).compactMap { to, address, packet in
                state.channels[to].map { ($0, address, packet) }
            }
        }
        for (channel, address, packet) in packets {
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: packet), promise: nil)
        }
    }

    /// A packet arrived on `party`'s socket.
    func received(_ envelope: AddressedEnvelope<ByteBuffer>, from party: String) {
        var packet = envelope.data
        let forward = state.withLock { state -> ((any Channel), SocketAddress)? in
            guard let (to, address) = state.routing.received(&packet, from: party, source: envelope.remoteAddress),
                let channel = state.channels[to]
            else { return nil }
            return (channel, address)
        }
        guard let (channel, address) = forward else { return }
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: packet), promise: nil)
    }
}

/// Hands each datagram of one party's socket to its bridge.
final class MediaPartyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let bridge: MediaBridge
    private let party: String

    init(bridge: MediaBridge, party: String) {
        self.bridge = bridge
        self.party = party
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        bridge.received(unwrapInboundIn(data), from: party)
    }
}
