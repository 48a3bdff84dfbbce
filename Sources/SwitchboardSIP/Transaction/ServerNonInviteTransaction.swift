/// A non-INVITE server transaction (RFC 3261 §17.2.2) as a value: the request goes up once; a
/// retransmission is answered with the last response sent (none yet: absorbed); after the final
/// response retransmissions are absorbed for Timer J.
public struct ServerNonInviteTransaction: Sendable {
    public enum State: Hashable, Sendable { case trying, proceeding, completed, terminated }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: SIPTimerValues
    public private(set) var state: State = .trying
    public private(set) var lastResponse: SIPResponse?

    public static func start(_ request: SIPRequest, reliable: Bool, timers: SIPTimerValues = SIPTimerValues()) -> (Self, [SIPTransactionAction]) {
        (Self(request: request, isReliable: reliable, timers: timers), [.deliver(.request(request))])
    }

    private init(request: SIPRequest, isReliable: Bool, timers: SIPTimerValues) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
    }

    /// The request again.
    public mutating func receive(_ request: SIPRequest) -> [SIPTransactionAction] {
        guard state == .proceeding || state == .completed, let lastResponse else { return [] }
        return [.send(.response(lastResponse))]
    }

    public mutating func respond(_ response: SIPResponse) -> [SIPTransactionAction] {
        guard state == .trying || state == .proceeding else { return [] }
        lastResponse = response
        guard response.statusCode >= 200 else {
            state = .proceeding
            return [.send(.response(response))]
        }
        state = .completed
        return [.send(.response(response)), .startTimer(.j, after: isReliable ? .zero : timers.transactionTimeout)]
    }

    public mutating func fire(_ timer: SIPTimer) -> [SIPTransactionAction] {
        guard state == .completed, timer == .j else { return [] }
        state = .terminated
        return [.terminated]
    }
}
