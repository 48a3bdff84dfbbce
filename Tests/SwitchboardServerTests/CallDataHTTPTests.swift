import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import SwitchboardServer
import Testing

/// H1–H4, K4 through the HTTP API on the demo tenant (its secure variable is `cardNumber`).
@Suite("H call data over HTTP")
struct CallDataHTTPTests {
    static let card = "4571 9988 1234 5678"

    /// Agent 1 on a connected Support call; answers the agent's token and the task id.
    func connectedCall(_ api: APIClient) async throws -> (String, String) {
        let token = try await api.readyAgent(1)
        _ = try await api.customerCalls()
        let offer = try await api.firstTask(token)
        try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
        return (token, offer.id)
    }

    func patch(_ api: APIClient, _ task: String, token: String, version: String?, _ body: String) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let version { headers[.ifMatch] = version }
        return try await api.call(.patch, "/v1/tasks/\(task)/cad", token: token, body: body, headers: headers)
    }

    func value(_ name: String, in task: [String: Any]) -> Any? {
        let variables = (task["cad"] as? [String: Any])?["variables"] as? [[String: Any]] ?? []
        return variables.first { $0["name"] as? String == name }?["value"] ?? nil
    }

    @Test("K4 H3 a save needs If-Match; it answers the new version; a stale one is 409 cad_conflict with what is saved")
    func conditionalSave() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let (token, task) = try await connectedCall(api)
            let unconditional = try await patch(api, task, token: token, version: nil, #"{"values":{"caseNumber":"C-1"}}"#)
            #expect(unconditional.status == .badRequest && unconditional.errorCode == "invalid_request")

            let saved = try await patch(api, task, token: token, version: "1", #"{"values":{"caseNumber":"C-1"}}"#)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect((saved["cad"] as? [String: Any])?["version"] as? Int == 2)
            #expect(value("caseNumber", in: saved.object) as? String == "C-1")

            let stale = try await patch(api, task, token: token, version: "1", #"{"values":{"caseNumber":"C-2"}}"#)
            #expect(stale.status == .conflict && stale.errorCode == "cad_conflict")
            let details = (stale.object["error"] as? [String: Any])?["details"] as? [String: Any]
            #expect(details?["version"] as? Int == 2)
            let values = details?["values"] as? [String: Any]
            #expect(values?["caseNumber"] as? String == "C-1")
            #expect(values?["cardNumber"] as? String == "********", "secure values stay masked in a conflict")
            #expect(values?["followUpAt"] is NSNull)
        }
    }

    @Test("H1 a value over 256 characters is 400 value_too_long; a wrong type 400; a read-only variable 409")
    func refusedValues() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let (token, task) = try await connectedCall(api)
            let long = String(repeating: "x", count: 257)
            let tooLong = try await patch(api, task, token: token, version: "1", #"{"values":{"caseNumber":"\#(long)"}}"#)
            #expect(tooLong.status == .badRequest && tooLong.errorCode == "value_too_long")
            #expect(tooLong.text.contains(#""field":"values.caseNumber""#))
            let wrongType = try await patch(api, task, token: token, version: "1", #"{"values":{"followUpAt":"soon"}}"#)
            #expect(wrongType.status == .badRequest && wrongType.errorReason == "invalid_value")
            let readOnly = try await patch(api, task, token: token, version: "1", #"{"values":{"customerName":"X"}}"#)
            #expect(readOnly.status == .conflict && readOnly.errorReason == "not_editable")
            let unchanged = try await api.expectOK(.get, "/v1/tasks/\(task)", token: token)
            #expect((unchanged["cad"] as? [String: Any])?["version"] as? Int == 1, "nothing refused is saved")
            let other = try await api.readyAgent(2)
            let foreign = try await patch(api, task, token: other, version: "1", #"{"values":{"caseNumber":"y"}}"#)
            #expect(foreign.status == .notFound)
        }
    }

    @Test("H2 reveal answers the secure value once (no-store) and is audited; the value is in no event or timeline entry")
    func revealAudited() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let (token, task) = try await connectedCall(api)
            let shown = try await api.expectOK(.get, "/v1/tasks/\(task)", token: token)
            #expect(value("cardNumber", in: shown.object) as? String == "********")
            let response = try await client.execute(
                uri: "/v1/tasks/\(task)/cad/cardNumber/reveal", method: .post, headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(String(buffer: response.body).contains(Self.card))
            let notSecure = try await api.call(.post, "/v1/tasks/\(task)/cad/caseNumber/reveal", token: token)
            #expect(notSecure.status == .conflict && notSecure.errorReason == "not_secure")
            let unknown = try await api.call(.post, "/v1/tasks/\(task)/cad/nothing/reveal", token: token)
            #expect(unknown.status == .notFound)

            let supervisor = try await api.login("supervisor")
            let interaction = shown["interactionId"] as? String ?? ""
            let timeline = try await api.expectOK(.get, "/v1/interactions/\(interaction)/timeline", token: supervisor)
            #expect(timeline.text.contains("ContactValueRevealed"))
            #expect(timeline.text.contains(#""variables":["cardNumber"]"#))
            let events = try await api.expectOK(.get, "/v1/events?since=0", token: supervisor)
            for text in [timeline.text, events.text, shown.text] {
                #expect(!text.contains(Self.card) && !text.contains("4571"))
            }
        }
    }

    @Test("A5 a simulated call may carry routing's values; an invalid one is refused with its field")
    func routingValues() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let token = try await api.readyAgent(1)
            let bad = try await api.call(
                .post, "/v1/sim/calls", body: #"{"from":"+4512345678","to":"+4570100100","variables":{"followUpAt":"x"}}"#)
            #expect(bad.status == .badRequest && bad.errorReason == "invalid_value")
            #expect(bad.text.contains(#""field":"variables.followUpAt""#))
            try await api.expectOK(
                .post, "/v1/sim/calls", body: #"{"from":"+4512345678","to":"+4570100100","variables":{"caseNumber":"IVR-5"}}"#)
            let offer = try await api.firstTask(token)
            #expect(value("caseNumber", in: offer) as? String == "IVR-5")
        }
    }
}
