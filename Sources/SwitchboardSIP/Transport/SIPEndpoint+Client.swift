public import NIOCore

/// What happened to a request we sent.
public enum SIPClientEvent: Hashable, Sendable {
    /// A response (provisional ones too; for an INVITE, each 2xx retransmission as well, which
    /// the dialog ACKs).
    case response(SIPResponse)
    /// No final response in time (§17.1.1.2, §17.1.2.2): act as on a 408.
    case timedOut
}

/// A client transaction and who hears about it.
struct ClientEntry<Transaction: Sendable>: Sendable {
    var transaction: Transaction
    let peer: SIPPeer
    let events: @Sendable (SIPClientEvent) -> Void
}

/// Our own requests (§17.1): each goes out through a client transaction — retransmitted over
/// UDP, its responses matched by our branch and the CSeq method, the ACK of a failed INVITE
/// sent for us — and its outcome reported to `events`.
extension SIPEndpoint {
    /// Sends `request` to `peer` (its top Via must be ours, with a fresh `z9hG4bK` branch).
    public func send(_ request: SIPRequest, to peer: SIPPeer, events: @escaping @Sendable (SIPClientEvent) -> Void) {
        loop.execute { [self] in
            guard let key = SIPTransactionKey(clientRequest: request) else {
                events(.timedOut)
                return
            }
            if request.method == .invite {
                let (transaction, actions) = ClientInviteTransaction.start(request, reliable: peer.isReliable, timers: timers)
                inviteClients[key] = ClientEntry(transaction: transaction, peer: peer, events: events)
                runClient(actions, for: key)
            } else {
                let (transaction, actions) = ClientNonInviteTransaction.start(request, reliable: peer.isReliable, timers: timers)
                otherClients[key] = ClientEntry(transaction: transaction, peer: peer, events: events)
                runClient(actions, for: key)
            }
        }
    }

    /// Takes up the client transaction of an INVITE a previous process sent to `peer`, without
    /// sending it again (`ClientInviteTransaction.resume`): its responses are matched and reported
    /// to `events` as for `send`.
    public func resume(_ invite: SIPRequest, to peer: SIPPeer, events: @escaping @Sendable (SIPClientEvent) -> Void) {
        loop.execute { [self] in
            guard invite.method == .invite, let key = SIPTransactionKey(clientRequest: invite) else {
                events(.timedOut)
                return
            }
            let (transaction, actions) = ClientInviteTransaction.resume(invite, reliable: peer.isReliable, timers: timers)
            inviteClients[key] = ClientEntry(transaction: transaction, peer: peer, events: events)
            runClient(actions, for: key)
        }
    }

    /// Sends a request outside any transaction: the ACK of a 2xx (§13.2.2.4), which the dialog
    /// sends again for each retransmitted 2xx.
    public func sendStateless(_ request: SIPRequest, to peer: SIPPeer) {
        loop.execute { [self] in send(.request(request), to: peer) }
    }

    /// Sends a response outside its transaction: a retransmission of a 2xx to an INVITE, which
    /// the dialog's UAS repeats until the ACK arrives (§13.3.1.4).
    public func resend(_ response: SIPResponse, to peer: SIPPeer) {
        loop.execute { [self] in send(.response(response), to: peer) }
    }

    /// A UDP peer at `host`:`port`.
    public static func udpPeer(host: String, port: Int) throws -> SIPPeer {
        .udp(try SocketAddress(ipAddress: host, port: port))
    }

    func receive(response: SIPResponse) {
        // A response nobody asked for is dropped (§18.1.2).
        guard let key = SIPTransactionKey(response: response) else { return }
        advanceClient(key, invite: { $0.receive(response) }, other: { $0.receive(response) })
    }

    func fireClient(_ timer: SIPTimer, for key: SIPTransactionKey) {
        advanceClient(key, invite: { $0.fire(timer) }, other: { $0.fire(timer) })
    }

    /// Runs `invite` or `other` on the open client transaction of `key`, keeps the result and
    /// carries out its actions.
    private func advanceClient(
        _ key: SIPTransactionKey, invite: (inout ClientInviteTransaction) -> [SIPTransactionAction],
        other: (inout ClientNonInviteTransaction) -> [SIPTransactionAction]
    ) {
        if key.method == .invite, var entry = inviteClients[key] {
            let actions = invite(&entry.transaction)
            inviteClients[key] = entry
            runClient(actions, for: key)
        } else if key.method != .invite, var entry = otherClients[key] {
            let actions = other(&entry.transaction)
            otherClients[key] = entry
            runClient(actions, for: key)
        }
    }

    private func runClient(_ actions: [SIPTransactionAction], for key: SIPTransactionKey) {
        let entry: (peer: SIPPeer, events: @Sendable (SIPClientEvent) -> Void)?
        if key.method == .invite {
            entry = inviteClients[key].map { ($0.peer, $0.events) }
        } else {
            entry = otherClients[key].map { ($0.peer, $0.events) }
        }
        guard let entry else { return }
        for action in actions {
            switch action {
            case .send(let message): send(message, to: entry.peer)
            case .deliver(.response(let response)): entry.events(.response(response))
            case .deliver(.request): break
            case .startTimer(let timer, let after): start(TimerKey(transaction: key, isClient: true, timer: timer), after: after)
            case .stopTimer(let timer): scheduled.removeValue(forKey: TimerKey(transaction: key, isClient: true, timer: timer))?.cancel()
            case .timedOut: entry.events(.timedOut)
            case .terminated:
                if key.method == .invite { inviteClients[key] = nil } else { otherClients[key] = nil }
                stopTimers(of: key, isClient: true)
            }
        }
    }
}

extension SIPTransactionKey {
    /// The client transaction of a request we send: our top Via's branch and the method.
    init?(clientRequest request: SIPRequest) {
        guard let via = try? request.headers.vias().first, let branch = via.branch, branch.hasPrefix("z9hG4bK") else { return nil }
        self.init(branch: branch, sentBy: "\(via.host):\(via.port ?? 5060)", method: request.method)
    }
}
