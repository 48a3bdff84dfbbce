/// The timers of RFC 3261 §17 (table 4) and RFC 6026 (L, M). A transaction never sleeps: it
/// asks its owner to start or stop one and is told when it fires.
public enum SIPTimer: Hashable, Sendable {
    /// Client INVITE: retransmit the request (unreliable transports).
    case a
    /// Client INVITE: no response at all.
    case b
    /// Client INVITE: absorb retransmitted final responses after the ACK.
    case d
    /// Client non-INVITE: retransmit the request.
    case e
    /// Client non-INVITE: no final response.
    case f
    /// Client non-INVITE: absorb retransmitted responses.
    case k
    /// Server INVITE: retransmit the final response.
    case g
    /// Server INVITE: no ACK for the final response.
    case h
    /// Server INVITE: absorb retransmitted ACKs.
    case i
    /// Server non-INVITE: absorb retransmitted requests.
    case j
    /// Server INVITE after a 2xx (RFC 6026): absorb retransmitted INVITEs.
    case l
    /// Client INVITE after a 2xx (RFC 6026): pass retransmitted 2xx up.
    case m
}

/// T1, T2 and T4 (§17.1.1.1): defaults 500 ms, 4 s and 5 s; tests may shorten them.
public struct SIPTimerValues: Hashable, Sendable {
    public var t1: Duration
    public var t2: Duration
    public var t4: Duration

    public init(t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5)) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
    }

    /// 64·T1: how long a transaction waits for an answer at most (B, F, H, J, L, M).
    public var transactionTimeout: Duration { t1 * 64 }
}

/// What a transaction asks its owner to do.
public enum SIPTransactionAction: Hashable, Sendable {
    /// Send this message to the peer (a first send or a retransmission).
    case send(SIPMessage)
    /// Pass this message to the transaction user (the dialog or application layer).
    case deliver(SIPMessage)
    case startTimer(SIPTimer, after: Duration)
    case stopTimer(SIPTimer)
    /// No answer in time (B, F: the TU acts as on a 408; H: the ACK never came).
    case timedOut
    /// The transaction is over; its owner forgets it.
    case terminated
}
