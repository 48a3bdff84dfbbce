/// A dialog (RFC 3261 §12) as a value: its id (Call-ID and the two tags), both URIs, the route
/// set, the remote target and both CSeq counters. It is made from the request and response that
/// create it, on either side; it makes the requests inside it (BYE, re-INVITE, the ACK of a 2xx)
/// and checks the ones that arrive (in order; a target refresh moves the remote target). It is
/// Codable so that a provider can keep it and end the dialog after a restart.
/// Loose routing only (`;lr`, RFC 3261 §16.12); a strict route set is refused when the dialog is made.
public struct SIPDialog: Hashable, Sendable, Codable {
    /// Call-ID, local tag, remote tag: the same dialog on both sides has the tags swapped.
    public struct ID: Hashable, Sendable, Codable {
        public var callID: String
        public var localTag: String
        public var remoteTag: String

        public init(callID: String, localTag: String, remoteTag: String) {
            self.callID = callID
            self.localTag = localTag
            self.remoteTag = remoteTag
        }
    }

    public enum State: Hashable, Sendable, Codable {
        /// A provisional response with a To tag made it; the INVITE is not answered yet.
        case early
        case confirmed
        case terminated
    }

    public private(set) var id: ID
    public private(set) var state: State
    /// Our address of record and the peer's (From and To without their tags).
    public let localURI: String
    public let remoteURI: String
    /// Where requests in the dialog go: the peer's Contact, until a target refresh.
    public private(set) var remoteTarget: String
    /// `Route` values for requests in the dialog, in the order they are sent.
    public let routeSet: [String]
    public private(set) var localSequence: UInt32
    public private(set) var remoteSequence: UInt32?
    /// Our Contact, sent in target-refresh requests.
    public let localContact: String

    /// Why a dialog cannot be made or a request in it is refused.
    public struct Refusal: Error, Hashable, Sendable {
        public let statusCode: Int
        public let reason: String
    }

    /// The caller's side (UAC, §12.1.2): from our INVITE and a 1xx (with a To tag) or 2xx answer.
    public init(sent request: SIPRequest, answer response: SIPResponse, localContact: String) throws(Refusal) {
        guard let from = try? SIPNameAddress(parsing: request.headers["from"] ?? ""), let localTag = from.tag,
            let to = try? SIPNameAddress(parsing: response.headers["to"] ?? ""), let remoteTag = to.tag,
            let callID = request.headers["call-id"], let cseq = try? SIPCSeq(parsing: request.headers["cseq"] ?? "")
        else { throw Refusal(statusCode: 400, reason: "The answer does not make a dialog") }
        let target = response.headers.values("contact").first.flatMap { try? SIPNameAddress(parsing: $0) }?.uri
        guard let target else { throw Refusal(statusCode: 400, reason: "The answer has no Contact") }
        let routes = Array(response.headers.values("record-route").reversed())
        try Self.requireLooseRouting(routes)
        id = ID(callID: callID, localTag: localTag, remoteTag: remoteTag)
        state = response.statusCode < 200 ? .early : .confirmed
        localURI = from.uri
        remoteURI = to.uri
        remoteTarget = target
        routeSet = routes
        localSequence = cseq.sequence
        remoteSequence = nil
        self.localContact = localContact
    }

    /// The callee's side (UAS, §12.1.1): from an INVITE that arrived, answered with `localTag`.
    public init(received request: SIPRequest, localTag: String, localContact: String, early: Bool = false) throws(Refusal) {
        guard let from = try? SIPNameAddress(parsing: request.headers["from"] ?? ""), let remoteTag = from.tag,
            let to = try? SIPNameAddress(parsing: request.headers["to"] ?? ""), let callID = request.headers["call-id"],
            let cseq = try? SIPCSeq(parsing: request.headers["cseq"] ?? "")
        else { throw Refusal(statusCode: 400, reason: "The request does not make a dialog") }
        guard let target = request.headers.values("contact").first.flatMap({ try? SIPNameAddress(parsing: $0) })?.uri else {
            throw Refusal(statusCode: 400, reason: "Missing Contact")
        }
        let routes = request.headers.values("record-route")
        try Self.requireLooseRouting(routes)
        id = ID(callID: callID, localTag: localTag, remoteTag: remoteTag)
        state = early ? .early : .confirmed
        localURI = to.uri
        remoteURI = from.uri
        remoteTarget = target
        routeSet = routes
        localSequence = 0
        remoteSequence = cseq.sequence
        self.localContact = localContact
    }

