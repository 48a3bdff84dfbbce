/// Which transaction a message belongs to (§17.1.3, §17.2.3): the top Via's branch and sent-by
/// and the method (an ACK matches its INVITE's server transaction; a CANCEL has its own).
/// Only RFC 3261 branches (`z9hG4bK...`) are matched; others have no key.
public struct SIPTransactionKey: Hashable, Sendable {
    public var branch: String
    public var sentBy: String
    public var method: SIPMethod

    init(branch: String, sentBy: String, method: SIPMethod) {
        self.branch = branch
        self.sentBy = sentBy
        self.method = method
    }

    /// The server transaction a request belongs to.
    public init?(request: SIPRequest) {
        guard let via = try? request.headers.vias().first, let branch = via.branch, branch.hasPrefix("z9hG4bK"),
            branch.count > 7
        else { return nil }
        self.branch = branch
        sentBy = "\(via.host):\(via.port ?? 5060)"
        method = request.method == .ack ? .invite : request.method
    }

    /// The client transaction a response belongs to: our own branch, and the CSeq method.
    public init?(response: SIPResponse) {
        guard let via = try? response.headers.vias().first, let branch = via.branch,
            let cseq = try? SIPCSeq(parsing: response.headers["cseq"] ?? "")
        else { return nil }
        self.branch = branch
        sentBy = "\(via.host):\(via.port ?? 5060)"
        method = cseq.method
    }
}
