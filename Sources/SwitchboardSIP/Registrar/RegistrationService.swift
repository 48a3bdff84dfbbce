public import SwitchboardCore

/// A REGISTER from arrival to answer (SIP.md): a source blocked for failing too often gets 403;
/// no credentials get a challenge (no failure); wrong ones a fresh challenge (a failure, never a
/// hint which part was wrong); an old nonce a `stale=true` challenge, one of another key (before
/// a restart) a plain one, neither a failure; right ones go to the
/// registrar. A value: the provider keeps one per realm (tenant).
public struct RegistrationService: Sendable {
    public let authenticator: DigestAuthenticator
    public private(set) var registrar = Registrar()
    public private(set) var throttle = AuthenticationThrottle()

    public init(authenticator: DigestAuthenticator) {
        self.authenticator = authenticator
    }

    /// The answer to `request` from `source` and the registration change it made, if any.
    /// `secret` finds a user's stored HA1s; `toTag` is the answer's tag.
    public mutating func handle(
        _ request: SIPRequest, from source: String, at now: Instant, toTag: String, secret: (String) -> DigestSecret?
    ) -> (SIPResponse, Registrar.Change?) {
        let host = Self.host(of: source)
        if throttle.isBlocked(host, at: now) {
            return (SIPResponse(answering: request, statusCode: 403, reasonPhrase: "Forbidden", toTag: toTag), nil)
        }
        guard let authorization = request.headers["authorization"] else {
            return (challenge(request, at: now, stale: false, toTag: toTag), nil)
        }
        switch authenticator.verify(authorization, method: request.method, at: now, secret: secret) {
        case .authenticated(let username):
            return registrar.register(request, authenticatedAs: username, from: source, at: now, toTag: toTag)
        case .staleNonce:
            return (challenge(request, at: now, stale: true, toTag: toTag), nil)
        case .unknownNonce:
            return (challenge(request, at: now, stale: false, toTag: toTag), nil)
        case .failed:
            if throttle.recordFailure(from: host, at: now) {
                return (SIPResponse(answering: request, statusCode: 403, reasonPhrase: "Forbidden", toTag: toTag), nil)
            }
            return (challenge(request, at: now, stale: false, toTag: toTag), nil)
        }
    }

    /// A binding kept from before a restart (`Registrar.restore`).
    public mutating func restore(_ dialNumber: String, contact: String, source: String, expiresAt: Instant) {
        registrar.restore(dialNumber, contact: contact, source: source, expiresAt: expiresAt)
    }

    /// Forgets a binding the contact center dropped (`Registrar.remove`).
    public mutating func forget(_ dialNumber: String) {
        registrar.remove(dialNumber)
    }

    /// Bindings that ran out, and the throttle's old entries forgotten.
    public mutating func expire(at now: Instant) -> [Registrar.Change] {
        throttle.prune(at: now)
        return registrar.expire(at: now)
    }

    private func challenge(_ request: SIPRequest, at now: Instant, stale: Bool, toTag: String) -> SIPResponse {
        var extra = SIPHeaders()
        let algorithms = DigestCompatibility.algorithms(forUserAgent: request.headers["user-agent"])
        for value in authenticator.challenges(at: now, stale: stale, algorithms: algorithms) {
            extra.append("WWW-Authenticate", value)
        }
        return SIPResponse(answering: request, statusCode: 401, reasonPhrase: "Unauthorized", toTag: toTag, extra: extra)
    }

    /// The address part of `host:port` (`[v6]:port` too): failures count per address.
    static func host(of source: String) -> String {
        if source.hasPrefix("["), let close = source.firstIndex(of: "]") { return String(source[...close]) }
        return source.split(separator: ":").first.map(String.init) ?? source
    }
}
