public import NIOCore
internal import NIOPosix

/// SIP over UDP and TCP on one port (RFC 3261 §18): the NIO channels, the server transactions
/// (§17.2) keyed by branch, sent-by and method, and their timers on the event loop. A request
/// that starts a transaction reaches the transaction user once (`handler`), whatever the
/// retransmissions; its answers go back through the transaction, which retransmits and
/// absorbs as §17 says. Malformed requests get their 400 (or 505) when they carry a Via to
/// answer to; responses never get an answer. Requests of our own go out through client
/// transactions (`SIPEndpoint+Client.swift`). All state lives on `loop`.
public final class SIPEndpoint: @unchecked Sendable {
    public let loop: any EventLoop
    private let group: any EventLoopGroup
    let timers: SIPTimerValues
    private let handler: @Sendable (SIPIncomingRequest) -> Void

    // On `loop` only.
    var udpChannel: (any Channel)?
    var tcpChannel: (any Channel)?
    var connections: [ObjectIdentifier: any Channel] = [:]
    var inviteServers: [SIPTransactionKey: (ServerInviteTransaction, SIPPeer)] = [:]
    var otherServers: [SIPTransactionKey: (ServerNonInviteTransaction, SIPPeer)] = [:]
    var inviteClients: [SIPTransactionKey: ClientEntry<ClientInviteTransaction>] = [:]
    var otherClients: [SIPTransactionKey: ClientEntry<ClientNonInviteTransaction>] = [:]
    var scheduled: [TimerKey: Scheduled<Void>] = [:]

    /// Which side of which transaction a timer belongs to.
    struct TimerKey: Hashable {
        let transaction: SIPTransactionKey
        let isClient: Bool
        let timer: SIPTimer
    }

    /// The most server transactions open at once; past it a new request is answered 503 with
    /// Retry-After statelessly (a flood cannot grow the tables without bound).
    public let maximumServerTransactions: Int

    /// `handler` gets each new request (on the endpoint's event loop).
    public init(
        group: any EventLoopGroup, timers: SIPTimerValues = SIPTimerValues(), maximumServerTransactions: Int = 20_000,
        handler: @escaping @Sendable (SIPIncomingRequest) -> Void
    ) {
        self.group = group
        self.loop = group.next()
        self.timers = timers
        self.maximumServerTransactions = maximumServerTransactions
        self.handler = handler
    }

