/// A non-INVITE client transaction (RFC 3261 §17.1.2) as a value: the request is retransmitted
/// over UDP (Timer E, doubling up to T2, then every T2 once a provisional came) until a final
/// response or Timer F; retransmitted responses are absorbed for Timer K.
public struct ClientNonInviteTransaction: Sendable {
    public enum State: Hashable, Sendable { case trying, proceeding, completed, terminated }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: SIPTimerValues
    public private(set) var state: State = .trying
    private var retransmitInterval: Duration

    public static func start(_ request: SIPRequest, reliable: Bool, timers: SIPTimerValues = SIPTimerValues()) -> (Self, [SIPTransactionAction]) {
        let transaction = Self(request: request, isReliable: reliable, timers: timers, retransmitInterval: timers.t1)
        var actions: [SIPTransactionAction] = [.send(.request(request))]
        if !reliable { actions.append(.startTimer(.e, after: timers.t1)) }
        actions.append(.startTimer(.f, after: timers.transactionTimeout))
        return (transaction, actions)
    }

    private init(request: SIPRequest, isReliable: Bool, timers: SIPTimerValues, retransmitInterval: Duration) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        self.retransmitInterval = retransmitInterval
    }

    public mutating func receive(_ response: SIPResponse) -> [SIPTransactionAction] {
        switch (state, response.statusCode) {
        case (.trying, 100..<200), (.proceeding, 100..<200):
            state = .proceeding
            return [.deliver(.response(response))]
        case (.trying, 200...), (.proceeding, 200...):
            state = .completed
            return [.stopTimer(.e), .stopTimer(.f), .deliver(.response(response)),
                    .startTimer(.k, after: isReliable ? .zero : timers.t4)]
        default:
            return []
        }
    }

    public mutating func fire(_ timer: SIPTimer) -> [SIPTransactionAction] {
        switch (state, timer) {
        case (.trying, .e):
            retransmitInterval = min(retransmitInterval * 2, timers.t2)
            return [.send(.request(request)), .startTimer(.e, after: retransmitInterval)]
        case (.proceeding, .e):
            return [.send(.request(request)), .startTimer(.e, after: timers.t2)]
        case (.trying, .f), (.proceeding, .f):
            state = .terminated
            return [.stopTimer(.e), .timedOut, .terminated]
        case (.completed, .k):
            state = .terminated
            return [.terminated]
        default:
            return []
        }
    }
}
