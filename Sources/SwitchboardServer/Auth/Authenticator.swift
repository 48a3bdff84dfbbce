import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOCore
import NIOPosix
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony
import Synchronization

/// Passwords (bcrypt) and bearer tokens with an expiry. Login only issues a token.
final class Authenticator: Sendable {
    let store: any SwitchboardStore
    let clock: any EngineClock
    let tokenLifetime: Duration
    let hashCost: UInt8
    private let cache = Mutex<[String: TokenRecord]>([:])
    /// Checked against when the user is unknown, at the same cost, so timing says nothing.
    private let unknownUserHash: String

    init(store: any SwitchboardStore, clock: any EngineClock, tokenLifetime: Duration, hashCost: UInt8) {
        self.store = store
        self.clock = clock
        self.tokenLifetime = tokenLifetime
        self.hashCost = hashCost
        self.unknownUserHash = Bcrypt.hash("no such user", cost: hashCost)
    }

    /// A bcrypt hash, computed off the request threads.
    func hash(_ password: String) async throws -> String {
        let cost = hashCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// A token for a correct tenant, username and password; nil otherwise (never says which was wrong).
    func logIn(tenant: String, username: String, password: String) async throws -> TokenRecord? {
        let user = try store.user(tenant: tenant, username: username)
        let hash = user?.passwordHash ?? unknownUserHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let user, matches else { return nil }
        let token = TokenRecord(
            token: Self.makeToken(), tenant: tenant, username: username, role: user.role, agentID: user.agentID,
            expiresAt: clock.now().advanced(by: tokenLifetime))
        try store.saveToken(token)
        cache.withLock { $0[token.token] = token }
        return token
    }

    /// Whom a bearer token stands for, if it is known and not expired.
    func principal(for token: String) throws -> Principal? {
        let record = try cache.withLock { $0[token] } ?? store.token(token)
        guard let record, clock.now() < record.expiresAt else {
            cache.withLock { _ = $0.removeValue(forKey: token) }
            return nil
        }
        cache.withLock { $0[token] = record }
        return Principal(tenant: record.tenant, username: record.username, role: record.role, agentID: record.agentID?.rawValue)
    }

    /// 256 random bits, URL-safe.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<43).map { _ in alphabet[Int(generator.next() % 64)] })
    }
}
