internal import Crypto
public import SwitchboardCore

/// Digest authentication of SIP requests (RFC 3261 §22, RFC 7616, RFC 8760) with `qop=auth`.
/// Nonces carry their own issue time and an HMAC of it under the server's key, so any node
/// holding the key checks them without state; one older than `nonceLifetime` is answered with a
/// fresh challenge marked `stale=true` (the phone retries without asking the user).
public struct DigestAuthenticator: Sendable {
    public let realm: String
    private let key: SymmetricKey
    public var nonceLifetime: Duration = .seconds(300)

    public init(realm: String, key: [UInt8]) {
        self.realm = realm
        self.key = SymmetricKey(data: key)
    }

    /// The `WWW-Authenticate` values to send, one per algorithm of `algorithms`, in its order.
    public func challenges(
        at now: Instant, stale: Bool = false, algorithms: [DigestAlgorithm] = DigestAlgorithm.offered
    ) -> [String] {
        let nonce = makeNonce(at: now)
        return algorithms.map { algorithm in
            var text = "Digest realm=\"\(realm)\", nonce=\"\(nonce)\", algorithm=\(algorithm.rawValue), qop=\"auth\""
            if stale { text += ", stale=true" }
            return text
        }
    }

    /// What checking `authorization` (an `Authorization` value) for `method` found.
    public enum Verdict: Hashable, Sendable {
        /// The user proved the password.
        case authenticated(username: String)
        /// Right password, old nonce: challenge again with `stale=true` (not a failure).
        case staleNonce
        /// A nonce this key did not make (the server restarted with a new key, or it is forged):
        /// nothing about the password was tried, so challenge again without counting a failure.
        case unknownNonce
        /// A wrong response, an unknown user, another realm, malformed credentials: a failure.
        case failed
    }

    /// Checks credentials; `secret` finds the stored HA1s of a user name.
    public func verify(
        _ authorization: String, method: SIPMethod, at now: Instant, secret: (String) -> DigestSecret?
    ) -> Verdict {
        guard let credentials = DigestCredentials(parsing: authorization), credentials.realm == realm,
            let algorithm = DigestAlgorithm(named: credentials.algorithm), credentials.qop == "auth",
            let nc = credentials.nonceCount, let cnonce = credentials.clientNonce
        else { return .failed }
        guard let issuedAt = issueTime(of: credentials.nonce) else { return .unknownNonce }
        guard let stored = secret(credentials.username) else { return .failed }
        let ha2 = algorithm.hash("\(method.rawValue):\(credentials.uri)")
        let expected = algorithm.hash("\(stored.ha1(algorithm)):\(credentials.nonce):\(nc):\(cnonce):auth:\(ha2)")
        guard Self.constantTimeEqual(expected, credentials.response.lowercased()) else { return .failed }
        guard now.duration(since: issuedAt) <= nonceLifetime, issuedAt <= now.advanced(by: .seconds(5)) else { return .staleNonce }
        return .authenticated(username: credentials.username)
    }

    /// `<issued at, ms, hex>.<HMAC-SHA256 of it, hex>`.
    func makeNonce(at now: Instant) -> String {
        let stamp = String(now.millisecondsSinceEpoch, radix: 16)
        return "\(stamp).\(signature(of: stamp))"
    }

    /// When a nonce of ours was issued; nil for one we did not make.
    func issueTime(of nonce: String) -> Instant? {
        let parts = nonce.split(separator: ".")
        guard parts.count == 2, Self.constantTimeEqual(signature(of: String(parts[0])), String(parts[1])),
            let milliseconds = Int64(parts[0], radix: 16)
        else { return nil }
        return Instant(millisecondsSinceEpoch: milliseconds)
    }

    private func signature(of stamp: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(stamp.utf8), using: key)
        return Array(code).prefix(16).map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// The fields of `Authorization: Digest ...` (RFC 7616 §3.4).
public struct DigestCredentials: Hashable, Sendable {
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var response: String
    public var algorithm: String?
    public var qop: String?
    public var nonceCount: String?
    public var clientNonce: String?

    public init?(parsing text: String) {
        let value = SIPGrammar.trimmed(text)
        guard value.lowercased().hasPrefix("digest ") else { return nil }
        var fields: [String: String] = [:]
        for part in SIPGrammar.split(String(value.dropFirst(7)), at: UInt8(ascii: ",")) {
            let item = SIPGrammar.trimmed(part)
            guard let equals = item.firstIndex(of: "=") else { continue }
            let name = SIPGrammar.trimmed(item[..<equals]).lowercased()
            var field = SIPGrammar.trimmed(item[item.index(after: equals)...])
            if field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") { field = SIPGrammar.unquoted(field) }
            fields[name] = field
        }
        guard let username = fields["username"], let realm = fields["realm"], let nonce = fields["nonce"],
            let uri = fields["uri"], let response = fields["response"]
        else { return nil }
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        algorithm = fields["algorithm"]
        qop = fields["qop"]
        nonceCount = fields["nc"]
        clientNonce = fields["cnonce"]
    }
}
