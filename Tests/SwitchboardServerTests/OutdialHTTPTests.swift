import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import SwitchboardServer
import Testing

/// J2 through the HTTP API on the demo tenant: `POST /v1/me/outdial`, the agent's phone first,
/// then the customer's phone on the `sim` network.
@Suite("J2 outbound calls over HTTP")
struct OutdialHTTPTests {
    @Test("J2 an outdial answers 201 with /v1/me and the outbound task; the phones ring in turn and connect")
    func outdial() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let token = try await api.readyAgent(1)
            let placed = try await api.call(
                .post, "/v1/me/outdial", token: token, body: #"{"number":"+45 12 34 56 78","entryPointId":"sales-ep"}"#)
            #expect(placed.status == .created, "\(placed.text)")
            let task = (placed["tasks"] as? [[String: Any]])?.first ?? [:]
            #expect(task["contactType"] as? String == "outbound" && task["ani"] as? String == "+4512345678")
            #expect(task["dnis"] as? String == "+4570100200" && task.status == "offered")
            #expect(task["callId"] is NSNull)

            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let dialling = try await api.firstTask(token)
            #expect(dialling.legStates == ["ringing"] && dialling.control("end").enabled)
            let callID = dialling["callId"] as? String ?? ""
            let ringing = try await api.expectOK(.get, "/v1/sim/calls/\(callID)")
            #expect(ringing["status"] as? String == "ringing")
            try await api.expectOK(.post, "/v1/sim/calls/\(callID)/answer")
            let connected = try await api.firstTask(token)
            #expect(connected.status == "connected" && connected.legStates == ["connected"])
        }
    }

    @Test("J2 an outdial needs a dial number, a known entry point and a free agent")
    func refused() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let token = try await api.readyAgent(1)
            let number = try await api.call(.post, "/v1/me/outdial", token: token, body: #"{"number":"12"}"#)
            #expect(number.status == .badRequest && number.errorCode == "invalid_dial_number")
            let entryPoint = try await api.call(
                .post, "/v1/me/outdial", token: token, body: #"{"number":"+4512345678","entryPointId":"nope"}"#)
            #expect(entryPoint.status == .notFound)
            try await api.expectOK(.post, "/v1/me/outdial", token: token, body: #"{"number":"+4512345678"}"#)
            let second = try await api.call(.post, "/v1/me/outdial", token: token, body: #"{"number":"+4512345679"}"#)
            #expect(second.status == .conflict && second.errorReason == "on_call")
            let supervisor = try await api.login("supervisor")
            let forbidden = try await api.call(.post, "/v1/me/outdial", token: supervisor, body: #"{"number":"+4512345678"}"#)
            #expect(forbidden.status == .forbidden)
        }
    }
}
