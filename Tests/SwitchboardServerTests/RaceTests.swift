import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import SwitchboardCore
import SwitchboardEngine
@testable import SwitchboardServer
import SwitchboardStore
import Testing

/// Requests that race each other: each read is one state of the tenant, and each administrator's
/// change is applied in the tenant's order, on the configuration in force then.
@Suite("API races")
struct RaceTests {
    @Test("K1 /v1/me's tasks and seq come from one state, while commands land between reads")
    func meIsOneState() async throws {
        let server = try await makeTestServer()
        let engine = try #require(server.tenants.runtime("demo")).engine
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let agent = try await api.readyAgent(1)
            try await api.customerCalls()
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: agent)
            let task = try await api.firstTask(agent).id
            // Each read: its `seq`, and the legs it shows for the task.
            let reads = try await withThrowingTaskGroup(of: [(Int, [String]?)].self) { group in
                let reading = Flag()
                // Another client's commands on the task land all along the reads.
                group.addTask {
                    var round = 0
                    while reading.isUp, round < 5_000 {
                        let id = TaskID(task)
                        _ = await engine.execute(round.isMultiple(of: 2) ? .hold(id) : .unhold(id), by: "agent1")
                        round += 1
                        try await Task.sleep(for: .microseconds(300))
                    }
                    return []
                }
                group.addTask {
                    defer { reading.lower() }
                    var reads: [(Int, [String]?)] = []
                    for _ in 0..<100 {
                        let me = try await api.expectOK(.get, "/v1/me", token: agent)
                        reads.append((me["seq"] as? Int ?? -1, (me["tasks"] as? [[String: Any]])?.first { $0.id == task }?.legStates))
                    }
                    return reads
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            try await engine.settle()
            let supervisor = try await api.login("supervisor")
            var events: [[String: Any]] = []
            while true {
                let page = try await api.expectOK(.get, "/v1/events?since=\(events.count)", token: supervisor)
                events += page["events"] as? [[String: Any]] ?? []
                if page["hasMore"] as? Bool != true { break }
            }
            for (seq, shown) in reads {
                // The task as the last event up to `seq` left it.
                let last = events.last { ($0["seq"] as? Int ?? .max) <= seq && $0["taskId"] as? String == task }
                let expected = (last?["data"] as? [String: Any])?.legStates
                #expect(shown == expected, "GET /v1/me at seq \(seq) shows \(shown ?? []) but its events say \(expected ?? [])")
            }
        }
    }

