/// Why bytes are not a SIP message the server can act on, and the response it answers with:
/// 400 with the reason in the phrase (§21.4.1), or 505 for another SIP version (§21.5.6). Any
/// header fields read before the problem are kept, so the answer can reach the sender.
public struct SIPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        case badRequest
        case versionNotSupported
    }

    public var code: Code
    public var reason: String
    /// What was read of the header section (for the Via, From, To, Call-ID and CSeq of the answer).
    public var headers: SIPHeaders?
    /// Whether the bytes were a request (a response is never answered).
    public var isRequest: Bool

    public init(_ reason: String, code: Code = .badRequest, headers: SIPHeaders? = nil, isRequest: Bool = true) {
        self.code = code
        self.reason = reason
        self.headers = headers
        self.isRequest = isRequest
    }

    /// The status code of the answer.
    public var statusCode: Int {
        switch code {
        case .badRequest: 400
        case .versionNotSupported: 505
        }
    }

    public var description: String { "\(statusCode) \(reason)" }
}
