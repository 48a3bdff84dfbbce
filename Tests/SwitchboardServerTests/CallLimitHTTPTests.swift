import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import SwitchboardServer
import Testing

/// J1 through the HTTP API: the tenant's `concurrentCallLimit` and the deployment's
/// `serve --max-calls` refuse what would place a call with 409 `concurrent_call_limit`, the
/// limit and its reason code; the calls already up go on.
@Suite("J1 concurrent-call limits over HTTP")
struct CallLimitHTTPTests {
    func limitDetails(_ response: APIResponse) -> (String?, String?) {
        let details = (response.object["error"] as? [String: Any])?["details"] as? [String: Any]
        return (details?["limit"] as? String, details?["code"] as? String)
    }

    @Test("J1 at the tenant's limit a new call and a consult outside are 409 with limit tenant; the call up goes on")
    func tenantLimit() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            try await api.expectOK(.patch, "/v1/admin/settings", token: admin, body: #"{"concurrentCallLimit":1}"#)
            let token = try await api.readyAgent(1)
            _ = try await api.customerCalls()
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let task = try await api.firstTask(token)

            let second = try await api.call(.post, "/v1/sim/calls", body: #"{"from":"+4511111111","to":"+4570100100"}"#)
            #expect(second.status == .conflict && second.errorCode == "concurrent_call_limit")
            #expect(limitDetails(second) == ("tenant", "CCL-TENANT"))
            let consult = try await api.call(
                .post, "/v1/tasks/\(task.id)/consult", token: token, body: #"{"to":{"type":"dialNumber","number":"+4533445566"}}"#)
            #expect(consult.status == .conflict && limitDetails(consult) == ("tenant", "CCL-TENANT"))
            let after = try await api.firstTask(token)
            #expect(after.status == "connected" && after.legStates == ["connected"])
        }
    }

    @Test("J1 at the deployment's limit every tenant refuses with limit deployment until a call ends")
    func deploymentLimit() async throws {
        let app = try await makeTestServer { $0.maximumCalls = 1 }.makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let first = try await api.customerCalls()
            let second = try await api.call(.post, "/v1/sim/calls", body: #"{"from":"+4511111111","to":"+4570100200"}"#)
            #expect(second.status == .conflict && limitDetails(second) == ("deployment", "CCL-DEPLOYMENT"))
            try await api.expectOK(.post, "/v1/sim/calls/\(first)/hangup")
            // Room again once the tenants hear of it.
            let deadline = ContinuousClock.now.advanced(by: .seconds(5))
            var third = try await api.call(.post, "/v1/sim/calls", body: #"{"from":"+4511111111","to":"+4570100200"}"#)
            while third.status != .created, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                third = try await api.call(.post, "/v1/sim/calls", body: #"{"from":"+4511111111","to":"+4570100200"}"#)
            }
            #expect(third.status == .created, "\(third.text)")
        }
    }
}
