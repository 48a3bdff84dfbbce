import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardSIP
import SwitchboardServer
import Testing

/// L2 through the running server: a phone registers over real UDP with digest authentication,
/// and the desktop, the supervisor and the event stream see its `device` (SIP.md "Agent phones").
@Suite("L2 SIP phones in the server")
struct SIPRegistrationTests {
    /// A demo server with SIP on a free loopback port, and that port.
    static func server(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) async throws -> (SwitchboardServer, Int) {
        let server = try await makeTestServer(adjust)
        return (server, try await server.startSIP(host: "127.0.0.1", port: 0))
    }

    @Test("L2 a phone registers with its number and password; /v1/me, /v1/agents and AgentDeviceChanged show it; Expires: 0 ends it")
    func registerAndShow() async throws {
        let (server, port) = try await Self.server()
        let phone = try await SIPTestPhone(user: "1001", serverPort: port)
        defer { Task { await phone.close() } }
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let agent = try await api.login("agent1")
            let before = try await api.expectOK(.get, "/v1/me", token: agent)
            let unregistered = before["device"] as? [String: Any] ?? [:]
            #expect(unregistered["type"] is NSNull && unregistered["registered"] as? Bool == false && unregistered.count == 2)
            let seq = before["seq"] as? Int ?? 0

            let challenged = try await phone.register(password: nil)
            let offered = challenged.headers.values("www-authenticate")
            #expect(challenged.statusCode == 401 && offered.count == 2 && offered.allSatisfy { $0.contains(#"realm="demo""#) })
            let registered = try await phone.register()
            #expect(registered.statusCode == 200 && registered.headers["expires"] == "3600")
            #expect(registered.headers["contact"]?.contains("expires=3600") == true)

            // The 200 comes once the registration is stored: the API shows it at once.
            let me = try await api.expectOK(.get, "/v1/me", token: agent)
            let device = me["device"] as? [String: Any] ?? [:]
            #expect(device["type"] as? String == "sip" && device["registered"] as? Bool == true)
            #expect(device["contact"] as? String == phone.contact && device["expiresAt"] is String)
            let supervisor = try await api.login("supervisor")
            let agents = try await api.expectOK(.get, "/v1/agents", token: supervisor)["items"] as? [[String: Any]] ?? []
            let listed = agents.first { $0["agentId"] as? String == "agent1" }?["device"] as? [String: Any]
            #expect(listed?["contact"] as? String == phone.contact)
            let events = try await api.expectOK(.get, "/v1/events?since=\(seq)", token: agent)["events"] as? [[String: Any]] ?? []
            let changed = events.filter { $0["type"] as? String == "AgentDeviceChanged" }
            #expect(changed.count == 1 && changed.first?["agentId"] as? String == "agent1")
            #expect(((changed.first?["data"] as? [String: Any])?["device"] as? [String: Any])?["contact"] as? String == phone.contact)

            // Station login uses the registered phone.
            try await api.expectOK(.post, "/v1/me/station-login", token: agent, body: #"{"teamId":"support-team","dialNumber":"1001"}"#)
            #expect(try await phone.register(expires: 0).statusCode == 200)
            let after = try await api.expectOK(.get, "/v1/me", token: agent)
            let gone = after["device"] as? [String: Any] ?? [:]
            #expect(gone["type"] as? String == "sip" && gone["registered"] as? Bool == false && gone.count == 2, "a phone gone mid-shift shows")
        }
    }

    @Test("L1 L2 a wrong password is challenged again and registers nothing; OPTIONS is 200; an INVITE to no entry point is 404, from a stranger 403")
    func refusals() async throws {
        let (server, port) = try await Self.server()
        let phone = try await SIPTestPhone(user: "1002", serverPort: port)
        defer { Task { await phone.close() } }
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let wrong = try await phone.register(password: "not the password")
            #expect(wrong.statusCode == 401 && !wrong.headers.values("www-authenticate").isEmpty)
            let agent = try await api.login("agent2")
            let me = try await api.expectOK(.get, "/v1/me", token: agent)
            #expect((me["device"] as? [String: Any])?["registered"] as? Bool == false)
            let options = try await phone.request(.options)
            #expect(options.statusCode == 200 && options.headers["allow"]?.contains("REGISTER") == true)
            // Loopback is the demo's trunk peer: a number that is no entry point's is 404 ...
            let unknown = try await phone.request(.invite, uri: "sip:+4599999999@127.0.0.1")
            #expect(unknown.statusCode == 404)
            // ... and with the trunk gone, loopback is a stranger: 403.
            let admin = try await api.login("admin")
            try await api.expectOK(.delete, "/v1/admin/trunks/local-carrier", token: admin)
            let invite = try await phone.request(.invite, uri: "sip:+4570100100@127.0.0.1")
            #expect(invite.statusCode == 403)
        }
    }

    @Test("L2 with sim off, station login to a number without a registered phone is 409 device_not_registered")
    func loginNeedsAPhone() async throws {
        let (server, port) = try await Self.server { $0.isSimEnabled = false }
        let phone = try await SIPTestPhone(user: "1003", serverPort: port)
        defer { Task { await phone.close() } }
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let agent = try await api.login("agent3")
            let login = #"{"teamId":"support-team","dialNumber":"1003"}"#
            let refused = try await api.call(.post, "/v1/me/station-login", token: agent, body: login)
            #expect(refused.status == .conflict && refused.errorCode == "device_not_registered")
            #expect(try await phone.register().statusCode == 200)
            let me = try await api.expectOK(.post, "/v1/me/station-login", token: agent, body: login)
            #expect((me["device"] as? [String: Any])?["type"] as? String == "sip")
        }
    }
}
