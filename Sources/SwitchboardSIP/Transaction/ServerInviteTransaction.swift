/// An INVITE server transaction (RFC 3261 §17.2.1, with RFC 6026's Accepted state) as a value:
/// it answers 100 Trying at once, resends the last response when the INVITE is retransmitted,
/// retransmits a final non-2xx response over UDP (Timer G) until the ACK or Timer H, absorbs
/// ACK retransmissions (Timer I), and after a 2xx absorbs retransmitted INVITEs (Timer L) while
/// the dialog retransmits the 2xx itself.
public struct ServerInviteTransaction: Sendable {
    public enum State: Hashable, Sendable { case proceeding, completed, confirmed, accepted, terminated }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: SIPTimerValues
    public private(set) var state: State = .proceeding
    /// The response sent last (resent for a retransmitted INVITE).
    public private(set) var lastResponse: SIPResponse
    private var retransmitInterval: Duration

    /// The transaction for a new INVITE, and the actions: 100 Trying to the peer, the INVITE up.
    public static func start(_ request: SIPRequest, reliable: Bool, timers: SIPTimerValues = SIPTimerValues()) -> (Self, [SIPTransactionAction]) {
        let trying = SIPResponse(answering: request, statusCode: 100, reasonPhrase: "Trying")
        let transaction = Self(request: request, isReliable: reliable, timers: timers, lastResponse: trying, retransmitInterval: timers.t1)
        return (transaction, [.send(.response(trying)), .deliver(.request(request))])
    }

    private init(request: SIPRequest, isReliable: Bool, timers: SIPTimerValues, lastResponse: SIPResponse, retransmitInterval: Duration) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        self.lastResponse = lastResponse
        self.retransmitInterval = retransmitInterval
    }

    /// A request matched to this transaction: the INVITE again, or the ACK of a non-2xx answer.
    public mutating func receive(_ request: SIPRequest) -> [SIPTransactionAction] {
        switch (state, request.method) {
        case (.proceeding, .invite), (.completed, .invite):
            return [.send(.response(lastResponse))]
        case (.completed, .ack):
            state = .confirmed
            return [.stopTimer(.g), .stopTimer(.h), .startTimer(.i, after: isReliable ? .zero : timers.t4)]
        case (.accepted, .ack):
            // RFC 6026: the ACK of a 2xx is the dialog's.
            return [.deliver(.request(request))]
        default:
            return []
        }
    }

    /// The transaction user answers.
    public mutating func respond(_ response: SIPResponse) -> [SIPTransactionAction] {
        guard state == .proceeding else { return [] }
        lastResponse = response
        switch response.statusCode {
        case 100..<200:
            return [.send(.response(response))]
        case 200..<300:
            state = .accepted
            return [.send(.response(response)), .startTimer(.l, after: timers.transactionTimeout)]
        default:
            state = .completed
            var actions: [SIPTransactionAction] = [.send(.response(response))]
            if !isReliable { actions.append(.startTimer(.g, after: timers.t1)) }
            actions.append(.startTimer(.h, after: timers.transactionTimeout))
            return actions
        }
    }

    public mutating func fire(_ timer: SIPTimer) -> [SIPTransactionAction] {
        switch (state, timer) {
        case (.completed, .g):
            retransmitInterval = min(retransmitInterval * 2, timers.t2)
            return [.send(.response(lastResponse)), .startTimer(.g, after: retransmitInterval)]
        case (.completed, .h):
            state = .terminated
            return [.stopTimer(.g), .timedOut, .terminated]
        case (.confirmed, .i), (.accepted, .l):
            state = .terminated
            return [.terminated]
        default:
            return []
        }
    }
}
