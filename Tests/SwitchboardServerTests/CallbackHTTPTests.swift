import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardCore
import SwitchboardEngine
@testable import SwitchboardServer
import Testing

/// I1–I4 through the HTTP API on the demo tenant: `POST /v1/callbacks`, the courtesy choice on a
/// `sim` call, the customer's phone ringing back (`/v1/sim/callbacks/{id}`), Cancel.
@Suite("I callbacks over HTTP")
struct CallbackHTTPTests {
    static let webCallback = #"{"entryPointId":"support-ep","name":"Mette Sørensen","number":"+4512345678"}"#

    func requestCallback(_ api: APIClient) async throws -> String {
        let created = try await api.call(.post, "/v1/callbacks", body: Self.webCallback)
        #expect(created.status == .created, "\(created.text)")
        return created["callbackId"] as? String ?? ""
    }

    func callbackStatus(_ api: APIClient, _ id: String) async throws -> APIResponse {
        try await api.expectOK(.get, "/v1/sim/callbacks/\(id)")
    }

    @Test("I2 I3 C5 a web callback is offered as a callback; the agent's phone answers; the customer's phone rings and answers")
    func webCallbackEndToEnd() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let id = try await requestCallback(api)
            #expect(try await callbackStatus(api, id)["status"] as? String == "waiting")

            let token = try await api.readyAgent(1)
            let offer = try await api.firstTask(token)
            #expect(offer["contactType"] as? String == "callback" && offer["ani"] as? String == "+4512345678")
            #expect(offer["callId"] is NSNull)
            let callback = offer["callback"] as? [String: Any]
            #expect(callback?["kind"] as? String == "web" && callback?["name"] as? String == "Mette Sørensen")
            #expect(callback?["dialling"] as? Bool == false)

            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let dialling = try await api.firstTask(token)
            #expect(dialling.status == "offered" && (dialling["callback"] as? [String: Any])?["dialling"] as? Bool == true)
            #expect(dialling.control("end").reason == "calling_customer")
            let ringing = try await callbackStatus(api, id)
            #expect(ringing["status"] as? String == "ringing")
            let callID = ringing["callId"] as? String ?? ""
            #expect(dialling["callId"] as? String == callID)

