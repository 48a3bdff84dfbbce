import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import SwitchboardEngine
@testable import SwitchboardServer
import SwitchboardSimulation
import SwitchboardStore
import Synchronization
import Testing

/// Bearer tokens: kept as digests, removed when expired, revoked by sign-out on every node.
@Suite("Tokens")
struct TokenTests {
    @Test("The store keeps the token's digest only; sign-out revokes the token at once")
    func signOut() async throws {
        let server = try await makeTestServer()
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let token = try await api.login("agent1")
            #expect(try server.store.token(TokenDigest(of: token)) != nil)
            #expect(try server.store.token(TokenDigest(of: token))?.digest.hex != token)
            try await api.expectOK(.get, "/v1/me", token: token)

            #expect(try await api.call(.post, "/v1/auth/logout", token: token).status == .noContent)
            #expect(try server.store.token(TokenDigest(of: token)) == nil)
            let after = try await api.call(.get, "/v1/me", token: token)
            #expect(after.status == .unauthorized && after.errorCode == "unauthorized")
            #expect(try await api.call(.post, "/v1/auth/logout", token: token).status == .unauthorized)
            #expect(try await api.call(.post, "/v1/auth/logout").status == .unauthorized, "no token")
        }
    }

    @Test("A sign-out on one node reaches another that shares the store once its cache is rechecked")
    func signOutOnAnotherNode() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-\(UUID().uuidString).sqlite").path
        let clock = ManualClock()
        let configuration = ServerConfiguration(port: 0, passwordHashCost: 4)
        let first = try await SwitchboardServer(configuration: configuration, store: try SQLiteStore(path: path), clock: clock)
        try await first.seedDemoTenant()
        let second = try await SwitchboardServer(configuration: configuration, store: try SQLiteStore(path: path), clock: clock)
        try await first.makeApplication(logger: Logger(label: "first")).test(.router) { firstClient in
            try await second.makeApplication(logger: Logger(label: "second")).test(.router) { secondClient in
                let (one, two) = (APIClient(client: firstClient), APIClient(client: secondClient))
                let token = try await one.login("supervisor")
                try await two.expectOK(.get, "/v1/agents", token: token)
                try await one.expectOK(.post, "/v1/auth/logout", token: token)
                #expect(try await one.call(.get, "/v1/agents", token: token).status == .unauthorized)
                clock.advance(by: second.authenticator.recheckInterval)
                #expect(try await two.call(.get, "/v1/agents", token: token).status == .unauthorized)
            }
        }
    }

    @Test("An expired token is refused, and removed from the store at the next sign-in")
    func expiry() async throws {
        let clock = ManualClock()
        let server = try await makeTestServer(clock: clock) { $0.tokenLifetime = .seconds(60) }
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let old = try await api.login("agent1")
            clock.advance(by: .seconds(59))
            try await api.expectOK(.get, "/v1/me", token: old)
            clock.advance(by: .seconds(1))
            #expect(try await api.call(.get, "/v1/me", token: old).status == .unauthorized)
            #expect(try server.store.token(TokenDigest(of: old)) != nil, "still stored until somebody signs in")
            _ = try await api.login("agent2")
            #expect(try server.store.token(TokenDigest(of: old)) == nil)
        }
    }

    @Test("Tokens and generated ids come from the server's random source: a seeded one repeats them")
    func injectedRandomness() async throws {
        let issued = Mutex<[String]>([])
        for _ in 0..<2 {
            let server = try await SwitchboardServer(
                configuration: ServerConfiguration(port: 0, passwordHashCost: 4), store: try SQLiteStore.inMemory(),
                random: SeededGenerator(seed: 7))
            try await server.seedDemoTenant()
            try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
                let api = APIClient(client: client)
                let token = try await api.login("admin")
                let queue = try await api.call(.post, "/v1/admin/queues", token: token, body: #"{"name":"Overflow"}"#)
                #expect(queue.status == .created)
                issued.withLock { $0.append("\(token) \(queue["id"] as? String ?? "")") }
            }
        }
        let both = issued.withLock { $0 }
        #expect(both.count == 2 && both[0] == both[1], "\(both)")
        #expect(both.first?.count ?? 0 > 43)
    }
}