    private static func requireLooseRouting(_ routes: [String]) throws(Refusal) {
        for route in routes {
            guard let uri = (try? SIPNameAddress(parsing: route))?.sipURI, uri.parameters.contains("lr") else {
                throw Refusal(statusCode: 400, reason: "Strict routing is not supported")
            }
        }
    }

    /// The 2xx came (an early dialog is confirmed).
    public mutating func confirm() {
        if state == .early { state = .confirmed }
    }

    /// BYE sent or received, or the INVITE failed.
    public mutating func terminate() { state = .terminated }

    /// A new request in the dialog (§12.2.1.1): the next CSeq, Request-URI the remote target,
    /// the route set, our Contact for a target refresh (INVITE, UPDATE). `via` is the new branch's.
    public mutating func makeRequest(_ method: SIPMethod, via: SIPVia, body: [UInt8] = [], contentType: String? = nil) -> SIPRequest {
        precondition(method != .ack && method != .cancel, "ACK and CANCEL take the INVITE's CSeq")
        localSequence += 1
        return request(method, sequence: localSequence, via: via, body: body, contentType: contentType)
    }

    /// The ACK of a 2xx to our INVITE of `sequence` (§13.2.2.4): a new transaction, the INVITE's number.
    public func makeACK(forInviteSequence sequence: UInt32, via: SIPVia, body: [UInt8] = [], contentType: String? = nil) -> SIPRequest {
        request(.ack, sequence: sequence, via: via, body: body, contentType: contentType)
    }

    private func request(_ method: SIPMethod, sequence: UInt32, via: SIPVia, body: [UInt8], contentType: String?) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", via.description)
        headers.append("Max-Forwards", "70")
        headers.append("From", "<\(localURI)>;tag=\(id.localTag)")
        headers.append("To", "<\(remoteURI)>;tag=\(id.remoteTag)")
        headers.append("Call-ID", id.callID)
        headers.append("CSeq", "\(sequence) \(method)")
        for route in routeSet { headers.append("Route", route) }
        if method == .invite || method == .update { headers.append("Contact", "<\(localContact)>") }
        if let contentType, !body.isEmpty { headers.append("Content-Type", contentType) }
        return SIPRequest(method: method, uri: remoteTarget, headers: headers, body: body)
    }

    /// A request from the peer in this dialog (§12.2.2): refused when its CSeq is not above the
    /// last (500), else taken; a re-INVITE or UPDATE with a Contact moves the remote target.
    public mutating func receive(_ request: SIPRequest) throws(Refusal) {
        guard let cseq = try? SIPCSeq(parsing: request.headers["cseq"] ?? "") else { throw Refusal(statusCode: 400, reason: "Bad CSeq") }
        if request.method != .ack && request.method != .cancel {
            if let last = remoteSequence, cseq.sequence <= last { throw Refusal(statusCode: 500, reason: "CSeq out of order") }
            remoteSequence = cseq.sequence
        }
        if request.method == .invite || request.method == .update,
            let target = request.headers.values("contact").first.flatMap({ try? SIPNameAddress(parsing: $0) })?.uri
        {
            remoteTarget = target
        }
        if request.method == .bye { state = .terminated }
    }

    /// The dialog a request belongs to, seen from our side: its To tag is ours, its From tag theirs.
    public static func id(ofReceived request: SIPRequest) -> ID? {
        guard let callID = request.headers["call-id"],
            let local = (try? SIPNameAddress(parsing: request.headers["to"] ?? ""))?.tag,
            let remote = (try? SIPNameAddress(parsing: request.headers["from"] ?? ""))?.tag
        else { return nil }
        return ID(callID: callID, localTag: local, remoteTag: remote)
    }
}