            try await api.expectOK(.post, "/v1/sim/calls/\(callID)/answer")
            let connected = try await api.firstTask(token)
            #expect(connected.status == "connected" && connected.legStates == ["connected"])
            #expect(try await callbackStatus(api, id)["status"] as? String == "connected")
            // Answering twice is refused: the call no longer rings.
            let again = try await api.call(.post, "/v1/sim/calls/\(callID)/answer")
            #expect(again.status == .conflict)
        }
    }

    @Test("I2 a web callback needs a known entry point, a callable number and a name; unknown fields are refused")
    func validation() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let unknown = try await api.call(.post, "/v1/callbacks", body: #"{"entryPointId":"nope","name":"A","number":"+4512345678"}"#)
            #expect(unknown.status == .notFound)
            let number = try await api.call(.post, "/v1/callbacks", body: #"{"entryPointId":"support-ep","name":"A","number":"soon"}"#)
            #expect(number.status == .badRequest && number.errorCode == "invalid_dial_number")
            let name = try await api.call(.post, "/v1/callbacks", body: #"{"entryPointId":"support-ep","name":"  ","number":"+4512345678"}"#)
            #expect(name.status == .badRequest && name.errorCode == "invalid_request")
            let extra = try await api.call(
                .post, "/v1/callbacks", body: #"{"entryPointId":"support-ep","name":"A","number":"+4512345678","vip":true}"#)
            #expect(extra.status == .badRequest)
            let missing = try await api.call(.post, "/v1/callbacks", body: #"{"entryPointId":"support-ep"}"#)
            #expect(missing.status == .badRequest)
        }
    }

    @Test("I2 web callbacks are rate limited per source address: 429 rate_limited with Retry-After")
    func rateLimited() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            for _ in 0..<5 { _ = try await requestCallback(api) }
            let limited = try await api.call(.post, "/v1/callbacks", body: Self.webCallback)
            #expect(limited.status == .tooManyRequests && limited.errorCode == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Refused requests cost nothing else: still five callbacks waiting.
            let supervisor = try await api.login("supervisor")
            let listed = try await api.expectOK(.get, "/v1/interactions", token: supervisor)
            #expect((listed["items"] as? [[String: Any]])?.count == 5)
        }
    }

    @Test("I1 a queued caller presses 1: the call leaves the line and the callback keeps its place")
    func courtesyChoice() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let callID = try await api.customerCalls()
            let queued = try await api.expectOK(.get, "/v1/sim/calls/\(callID)")
            #expect(queued["callbackOffered"] as? Bool == true, "nobody is logged in: the wait has no end")
            #expect(queued["callbackId"] == nil)
            try await api.expectOK(.post, "/v1/sim/calls/\(callID)/dtmf", body: #"{"digits":"1"}"#)
            let left = try await api.expectOK(.get, "/v1/sim/calls/\(callID)")
            #expect(left["status"] as? String == "ended")
            let id = left["callbackId"] as? String ?? ""
            #expect(try await callbackStatus(api, id)["status"] as? String == "waiting")
            // Keys on a call that has left the line are refused.
            let late = try await api.call(.post, "/v1/sim/calls/\(callID)/dtmf", body: #"{"digits":"1"}"#)
            #expect(late.status == .conflict)

            let token = try await api.readyAgent(1)
            let offer = try await api.firstTask(token)
            #expect(offer["contactType"] as? String == "callback")
            #expect((offer["callback"] as? [String: Any])?["kind"] as? String == "courtesy")
        }
    }

    @Test("A3 I1 an entry point's opening hours: saved with their zone, checked, and a closed entry point offers the callback")
    func openingHours() async throws {
        let server = try await makeTestServer()
        let app = server.makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let badZone = try await api.call(
                .patch, "/v1/admin/entry-points/sales-ep", token: admin,
                body: #"{"openingHours":{"timeZone":"Mars/Olympus","days":[]}}"#)
            #expect(badZone.status == .badRequest && badZone.object.fieldName == "openingHours.timeZone")
            let badDay = try await api.call(
                .patch, "/v1/admin/entry-points/sales-ep", token: admin,
                body: #"{"openingHours":{"timeZone":"Europe/Copenhagen","days":[{"weekday":8,"opens":"08:00","closes":"16:00"}]}}"#)
            #expect(badDay.status == .badRequest && badDay.object.fieldName == "openingHours.days[0]")
            // Closed every day: a queued caller is offered the callback whatever the wait.
            let saved = try await api.call(
                .patch, "/v1/admin/entry-points/sales-ep", token: admin,
                body: #"{"courtesyCallbackMinimumWaitSeconds":86400,"openingHours":{"timeZone":"Europe/Copenhagen","days":[]}}"#)
            #expect(saved.status == .ok, "\(saved.text)")
            let hours = saved["openingHours"] as? [String: Any]
            #expect(hours?["timeZone"] as? String == "Europe/Copenhagen" && (hours?["days"] as? [Any])?.isEmpty == true)
            let stored = await server.tenants.runtime("demo")!.engine.configuration.entryPoint("sales-ep")!.openingHours!
            #expect(Set(stored.offsets.map(\.minutes)) == [60, 120], "winter and summer time, ten years ahead")
            #expect(stored.offsets.count >= 20)
            // One agent logged in to serve the queue but Idle: the wait is counted, not endless.
            let agent = try await api.login("agent2")
            try await api.expectOK(
                .post, "/v1/me/station-login", token: agent, body: #"{"teamId":"support-team","dialNumber":"1002"}"#)
            let callID = try await api.customerCalls("+4570100200")
            let queued = try await api.expectOK(.get, "/v1/sim/calls/\(callID)")
            #expect(queued["callbackOffered"] as? Bool == true)
            let open = try await api.call(
                .patch, "/v1/admin/entry-points/sales-ep", token: admin,
                body: #"{"openingHours":{"timeZone":"UTC","days":[{"weekday":1,"opens":"00:00","closes":"24:00"},{"weekday":2,"opens":"00:00","closes":"24:00"},{"weekday":3,"opens":"00:00","closes":"24:00"},{"weekday":4,"opens":"00:00","closes":"24:00"},{"weekday":5,"opens":"00:00","closes":"24:00"},{"weekday":6,"opens":"00:00","closes":"24:00"},{"weekday":7,"opens":"00:00","closes":"24:00"}]}}"#)
            #expect(open.status == .ok)
            let waiting = try await api.expectOK(.get, "/v1/sim/calls/\(callID)")
            #expect(waiting["callbackOffered"] as? Bool == false, "open, and the wait is under a day")
        }
    }

    @Test("I3 Cancel a web callback while the customer's phone rings: the agent wraps up; before that it is refused")
    func cancel() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let id = try await requestCallback(api)
            let token = try await api.readyAgent(1)
            let offer = try await api.firstTask(token)
            let early = try await api.call(.post, "/v1/tasks/\(offer.id)/cancel", token: token)
            #expect(early.status == .conflict && early.errorReason == "not_accepted")
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let cancelled = try await api.expectOK(.post, "/v1/tasks/\(offer.id)/cancel", token: token)
            #expect(cancelled.object.status == "wrapup")
            #expect(try await callbackStatus(api, id)["status"] as? String == "ended")
            let me = try await api.expectOK(.get, "/v1/me", token: token)
            #expect(me["state"] as? String == "WrapUp")
        }
    }
}

/// A3: opening hours whose zone offsets run out are expanded again when the tenant starts.
@Suite("Opening hours refresh")
struct OpeningHoursRefreshTests {
    @Test("A3 a tenant whose opening hours list offsets only up to 2020 starts with them expanded ten years ahead")
    func refreshedAtStart() async throws {
        let server = try await makeTestServer()
        let stale = OpeningHours(
            timeZone: "Europe/Copenhagen", days: [.init(weekday: 1, opensAt: 480, closesAt: 960)],
            offsets: [.init(from: Instant(millisecondsSinceEpoch: 1_577_836_800_000), minutes: 60)])
        var configuration = DemoTenant.configuration
        configuration = configuration.modified { $0.entryPoints[0].openingHours = stale }
        try await server.createTenant("other", configuration: configuration, users: [])
        let hours = await server.tenants.runtime("other")!.engine.configuration.entryPoints[0].openingHours!
        #expect(hours.offsets.count >= 20 && Set(hours.offsets.map(\.minutes)) == [60, 120])
        // A zone without changes is left as it is.
        let fixed = OpeningHours(timeZone: "UTC", days: [], offsets: [.init(from: Instant(millisecondsSinceEpoch: 0), minutes: 0)])
        let untouched = OpeningHoursShape.refreshed(configuration.modified { $0.entryPoints[0].openingHours = fixed })
        #expect(untouched.entryPoints[0].openingHours == fixed)
    }
}

/// A3: the admin API's opening-hours times.
@Suite("Opening hours times")
struct OpeningHoursTimeTests {
    @Test("A3 times are HH:MM in ASCII digits, 00:00 to 24:00")
    func times() {
        #expect(OpeningHoursShape.minutes("08:00") == 480 && OpeningHoursShape.minutes("24:00") == 1440)
        for bad in ["+8:00", "-0:00", "8:00", "24:01", "12:60", "1200", "١٢:٠٠", ""] {
            #expect(OpeningHoursShape.minutes(bad) == nil, "\(bad)")
        }
        #expect(OpeningHoursShape.clock(1440) == "24:00" && OpeningHoursShape.clock(65) == "01:05")
    }
}
