/// A SIP message (RFC 3261 §7): a request or a response, with its header fields in the order
/// they arrived and its body as bytes.
public enum SIPMessage: Hashable, Sendable {
    case request(SIPRequest)
    case response(SIPResponse)

    public var headers: SIPHeaders {
        switch self {
        case .request(let request): request.headers
        case .response(let response): response.headers
        }
    }

    public var body: [UInt8] {
        switch self {
        case .request(let request): request.body
        case .response(let response): response.body
        }
    }
}

/// `Method SP Request-URI SP SIP-Version`, header fields and a body (§7.1).
public struct SIPRequest: Hashable, Sendable {
    public var method: SIPMethod
    /// The Request-URI as received: a SIP or SIPS URI, or any other absolute URI (which a user
    /// agent answers 416, §8.2.2.1).
    public var uri: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(method: SIPMethod, uri: String, headers: SIPHeaders, body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }
}

/// `SIP-Version SP Status-Code SP Reason-Phrase`, header fields and a body (§7.2).
public struct SIPResponse: Hashable, Sendable {
    /// 100 to 699.
    public var statusCode: Int
    /// May be empty (RFC 4475 §3.1.1.13).
    public var reasonPhrase: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(statusCode: Int, reasonPhrase: String, headers: SIPHeaders, body: [UInt8] = []) {
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
    }

    /// 1xx.
    public var isProvisional: Bool { statusCode < 200 }
}

/// A request method: the RFC 3261 ones and any other token (an unknown method is answered 405
/// or 501 by the layer above, not refused by the parser).
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// Case-sensitive (§7.1): `invite` is not `INVITE`.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let invite = SIPMethod(rawValue: "INVITE")
    public static let ack = SIPMethod(rawValue: "ACK")
    public static let bye = SIPMethod(rawValue: "BYE")
    public static let cancel = SIPMethod(rawValue: "CANCEL")
    public static let options = SIPMethod(rawValue: "OPTIONS")
    public static let register = SIPMethod(rawValue: "REGISTER")
    public static let refer = SIPMethod(rawValue: "REFER")
    public static let info = SIPMethod(rawValue: "INFO")
    public static let update = SIPMethod(rawValue: "UPDATE")

    public var description: String { rawValue }
}
