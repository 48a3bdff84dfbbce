import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Logging
import NIOCore
import NIOWebSocket
import SwitchboardEngine
@testable import SwitchboardServer
import Synchronization
import Testing
import WSClient

/// The real server on a free port, driven over HTTP and WebSocket only.
@Suite("End to end over HTTP and WebSocket")
struct LiveFlowTests {
    @Test("A call from arrival to wrap-up: offer, RONA, re-offer, answer, hold, consult, conference, transfer, end")
    func wholeCall() async throws {
        let clock = ManualClock()
        let app = try await makeTestServer(clock: clock).makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            try await api.expectOK(.patch, "/v1/admin/settings", token: admin, body: #"{"ringTimeoutSeconds":2}"#)
            let anna = try await api.readyAgent(1)
            _ = try await api.customerCalls()
            let firstOffer = try await api.firstTask(anna)
            #expect(firstOffer.status == "offered")

            // Nobody answers: RONA once the ring timeout has passed on the server's clock (its timer
            // driver fires it), then the call waits for the next agent.
            clock.advance(by: .seconds(3))
            let me = try await api.eventually(.get, "/v1/me", token: anna) { $0["state"] as? String == "RONA" }
            #expect(me["state"] as? String == "RONA")
            let bo = try await api.readyAgent(2)
            let offer = try await api.firstTask(bo)
            #expect(offer.status == "offered" && offer["interactionId"] as? String == firstOffer["interactionId"] as? String)
            // The re-offer keeps the call's arrival but is received by Bo later than Anna's offer.
            #expect(offer["arrivedAt"] as? String == firstOffer["arrivedAt"] as? String)
            #expect((offer["offeredAt"] as? String ?? "") > (firstOffer["offeredAt"] as? String ?? "~"))
            try await api.expectOK(.post, "/v1/sim/devices/1002/answer", token: bo)
            let taskID = offer.id

            let held = try await api.expectOK(.post, "/v1/tasks/\(taskID)/hold", token: bo).object
            #expect(held.legStates == ["held"] && held.control("end").reason == "on_hold")
            try await api.expectOK(.post, "/v1/tasks/\(taskID)/unhold", token: bo)

            // Consult Anna (back from RONA, Idle) and conference her in.
            try await api.expectOK(.put, "/v1/me/state", token: anna, body: #"{"state":"Idle","idleReasonId":"break"}"#)
            let targets = try await api.expectOK(.get, "/v1/me/consult-targets?type=agent", token: bo)
            #expect((targets["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["agent1"])
            let consulting = try await api.expectOK(
                .post, "/v1/tasks/\(taskID)/consult", token: bo, body: #"{"to":{"type":"agent","id":"agent1"}}"#).object
            #expect(consulting.legStates == ["held", "ringing"])
            #expect(consulting.control("consultConference") == (false, "consult_not_accepted"))
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: anna)
            let consult = try await api.firstTask(anna)
            #expect(consult["contactType"] as? String == "consult" && consult.status == "connected")
            let conference = try await api.expectOK(.post, "/v1/tasks/\(taskID)/consult/conference", token: bo).object
            #expect(conference.legStates == ["connected", "connected"])

            // Bo transfers the call to Anna and wraps up; Anna ends it and wraps up.
            let transferred = try await api.expectOK(.post, "/v1/tasks/\(taskID)/consult/transfer", token: bo).object
            #expect(transferred.status == "wrapup")
            try await api.expectOK(.post, "/v1/tasks/\(taskID)/wrapup", token: bo, body: #"{"reasonId":"resolved"}"#)
            let ended = try await api.expectOK(.post, "/v1/tasks/\(consult.id)/end", token: anna).object
            #expect(ended.status == "wrapup")
            let closed = try await api.expectOK(.post, "/v1/tasks/\(consult.id)/wrapup", token: anna, body: #"{"reasonId":"escalated"}"#).object
            #expect(closed.status == "closed")
            #expect(try await api.expectOK(.get, "/v1/me", token: bo)["state"] as? String == "Available")
            #expect(try await api.expectOK(.get, "/v1/tasks/\(consult.id)", token: anna)["status"] as? String == "closed", "a closed task stays readable")

            let supervisor = try await api.login("supervisor")
            let timeline = try await api.expectOK(
                .get, "/v1/interactions/\(offer["interactionId"] as? String ?? "")/timeline", token: supervisor)
            let types = (timeline["items"] as? [[String: Any]])?.compactMap { $0["type"] as? String } ?? []
            for expected in ["AgentOfferContact", "AgentOfferContactRona", "AgentContactAssigned", "AgentContactHeld",
                             "AgentConsultCreated", "AgentConsulting", "AgentConsultConferenced", "AgentConsultTransferred",
                             "ContactEnded", "AgentWrappedUp"] {
                #expect(types.contains(expected), "timeline lacks \(expected): \(types)")
            }
        }
    }

    @Test("K1 the WebSocket replays from since, then goes live; a reconnect gets exactly the missed events")
    func socketReplayAndReconnect() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let supervisor = try await api.login("supervisor")
            _ = try await api.readyAgent(1)
            let received = Mutex<[Int]>([])

            // First connection: everything from the start, then one live event.
            try await client.ws("/v1/events?since=0&access_token=\(supervisor)") { inbound, outbound, _ in
                var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                for _ in 0..<3 {
                    guard case .text(let text) = try await iterator.next() else { break }
                    received.withLock { $0.append(Self.sequence(text)) }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            #expect(received.withLock { $0 } == [1, 2, 3])

            // Missed while away: a customer call and its offer.
            _ = try await api.customerCalls()
            let stored = try await api.expectOK(.get, "/v1/events?since=3", token: supervisor)
            let missed = (stored["events"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } ?? []
            #expect(!missed.isEmpty)

            let again = Mutex<[Int]>([])
            try await client.ws("/v1/events?since=3&access_token=\(supervisor)") { inbound, outbound, _ in
                var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                for _ in 0..<missed.count {
                    guard case .text(let text) = try await iterator.next() else { break }
                    again.withLock { $0.append(Self.sequence(text)) }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            #expect(again.withLock { $0 } == missed)
        }
    }

    @Test("An agent's socket carries its own events and other agents' state changes only")
    func socketFiltersByAgent() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let anna = try await api.readyAgent(1)
            _ = try await api.readyAgent(2)
            _ = try await api.customerCalls()
            let messages = Mutex<[String]>([])
            try await client.ws("/v1/events?since=0&access_token=\(anna)") { inbound, outbound, _ in
                var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                while let message = try await iterator.next() {
                    guard case .text(let text) = message else { break }
                    messages.withLock { $0.append(text) }
                    if text.contains("\"AgentOfferContact\"") { break }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            let seen = messages.withLock { $0 }.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
            #expect(seen.contains { $0["type"] as? String == "AgentOfferContact" && $0["agentId"] as? String == "agent1" })
            #expect(seen.allSatisfy { $0["agentId"] as? String == "agent1" || $0["type"] as? String == "AgentStateChange" })
            #expect(seen.contains { $0["agentId"] as? String == "agent2" }, "other agents' state changes are visible")
        }
    }

    static func sequence(_ text: String) -> Int {
        ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any])?["seq"] as? Int ?? -1
    }
}
