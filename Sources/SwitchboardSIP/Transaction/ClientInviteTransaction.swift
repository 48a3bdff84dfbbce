/// An INVITE client transaction (RFC 3261 §17.1.1, with RFC 6026's Accepted state) as a value:
/// it sends the INVITE, retransmits it over UDP (Timer A, doubling) until a response or Timer B,
/// ACKs a final non-2xx response itself and absorbs its retransmissions (Timer D), and passes a
/// 2xx and its retransmissions up for the dialog to ACK (Timer M).
public struct ClientInviteTransaction: Sendable {
    public enum State: Hashable, Sendable { case calling, proceeding, completed, accepted, terminated }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: SIPTimerValues
    public private(set) var state: State = .calling
    private var retransmitInterval: Duration
    private var ack: SIPRequest?
    /// Taken up after a restart (`resume`): Timer B bounds its wait in Proceeding too.
    private var isResumed = false

    /// The transaction, and the actions that send the INVITE and start its timers.
    public static func start(_ request: SIPRequest, reliable: Bool, timers: SIPTimerValues = SIPTimerValues()) -> (Self, [SIPTransactionAction]) {
        let transaction = Self(request: request, isReliable: reliable, timers: timers, retransmitInterval: timers.t1)
        var actions: [SIPTransactionAction] = [.send(.request(request))]
        if !reliable { actions.append(.startTimer(.a, after: timers.t1)) }
        actions.append(.startTimer(.b, after: timers.transactionTimeout))
        return (transaction, actions)
    }

    /// The transaction of an INVITE sent before a restart (its responses reach the new process):
    /// it sends nothing and waits as after a provisional answer — a final non-2xx is ACKed, a 2xx
    /// goes up — for at most Timer B, since no one else ends a transaction whose INVITE is not ours.
    public static func resume(_ request: SIPRequest, reliable: Bool, timers: SIPTimerValues = SIPTimerValues()) -> (Self, [SIPTransactionAction]) {
        var transaction = Self(request: request, isReliable: reliable, timers: timers, retransmitInterval: timers.t1)
        transaction.state = .proceeding
        transaction.isResumed = true
        return (transaction, [.startTimer(.b, after: timers.transactionTimeout)])
    }

    private init(request: SIPRequest, isReliable: Bool, timers: SIPTimerValues, retransmitInterval: Duration) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        self.retransmitInterval = retransmitInterval
    }

    /// A response matched to this transaction.
    public mutating func receive(_ response: SIPResponse) -> [SIPTransactionAction] {
        switch (state, response.statusCode) {
        case (.calling, 100..<200), (.proceeding, 100..<200):
            let wasCalling = state == .calling
            state = .proceeding
            let stops: [SIPTransactionAction] = wasCalling ? [.stopTimer(.a), .stopTimer(.b)] : []
            return stops + [.deliver(.response(response))]
        case (.calling, 200..<300), (.proceeding, 200..<300):
            state = .accepted
            return [.stopTimer(.a), .stopTimer(.b), .deliver(.response(response)), .startTimer(.m, after: timers.transactionTimeout)]
        case (.calling, 300...), (.proceeding, 300...):
            state = .completed
            let ack = Self.makeACK(for: request, answeredBy: response)
            self.ack = ack
            return [
                .stopTimer(.a), .stopTimer(.b), .send(.request(ack)), .deliver(.response(response)),
                .startTimer(.d, after: isReliable ? .zero : .seconds(32)),
            ]
        case (.accepted, 200..<300):
            // RFC 6026: each 2xx retransmission goes up; the dialog ACKs it again.
            return [.deliver(.response(response))]
        case (.completed, 300...):
            return ack.map { [.send(.request($0))] } ?? []
        default:
            return []
        }
    }

    public mutating func fire(_ timer: SIPTimer) -> [SIPTransactionAction] {
        switch (state, timer) {
        case (.calling, .a):
            retransmitInterval = retransmitInterval * 2
            return [.send(.request(request)), .startTimer(.a, after: retransmitInterval)]
        case (.calling, .b), (.proceeding, .b) where isResumed:
            state = .terminated
            return [.stopTimer(.a), .timedOut, .terminated]
        case (.completed, .d), (.accepted, .m):
            state = .terminated
            return [.terminated]
        default:
            return []
        }
    }

    /// The transport could not send: the TU hears it as a timeout (§17.1.4).
    public mutating func transportFailed() -> [SIPTransactionAction] {
        guard state != .terminated else { return [] }
        state = .terminated
        return [.stopTimer(.a), .stopTimer(.b), .stopTimer(.d), .stopTimer(.m), .timedOut, .terminated]
    }

    /// §17.1.1.3: the ACK of a non-2xx final response — the INVITE's Request-URI, top Via,
    /// From, Call-ID, CSeq number and Route, the response's To (with its tag).
    static func makeACK(for request: SIPRequest, answeredBy response: SIPResponse) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = request.headers.values("via").first { headers.append("Via", via) }
        headers.append("Max-Forwards", "70")
        if let from = request.headers["from"] { headers.append("From", from) }
        if let to = response.headers["to"] ?? request.headers["to"] { headers.append("To", to) }
        if let callID = request.headers["call-id"] { headers.append("Call-ID", callID) }
        let sequence = (try? SIPCSeq(parsing: request.headers["cseq"] ?? ""))?.sequence ?? 0
        headers.append("CSeq", "\(sequence) ACK")
        for route in request.headers.values("route") { headers.append("Route", route) }
        return SIPRequest(method: .ack, uri: request.uri, headers: headers)
    }
}

