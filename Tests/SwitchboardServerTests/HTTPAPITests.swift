import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import SwitchboardServer
import Testing

@Suite("HTTP API")
struct HTTPAPITests {
    @Test("Login issues a token with the role; wrong credentials get 401 in the error shape")
    func login() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let response = try await api.call(.post, "/v1/auth/login", body: #"{"tenant":"demo","username":"agent1","password":"password"}"#)
            #expect(response.status == .ok)
            #expect(response["role"] as? String == "agent" && response["agentId"] as? String == "agent1")
            let admin = try await api.call(.post, "/v1/auth/login", body: #"{"tenant":"demo","username":"admin","password":"admin"}"#)
            #expect(admin["role"] as? String == "admin" && admin["agentId"] == nil)
            for body in [
                #"{"tenant":"demo","username":"agent1","password":"nope"}"#,
                #"{"tenant":"demo","username":"nobody","password":"password"}"#,
                #"{"tenant":"other","username":"agent1","password":"password"}"#,
            ] {
                let refused = try await api.call(.post, "/v1/auth/login", body: body)
                #expect(refused.status == .unauthorized && refused.errorCode == "unauthorized")
            }
        }
    }

    @Test("Bad input gets a clear 4xx: malformed JSON, unknown fields, wrong types, missing fields, huge bodies")
    func badInput() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let token = try await api.login("agent1")
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                ("/v1/auth/login", "{not json", .badRequest, "invalid_json"),
                ("/v1/auth/login", #"{"tenant":"demo","username":"a","password":"b","extra":1}"#, .badRequest, "invalid_request"),
                ("/v1/auth/login", #"{"tenant":"demo","username":5,"password":"b"}"#, .badRequest, "invalid_request"),
                ("/v1/auth/login", #"{"tenant":"demo"}"#, .badRequest, "invalid_request"),
                ("/v1/auth/login", "[1,2]", .badRequest, "invalid_request"),
                ("/v1/me/station-login", #"{"teamId":"support-team","dialNumber":"12"}"#, .badRequest, "invalid_dial_number"),
                ("/v1/me/station-login", #"{"teamId":"nope","dialNumber":"1001"}"#, .badRequest, "invalid_request"),
                ("/v1/auth/login", "{\"tenant\":\"" + String(repeating: "x", count: 70_000) + "\"}", .contentTooLarge, "body_too_large"),
            ]
            for (path, body, status, code) in cases {
                let response = try await api.call(.post, path, token: token, body: body)
                #expect(response.status == status && response.errorCode == code, "\(path) \(body.prefix(60)): \(response.text.prefix(200))")
                #expect((response.object["error"] as? [String: Any])?["message"] is String)
            }
            let state = try await api.call(.put, "/v1/me/state", token: token, body: #"{"state":"Sleeping"}"#)
            #expect(state.status == .badRequest && state.errorCode == "invalid_request")
            let unknownPath = try await api.call(.get, "/v1/nothing", token: token)
            #expect(unknownPath.status == .notFound && unknownPath.errorCode == "not_found")
            #expect(try await api.call(.get, "/healthz").status == .ok, "the server stays up")
        }
    }

    @Test("Roles: no token 401, bad token 401, agents stay out of admin and supervision, supervisors only read")
    func roles() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let agent = try await api.login("agent1")
            let supervisor = try await api.login("supervisor")
            let admin = try await api.login("admin")
            #expect(try await api.call(.get, "/v1/me").status == .unauthorized)
            #expect(try await api.call(.get, "/v1/me", token: "forged").errorCode == "unauthorized")
            #expect(try await api.call(.get, "/v1/admin/settings", token: agent).errorCode == "forbidden")
            #expect(try await api.call(.get, "/v1/agents", token: agent).errorCode == "forbidden")
            #expect(try await api.call(.get, "/v1/agents", token: supervisor).status == .ok)
            #expect(try await api.call(.patch, "/v1/admin/settings", token: supervisor, body: "{}").errorCode == "forbidden")
            #expect(try await api.call(.get, "/v1/me", token: admin).errorCode == "forbidden", "admins have no agent profile")
            #expect(try await api.call(.get, "/v1/admin/queues", token: admin).status == .ok)
        }
    }

    @Test("K7 the agents list names each agent's team and idle reason and shows its phone, for supervisors who cannot read the lists")
    func agentsListNames() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let agent = try await api.login("agent1")
            let supervisor = try await api.login("supervisor")
            _ = try await api.call(.post, "/v1/me/station-login", token: agent, body: #"{"teamId":"support-team","dialNumber":"1001"}"#)
            _ = try await api.call(.put, "/v1/me/state", token: agent, body: #"{"state":"Idle","idleReasonId":"training"}"#)
            let list = try await api.call(.get, "/v1/agents", token: supervisor)
            let items = list["items"] as? [[String: Any]] ?? []
            let first = items.first { $0["agentId"] as? String == "agent1" }
            #expect(first?["teamName"] as? String == "Support Team")
            #expect(first?["idleReasonName"] as? String == "Training")
            #expect((first?["device"] as? [String: Any])?["type"] as? String == "sim")
            let other = items.first { $0["agentId"] as? String == "agent2" }
            #expect(other?["teamName"] is NSNull && (other?["device"] as? [String: Any])?["registered"] as? Bool == false)
        }
    }

    @Test("An agent never sees or touches another agent's task; devices of others are off limits")
    func otherAgentsTask() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let first = try await api.readyAgent(1)
            let second = try await api.readyAgent(2)
            _ = try await api.customerCalls()
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: first)
            let task = try await api.firstTask(first)
            #expect(try await api.call(.get, "/v1/tasks/\(task.id)", token: second).errorCode == "task_not_found")
            #expect(try await api.call(.post, "/v1/tasks/\(task.id)/hold", token: second).errorCode == "task_not_found")
            #expect(try await api.call(.post, "/v1/sim/devices/1001/hangup", token: second).errorCode == "forbidden")
            let supervisor = try await api.login("supervisor")
            #expect(try await api.call(.get, "/v1/tasks/\(task.id)", token: supervisor).status == .ok, "a supervisor reads")
        }
    }

    @Test("K2 K3 task commands answer the task with its controls; a disabled one is 409 with the reason; Idempotency-Key replays")
    func taskCommands() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let token = try await api.readyAgent(1)
            _ = try await api.customerCalls()
            let offered = try await api.firstTask(token)
            #expect(offered.status == "offered")
            #expect(offered.control("accept") == (false, "answer_on_phone"))
            let early = try await api.call(.post, "/v1/tasks/\(offered.id)/hold", token: token)
            #expect(early.status == .conflict && early.errorCode == "not_allowed_in_state" && early.errorReason == "not_accepted")
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let held = try await api.call(.post, "/v1/tasks/\(offered.id)/hold", token: token, headers: [HTTPField.Name("Idempotency-Key")!: "k1"])
            #expect((held.object as [String: Any]).legStates == ["held"])
            #expect((held.object as [String: Any]).control("end") == (false, "on_hold"))
            let end = try await api.call(.post, "/v1/tasks/\(offered.id)/end", token: token)
            #expect(end.status == .conflict && end.errorReason == "on_hold")
            let again = try await api.call(.post, "/v1/tasks/\(offered.id)/hold", token: token, headers: [HTTPField.Name("Idempotency-Key")!: "k1"])
            #expect(again.status == .ok)
            let reused = try await api.call(.post, "/v1/tasks/\(offered.id)/unhold", token: token, headers: [HTTPField.Name("Idempotency-Key")!: "k1"])
            #expect(reused.status == .badRequest && reused.errorReason == "idempotency_key_reused")
            let badTarget = try await api.call(.post, "/v1/tasks/\(offered.id)/consult", token: token, body: #"{"to":{"type":"dialNumber","number":"12"}}"#)
            #expect(badTarget.status == .badRequest && badTarget.errorCode == "invalid_dial_number")
            let badType = try await api.call(.post, "/v1/tasks/\(offered.id)/consult", token: token, body: #"{"to":{"type":"teams"}}"#)
            #expect(badType.errorCode == "invalid_request")
            #expect(try await api.call(.post, "/v1/tasks/nope/hold", token: token).errorCode == "task_not_found")
        }
    }

    @Test("B3 logout is refused with logout_blocked_by_offer while an offer shows")
    func logoutBlocked() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let token = try await api.readyAgent(1)
            _ = try await api.customerCalls()
            let refused = try await api.call(.post, "/v1/me/logout", token: token)
            #expect(refused.status == .conflict && refused.errorCode == "logout_blocked_by_offer")
        }
    }

    @Test("Events over HTTP: since, limit, hasMore, and each agent sees only its own plus state changes")
    func eventsOverHTTP() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let first = try await api.readyAgent(1)
            _ = try await api.readyAgent(2)
            _ = try await api.customerCalls()
            let supervisor = try await api.login("supervisor")
            let all = try await api.expectOK(.get, "/v1/events?since=0", token: supervisor)
            let events = all["events"] as? [[String: Any]] ?? []
            let sequences = events.compactMap { $0["seq"] as? Int }
            #expect(sequences == Array(1...sequences.count), "gapless for a supervisor")
            #expect(all["hasMore"] as? Bool == false)
            let page = try await api.expectOK(.get, "/v1/events?since=2&limit=2", token: supervisor)
            #expect((page["events"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [3, 4])
            #expect(page["hasMore"] as? Bool == true)
            let mine = try await api.expectOK(.get, "/v1/events?since=0", token: first)
            for event in mine["events"] as? [[String: Any]] ?? [] {
                #expect(event["agentId"] as? String == "agent1" || event["type"] as? String == "AgentStateChange")
            }
            #expect(try await api.call(.get, "/v1/events?since=-1", token: first).errorCode == "invalid_request")
        }
    }

    @Test("Admin: settings PATCH answers the whole; lists validate references and refuse deleting what is in use")
    func admin() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let patched = try await api.expectOK(.patch, "/v1/admin/settings", token: admin, body: #"{"ringTimeoutSeconds":20}"#)
            #expect(patched["ringTimeoutSeconds"] as? Int == 20 && patched["noiseRemovalEnabled"] as? Bool == true)
            #expect(try await api.call(.patch, "/v1/admin/settings", token: admin, body: #"{"ringTimeoutSeconds":1}"#).errorCode == "invalid_request")
            let created = try await api.call(.post, "/v1/admin/queues", token: admin, body: #"{"id":"billing","name":"Billing"}"#)
            #expect(created.status == .created && created["name"] as? String == "Billing")
            let entryPoint = try await api.call(
                .post, "/v1/admin/entry-points", token: admin,
                body: #"{"name":"Billing EP","dialNumber":"+45 7010 0300","queueId":"billing"}"#)
            #expect(entryPoint.status == .created && entryPoint["dialNumber"] as? String == "+4570100300")
            let dangling = try await api.call(
                .post, "/v1/admin/entry-points", token: admin, body: #"{"name":"X","dialNumber":"+4570100400","queueId":"nowhere"}"#)
            #expect(dangling.status == .badRequest)
            #expect(dangling.errorMessage == "Entry point X sends calls to queue nowhere, which does not exist.")
            let inUse = try await api.call(.delete, "/v1/admin/queues/billing", token: admin)
            #expect(inUse.status == .conflict && inUse.errorCode == "in_use")
            #expect(inUse.errorMessage == "Queue billing is in use: entry point Billing EP sends calls to it.")
            let agent = try await api.call(
                .post, "/v1/admin/agents", token: admin,
                body: #"{"id":"agent5","name":"Eva Holm","teamIds":["support-team"],"username":"agent5","password":"longpassword"}"#)
            #expect(agent.status == .created)
            _ = try await api.login("agent5", password: "longpassword")
            // The new entry point takes calls at once.
            _ = try await api.customerCalls("+4570100300")
        }
    }

    @Test("L2 an agent's phone number is set, cleared and kept unique among agents and entry points")
    func agentPhoneNumber() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let demo = try await api.expectOK(.get, "/v1/admin/agents/agent1", token: admin)
            #expect(demo["dialNumber"] as? String == "1001")
            let moved = try await api.expectOK(.patch, "/v1/admin/agents/agent1", token: admin, body: #"{"dialNumber":"10 11"}"#)
            #expect(moved["dialNumber"] as? String == "1011" && moved["name"] as? String == "Anna Jensen")
            let taken = try await api.call(.patch, "/v1/admin/agents/agent2", token: admin, body: #"{"dialNumber":"1011"}"#)
            #expect(taken.status == .badRequest && taken.errorMessage == "Two agents have the number 1011.")
            let entryPoint = try await api.call(.patch, "/v1/admin/agents/agent2", token: admin, body: #"{"dialNumber":"+4570100100"}"#)
            #expect(entryPoint.errorMessage == "The number +4570100100 is both an agent's phone and an entry point.")
            let bad = try await api.call(.patch, "/v1/admin/agents/agent2", token: admin, body: #"{"dialNumber":"12"}"#)
            #expect(bad.errorCode == "invalid_dial_number" && bad.text.contains(#""field":"dialNumber""#))
            #expect(try await api.expectOK(.get, "/v1/admin/agents/agent2", token: admin)["dialNumber"] as? String == "1002")
            let cleared = try await api.expectOK(.patch, "/v1/admin/agents/agent1", token: admin, body: #"{"dialNumber":null}"#)
            #expect(cleared.text.contains(#""dialNumber":null"#))
            let created = try await api.call(
                .post, "/v1/admin/agents", token: admin, body: #"{"name":"Eva Holm","teamIds":["support-team"],"dialNumber":"1001"}"#)
            #expect(created.status == .created && created["dialNumber"] as? String == "1001")
        }
    }

    @Test("L2 an agent's SIP password is kept as its digest, never shown, needs a number and goes with a new number")
    func agentSIPPassword() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let demo = try await api.expectOK(.get, "/v1/admin/agents/agent1", token: admin)
            #expect(demo["sipPasswordSet"] as? Bool == true && !demo.text.contains("sipPassword\""))
            let short = try await api.call(.patch, "/v1/admin/agents/agent1", token: admin, body: #"{"sipPassword":"short"}"#)
            #expect(short.status == .badRequest && short.text.contains(#""field":"sipPassword""#))
            let readOnly = try await api.call(.patch, "/v1/admin/agents/agent1", token: admin, body: #"{"sipPasswordSet":false}"#)
            #expect(readOnly.status == .badRequest && readOnly.text.contains(#""field":"sipPasswordSet""#))
            let moved = try await api.expectOK(.patch, "/v1/admin/agents/agent1", token: admin, body: #"{"dialNumber":"1011"}"#)
            #expect(moved["sipPasswordSet"] as? Bool == false)
            let set = try await api.expectOK(
                .patch, "/v1/admin/agents/agent1", token: admin, body: #"{"sipPassword":"correct horse"}"#)
            #expect(set["sipPasswordSet"] as? Bool == true && !set.text.contains("correct horse"))
            let listed = try await api.expectOK(.get, "/v1/admin/agents", token: admin)
            #expect(!listed.text.contains("correct horse") && !listed.text.contains("ha1"))
            let removed = try await api.expectOK(.patch, "/v1/admin/agents/agent1", token: admin, body: #"{"sipPassword":null}"#)
            #expect(removed["sipPasswordSet"] as? Bool == false)
            let noNumber = try await api.call(
                .post, "/v1/admin/agents", token: admin, body: #"{"name":"Eva Holm","teamIds":["support-team"],"sipPassword":"12345678"}"#)
            #expect(noNumber.status == .badRequest && noNumber.errorMessage == "A SIP password needs a phone number.")
            #expect(try await api.expectOK(.get, "/v1/admin/agents", token: admin).text.contains("Eva Holm") == false)
            let both = try await api.call(
                .post, "/v1/admin/agents", token: admin,
                body: #"{"name":"Eva Holm","teamIds":["support-team"],"dialNumber":"1005","sipPassword":"12345678"}"#)
            #expect(both.status == .created && both["sipPasswordSet"] as? Bool == true)
        }
    }

    @Test("L1 trunk peers: an IP address, optional port, directions and credentials whose password is never shown")
    func trunkPeers() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let demo = try await api.expectOK(.get, "/v1/admin/trunks/local-carrier", token: admin)
            #expect(demo["address"] as? String == "127.0.0.1" && demo["port"] as? Int == 5080 && demo["matchesPort"] as? Bool == false)
            let hostName = try await api.call(.post, "/v1/admin/trunks", token: admin, body: #"{"name":"Carrier","address":"sip.example.com"}"#)
            #expect(hostName.status == .badRequest && hostName.text.contains(#""field":"address""#))
            let badPort = try await api.call(.post, "/v1/admin/trunks", token: admin, body: #"{"name":"Carrier","address":"192.0.2.10","port":70000}"#)
            #expect(badPort.status == .badRequest && badPort.text.contains(#""field":"port""#))
            let lonePassword = try await api.call(
                .post, "/v1/admin/trunks", token: admin, body: #"{"name":"Carrier","address":"192.0.2.10","password":"s3cret"}"#)
            #expect(lonePassword.status == .badRequest && lonePassword.errorMessage == "A password needs a user name.")
            let created = try await api.call(
                .post, "/v1/admin/trunks", token: admin,
                body: #"{"id":"pbx","name":"Head office PBX","address":"2001:db8::5","port":5062,"matchesPort":true,"outbound":false,"username":"cc","password":"s3cret"}"#)
            #expect(created.status == .created && created["passwordSet"] as? Bool == true && created["inbound"] as? Bool == true)
            #expect(!created.text.contains("s3cret"))
            let listed = try await api.expectOK(.get, "/v1/admin/trunks", token: admin)
            #expect((listed["items"] as? [[String: Any]])?.count == 2 && !listed.text.contains("s3cret"))
            let cleared = try await api.expectOK(.patch, "/v1/admin/trunks/pbx", token: admin, body: #"{"username":null}"#)
            #expect(cleared["passwordSet"] as? Bool == false, "no user name, no password")
            let agent = try await api.login("agent1")
            #expect(try await api.call(.get, "/v1/admin/trunks", token: agent).status == .forbidden)
        }
    }

    @Test("Admin: every list shows each item with all its fields but secrets (null when unset), and the settings likewise")
    func adminShapes() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            for list in AdminList.all {
                let answer = try await api.expectOK(.get, "/v1/admin/\(list.path)", token: admin)
                let items = answer["items"] as? [[String: Any]] ?? []
                #expect(!items.isEmpty, "\(list.path) has demo items")
                for item in items {
                    #expect(Set(item.keys) == list.shown, "\(list.path): \(item.keys.sorted())")
                }
                let unknown = try await api.call(.post, "/v1/admin/\(list.path)", token: admin, body: #"{"colour":"red"}"#)
                #expect(unknown.errorCode == "invalid_request" && unknown.text.contains(#""field":"colour""#))
            }
            let settings = try await api.expectOK(.get, "/v1/admin/settings", token: admin)
            #expect(Set(settings.object.keys) == SettingsShape.fields)
            #expect(settings.text.contains(#""concurrentCallLimit":null"#))
        }
    }

    @Test("H2 secure CAD values are masked in tasks and never appear in any event")
    func secureValuesNeverLeak() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let token = try await api.readyAgent(1)
            _ = try await api.customerCalls()
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let task = try await api.firstTask(token)
            let variables = (task["cad"] as? [String: Any])?["variables"] as? [[String: Any]] ?? []
            let card = variables.first { $0["name"] as? String == "cardNumber" }
            #expect(card?["value"] as? String == "********" && card?["secure"] as? Bool == true)
            let supervisor = try await api.login("supervisor")
            let events = try await api.call(.get, "/v1/events?since=0", token: supervisor)
            #expect(!events.text.contains("4571"), "the card number never leaves the server in an event")
            #expect(!(try await api.call(.get, "/v1/me", token: token)).text.contains("4571"))
        }
    }

    @Test("healthz and metrics answer; metrics count commands and agents by state")
    func healthAndMetrics() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            _ = try await api.readyAgent(1)
            let metrics = try await api.call(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("switchboard_commands_total 2"))
            #expect(metrics.text.contains(#"switchboard_agents{tenant="demo",state="Available"} 1"#))
            #expect(metrics.text.contains("switchboard_calls_in_queue"))
        }
    }
}
