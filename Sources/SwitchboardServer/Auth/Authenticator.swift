import Foundation
import HummingbirdBcrypt
import NIOPosix
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import Synchronization

/// Passwords (bcrypt) and bearer tokens with an expiry. Login only issues a token.
///
/// The store keeps a token's digest, never the token. Tokens this node has read are cached, but a
/// cached token is read from the store again once it is `recheckInterval` old: a sign-out on
/// another node that shares the store takes effect here within that time (on this node at once).
final class Authenticator: Sendable {
    let store: any SwitchboardStore
    let clock: any EngineClock
    let random: RandomSource
    let tokenLifetime: Duration
    let hashCost: UInt8
    /// How long a cached token is trusted before the store is asked again.
    let recheckInterval: Duration
    private let cache = Mutex<[TokenDigest: Cached]>([:])
    /// Checked against when the user is unknown, at the same cost, so timing says nothing.
    private let unknownUserHash: String

    private struct Cached {
        let record: TokenRecord
        let readAt: Instant
    }

    init(
        store: any SwitchboardStore, clock: any EngineClock, random: RandomSource, tokenLifetime: Duration,
        hashCost: UInt8, recheckInterval: Duration = .seconds(2)
    ) {
        self.store = store
        self.clock = clock
        self.random = random
        self.tokenLifetime = tokenLifetime
        self.hashCost = hashCost
        self.recheckInterval = recheckInterval
        self.unknownUserHash = Bcrypt.hash("no such user", cost: hashCost)
    }

    /// A bcrypt hash, computed off the request threads.
    func hash(_ password: String) async throws -> String {
        let cost = hashCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// A new token and what it stands for, for a correct tenant, username and password; nil
    /// otherwise (never says which was wrong). Tokens that have expired are removed meanwhile.
    func logIn(tenant: String, username: String, password: String) async throws -> (token: String, record: TokenRecord)? {
        let user = try store.user(tenant: tenant, username: username)
        let hash = user?.passwordHash ?? unknownUserHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let user, matches else { return nil }
        let now = clock.now()
        let token = random.urlSafeText(count: 43)
        let record = TokenRecord(
            digest: TokenDigest(of: token), tenant: tenant, username: username, role: user.role, agentID: user.agentID,
            expiresAt: now.advanced(by: tokenLifetime))
        try store.deleteTokens(expiredBy: now)
        try store.saveToken(record)
        cache.withLock { cache in
            cache = cache.filter { now < $0.value.record.expiresAt }
            cache[record.digest] = Cached(record: record, readAt: now)
        }
        return (token, record)
    }

    /// Signs a token out: it is removed from the store, so no node accepts it any more.
    func revoke(_ token: String) throws {
        let digest = TokenDigest(of: token)
        try store.deleteToken(digest)
        cache.withLock { _ = $0.removeValue(forKey: digest) }
    }

    /// Whom a bearer token stands for, if it is known and not expired.
    func principal(for token: String) throws -> Principal? {
        let digest = TokenDigest(of: token)
        let now = clock.now()
        let cached = cache.withLock { $0[digest] }.flatMap { now < $0.readAt.advanced(by: recheckInterval) ? $0.record : nil }
        guard let record = try cached ?? store.token(digest), now < record.expiresAt else {
            cache.withLock { _ = $0.removeValue(forKey: digest) }
            return nil
        }
        if cached == nil { cache.withLock { $0[digest] = Cached(record: record, readAt: now) } }
        return Principal(tenant: record.tenant, username: record.username, role: record.role, agentID: record.agentID?.rawValue)
    }
}