    /// Listens on UDP and TCP at `host`:`port` (0: a free port, the same for both); answers the port.
    public func bind(host: String, port: Int) async throws -> Int {
        let udp = try await DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SIPDatagramHandler(endpoint: self))
                }
            }
            .bind(host: host, port: port).get()
        let bound = udp.localAddress?.port ?? port
        let tcp: any Channel
        do {
            tcp = try await ServerBootstrap(group: loop)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(SIPStreamHandler(endpoint: self))
                    }
                }
                .bind(host: host, port: bound).get()
        } catch {
            try? await udp.close()
            throw error
        }
        try await loop.submit { [self] in
            udpChannel = udp
            tcpChannel = tcp
        }.get()
        return bound
    }

    /// Stops listening, closes every connection and forgets the transactions.
    public func close() async throws {
        let channels = try await loop.submit { [self] () -> [any Channel] in
            for task in scheduled.values { task.cancel() }
            scheduled = [:]
            inviteServers = [:]
            otherServers = [:]
            inviteClients = [:]
            otherClients = [:]
            defer {
                udpChannel = nil
                tcpChannel = nil
                connections = [:]
            }
            return [udpChannel, tcpChannel].compactMap(\.self) + Array(connections.values)
        }.get()
        for channel in channels { try? await channel.close() }
    }

    // MARK: Inbound (on the loop)

    func connectionOpened(_ channel: any Channel) { connections[ObjectIdentifier(channel)] = channel }

    func connectionClosed(_ channel: any Channel) { connections[ObjectIdentifier(channel)] = nil }

    func receive(bytes: [UInt8], from peer: SIPPeer) {
        // A datagram of only line ends is a keep-alive (RFC 5626 §3.5.1).
        guard bytes.contains(where: { $0 != SIPGrammar.carriageReturn && $0 != SIPGrammar.lineFeed }) else { return }
        do {
            receive(message: try SIPParser.parse(datagram: bytes), from: peer)
        } catch {
            refuse(error, from: peer)
        }
    }

    func receive(message: SIPMessage, from peer: SIPPeer) {
        loop.preconditionInEventLoop()
        guard case .request(let request) = message else {
            if case .response(let response) = message { receive(response: response) }
            return
        }
        guard let key = SIPTransactionKey(request: request) else {
            // No RFC 3261 branch: the TU answers statelessly.
            if request.method != .ack { handler(SIPIncomingRequest(request: request, peer: peer, key: nil, endpoint: self)) }
            return
        }
        let isNew = key.method == .invite ? inviteServers[key] == nil && request.method != .ack : otherServers[key] == nil
        if isNew, inviteServers.count + otherServers.count >= maximumServerTransactions {
            var extra = SIPHeaders()
            extra.append("Retry-After", "5")
            send(.response(SIPResponse(answering: request, statusCode: 503, reasonPhrase: "Service Unavailable", toTag: "sb-overload", extra: extra)), to: peer)
            return
        }
        if advanceServer(key, invite: { $0.receive(request) }, other: { $0.receive(request) }) { return }
        if request.method == .ack {
            // The ACK of a 2xx after the transaction is gone: the dialog's.
            handler(SIPIncomingRequest(request: request, peer: peer, key: nil, endpoint: self))
        } else if key.method == .invite {
            let (transaction, actions) = ServerInviteTransaction.start(request, reliable: peer.isReliable, timers: timers)
            inviteServers[key] = (transaction, peer)
            run(actions, for: key, peer: peer)
        } else {
            let (transaction, actions) = ServerNonInviteTransaction.start(request, reliable: peer.isReliable, timers: timers)
            otherServers[key] = (transaction, peer)
            run(actions, for: key, peer: peer)
        }
    }

    /// Runs `invite` or `other` on the open server transaction of `key` (by the key's method),
    /// keeps the result and carries out its actions; false when no such transaction is open.
    @discardableResult
    private func advanceServer(
        _ key: SIPTransactionKey, invite: (inout ServerInviteTransaction) -> [SIPTransactionAction],
        other: (inout ServerNonInviteTransaction) -> [SIPTransactionAction]
    ) -> Bool {
        if key.method == .invite {
            guard case (var transaction, let origin)? = inviteServers[key] else { return false }
            let actions = invite(&transaction)
            inviteServers[key] = (transaction, origin)
            run(actions, for: key, peer: origin)
        } else {
            guard case (var transaction, let origin)? = otherServers[key] else { return false }
            let actions = other(&transaction)
            otherServers[key] = (transaction, origin)
            run(actions, for: key, peer: origin)
        }
        return true
    }

    /// The 400 (or 505) to a malformed request, when what was read says where to send it.
    func refuse(_ error: SIPParseError, from peer: SIPPeer) {
        guard error.isRequest, let headers = error.headers, headers.contains("via") else { return }
        // A stateless answer: a fixed To tag (§8.2.6.2 asks for one; no dialog follows).
        send(.response(SIPResponse(answering: headers, statusCode: error.statusCode, reasonPhrase: error.reason, toTag: "sb-refused")), to: peer)
    }

    // MARK: Answers

    func respond(to incoming: SIPIncomingRequest, with response: SIPResponse) {
        loop.execute { [self] in
            guard let key = incoming.key else {
                send(.response(response), to: incoming.peer)
                return
            }
            // An ACK is never answered.
            guard incoming.request.method != .ack else { return }
            advanceServer(key, invite: { $0.respond(response) }, other: { $0.respond(response) })
        }
    }

    func run(_ actions: [SIPTransactionAction], for key: SIPTransactionKey, peer: SIPPeer) {
        for action in actions {
            switch action {
            case .send(let message):
                send(message, to: peer)
            case .deliver(.request(let request)):
                handler(SIPIncomingRequest(request: request, peer: peer, key: key, endpoint: self))
            case .deliver(.response):
                break
            case .startTimer(let timer, let after):
                start(TimerKey(transaction: key, isClient: false, timer: timer), after: after)
            case .stopTimer(let timer):
                scheduled.removeValue(forKey: TimerKey(transaction: key, isClient: false, timer: timer))?.cancel()
            case .timedOut:
                break
            case .terminated:
                if key.method == .invite { inviteServers[key] = nil } else { otherServers[key] = nil }
                stopTimers(of: key, isClient: false)
            }
        }
    }

    func start(_ timerKey: TimerKey, after: Duration) {
        scheduled[timerKey]?.cancel()
        scheduled[timerKey] = loop.scheduleTask(in: .nanoseconds(after.wholeNanoseconds)) { [self] in
            scheduled[timerKey] = nil
            if timerKey.isClient {
                fireClient(timerKey.timer, for: timerKey.transaction)
            } else {
                fire(timerKey.timer, for: timerKey.transaction)
            }
        }
    }

    func stopTimers(of key: SIPTransactionKey, isClient: Bool) {
        for timerKey in scheduled.keys where timerKey.transaction == key && timerKey.isClient == isClient {
            scheduled.removeValue(forKey: timerKey)?.cancel()
        }
    }

    private func fire(_ timer: SIPTimer, for key: SIPTransactionKey) {
        advanceServer(key, invite: { $0.fire(timer) }, other: { $0.fire(timer) })
    }

    func send(_ message: SIPMessage, to peer: SIPPeer) {
        var buffer = ByteBuffer()
        buffer.writeBytes(message.bytes)
        switch peer.transport {
        case .udp:
            udpChannel?.writeAndFlush(AddressedEnvelope(remoteAddress: peer.address, data: buffer), promise: nil)
        case .tcp:
            guard let connection = peer.connection.flatMap({ connections[$0] }) else { return }
            connection.writeAndFlush(buffer, promise: nil)
        }
    }

    /// The transactions open now (for tests and metrics).
    public func openTransactions() async throws -> Int {
        try await loop.submit { [self] in inviteServers.count + otherServers.count + inviteClients.count + otherClients.count }.get()
    }
}

extension Duration {
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