    @Test("Administration: concurrent creates are applied one after the other; none is lost")
    func concurrentCreates() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 1...20 {
                    group.addTask {
                        let response = try await api.call(
                            .post, "/v1/admin/wrapup-reasons", token: admin,
                            body: #"{"id":"race-\#(number)","code":"RACE_\#(number)","name":"Race \#(number)"}"#)
                        #expect(response.status == .created, "\(response.text)")
                    }
                    group.addTask {
                        let response = try await api.call(
                            .patch, "/v1/admin/settings", token: admin, body: #"{"privacyShieldSeconds":\#(number + 10)}"#)
                        #expect(response.status == .ok, "\(response.text)")
                    }
                }
                try await group.waitForAll()
            }
            let reasons = try await api.expectOK(.get, "/v1/admin/wrapup-reasons", token: admin)
            let ids = Set((reasons["items"] as? [[String: Any]] ?? []).map(\.id))
            #expect(ids.isSuperset(of: (1...20).map { "race-\($0)" }))
            let agent = try await api.readyAgent(1)
            let offered = try await api.expectOK(.get, "/v1/me/wrapup-reasons", token: agent)
            #expect((offered["items"] as? [[String: Any]] ?? []).count == ids.count, "the engine has every one")
        }
    }

    @Test("Administration: a change based on a stale ETag is refused with 412 and changes nothing")
    func staleETag() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let first = try await client.execute(uri: "/v1/admin/settings", method: .get, headers: [.authorization: "Bearer \(admin)"])
            let loaded = try #require(first.headers[.eTag])
            let changed = try await api.call(
                .patch, "/v1/admin/settings", token: admin, body: #"{"ringTimeoutSeconds":20}"#, headers: [.ifMatch: loaded])
            #expect(changed.status == .ok)
            let current = try await client.execute(uri: "/v1/admin/settings", method: .get, headers: [.authorization: "Bearer \(admin)"])
            #expect(current.headers[.eTag] != loaded, "the change made a new tag")
            let stale = try await api.call(
                .patch, "/v1/admin/settings", token: admin, body: #"{"ringTimeoutSeconds":30}"#, headers: [.ifMatch: loaded])
            #expect(stale.status == .preconditionFailed && stale.errorCode == "precondition_failed")
            let details = (stale["error"] as? [String: Any])?["details"] as? [String: Any]
            #expect(details?["currentETag"] as? String == current.headers[.eTag])
            let staleDelete = try await api.call(.delete, "/v1/admin/queues/sales", token: admin, headers: [.ifMatch: loaded])
            #expect(staleDelete.status == .preconditionFailed)
            let settings = try await api.expectOK(.get, "/v1/admin/settings", token: admin)
            #expect(settings["ringTimeoutSeconds"] as? Int == 20)
            #expect(try await api.call(.get, "/v1/admin/queues/sales", token: admin).status == .ok)
            // A tag is per resource: a change to another list leaves this one's valid.
            let queues = try await client.execute(uri: "/v1/admin/queues", method: .get, headers: [.authorization: "Bearer \(admin)"])
            let queuesTag = try #require(queues.headers[.eTag])
            try await api.expectOK(.patch, "/v1/admin/idle-reasons/break", token: admin, body: #"{"name":"Pause"}"#)
            let renamed = try await api.call(
                .patch, "/v1/admin/queues/sales", token: admin, body: #"{"name":"Sales DK"}"#, headers: [.ifMatch: queuesTag])
            #expect(renamed.status == .ok, "\(renamed.text)")
            let again = try await api.call(
                .patch, "/v1/admin/queues/support", token: admin, body: #"{"name":"Help"}"#, headers: [.ifMatch: queuesTag])
            #expect(again.status == .preconditionFailed, "the list changed with the rename")
            // A value that is no tag of ours matches nothing (RFC 9110): 412 with the tag to reload with.
            let bad = try await api.call(.delete, "/v1/admin/queues/sales", token: admin, headers: [.ifMatch: ";?(k_FPcf"])
            #expect(bad.status == .preconditionFailed && bad.errorCode == "precondition_failed")
            let badDetails = (bad["error"] as? [String: Any])?["details"] as? [String: Any]
            let queuesNow = try await client.execute(uri: "/v1/admin/queues", method: .get, headers: [.authorization: "Bearer \(admin)"])
            #expect(badDetails?["currentETag"] as? String == queuesNow.headers[.eTag])
            // A list matches any of its tags; `*` matches whatever is in force.
            let listed = try await api.call(
                .patch, "/v1/admin/queues/support", token: admin, body: #"{"name":"Help"}"#,
                headers: [.ifMatch: "\(queuesTag), \(try #require(queuesNow.headers[.eTag]))"])
            #expect(listed.status == .ok, "\(listed.text)")
            let any = try await api.call(.patch, "/v1/admin/settings", token: admin, body: "{}", headers: [.ifMatch: "*"])
            #expect(any.status == .ok)
        }
    }

    @Test("Administration: a change is an input of the journal; a restart has it without the tenant record")
    func changeSurvivesRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-admin-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("switchboard.sqlite").path
        let configuration = ServerConfiguration(port: 0, passwordHashCost: 4)
        let server = try await SwitchboardServer(configuration: configuration, store: try SQLiteStore(path: path))
        try await server.seedDemoTenant()
        try await server.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            try await api.expectOK(.patch, "/v1/admin/settings", token: admin, body: #"{"ringTimeoutSeconds":42}"#)
            try await api.expectOK(.post, "/v1/admin/queues", token: admin, body: #"{"id":"billing","name":"Billing"}"#)
        }
        let record = try SQLiteStore(path: path).tenants().first
        #expect(record?.configuration.settings.ringTimeoutSeconds == 15, "the record keeps the configuration it was created with")
        let restarted = try await SwitchboardServer(configuration: configuration, store: try SQLiteStore(path: path))
        try await restarted.makeApplication(logger: Logger(label: "test")).test(.router) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let settings = try await api.expectOK(.get, "/v1/admin/settings", token: admin)
            #expect(settings["ringTimeoutSeconds"] as? Int == 42)
            #expect(try await api.call(.get, "/v1/admin/queues/billing", token: admin).status == .ok)
        }
    }
}

/// A flag one task lowers and others watch.
final class Flag: Sendable {
    private let value = Atomic<Bool>(true)
    var isUp: Bool { value.load(ordering: .relaxed) }
    func lower() { value.store(false, ordering: .relaxed) }
}
