import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchboardEngine
@testable import SwitchboardServer
import SwitchboardStore
import Testing

/// A server with the demo tenant on an in-memory database (cheap password hashes).
func makeTestServer(
    clock: any EngineClock = SystemClock(), _ adjust: (inout ServerConfiguration) -> Void = { _ in }
) async throws -> SwitchboardServer {
    var configuration = ServerConfiguration(port: 0, passwordHashCost: 4, simulatedOutsideAnswerDelay: .milliseconds(50))
    adjust(&configuration)
    let server = try await SwitchboardServer(configuration: configuration, store: try SQLiteStore.inMemory(), clock: clock)
    try await server.seedDemoTenant()
    return server
}

/// A JSON answer: the status and the parsed body.
struct APIResponse {
    let status: HTTPResponse.Status
    let json: Any?
    let text: String
    var headers: HTTPFields = [:]

    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }
    var errorReason: String? { ((object["error"] as? [String: Any])?["details"] as? [String: Any])?["reason"] as? String }
    subscript(key: String) -> Any? { object[key] }
}

/// Calls the API as a client would.
struct APIClient {
    let client: any TestClientProtocol

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        return APIResponse(
            status: response.status, json: try? JSONSerialization.jsonObject(with: Data(text.utf8)), text: text,
            headers: response.headers)
    }

    func login(_ username: String, password: String? = nil) async throws -> String {
        let password = password ?? (username.hasPrefix("agent") ? "password" : username)
        let response = try await call(
            .post, "/v1/auth/login", body: #"{"tenant":"demo","username":"\#(username)","password":"\#(password)"}"#)
        #expect(response.status == .ok, "login \(username): \(response.text)")
        return response["token"] as? String ?? ""
    }

    /// Logs an agent in at a station and makes them Available; returns the token.
    func readyAgent(_ number: Int) async throws -> String {
        let token = try await login("agent\(number)")
        try await expectOK(.post, "/v1/me/station-login", token: token, body: #"{"teamId":"support-team","dialNumber":"100\#(number)"}"#)
        try await expectOK(.put, "/v1/me/state", token: token, body: #"{"state":"Available"}"#)
        return token
    }

    /// Asks until `holds` is true of the answer (the server's timer driver acts on its own task),
    /// for at most `limit` of real time; answers the last answer.
    func eventually(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, limit: Duration = .seconds(5),
        until holds: (APIResponse) -> Bool
    ) async throws -> APIResponse {
        let deadline = ContinuousClock.now.advanced(by: limit)
        var response = try await call(method, path, token: token)
        while !holds(response), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            response = try await call(method, path, token: token)
        }
        return response
    }

    @discardableResult
    func expectOK(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        let response = try await call(method, path, token: token, body: body)
        #expect((200..<300).contains(response.status.code), "\(method) \(path): \(response.text)", sourceLocation: sourceLocation)
        return response
    }

    /// A customer calls the Support entry point; returns the call id.
    func customerCalls(_ number: String = "+4570100100") async throws -> String {
        let response = try await expectOK(.post, "/v1/sim/calls", body: #"{"from":"+4512345678","to":"\#(number)"}"#)
        #expect(response.status == .created)
        return response["callId"] as? String ?? ""
    }

    /// The agent's first open task.
    func firstTask(_ token: String) async throws -> [String: Any] {
        let me = try await expectOK(.get, "/v1/me", token: token)
        return (me["tasks"] as? [[String: Any]])?.first ?? [:]
    }
}

extension [String: Any] {
    var id: String { self["id"] as? String ?? "" }
    var status: String? { self["status"] as? String }

    func control(_ name: String) -> (enabled: Bool, reason: String?) {
        let control = (self["controls"] as? [String: Any])?[name] as? [String: Any]
        return (control?["enabled"] as? Bool ?? false, control?["reason"] as? String)
    }

    var legStates: [String] { (self["legs"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String } }

    /// `details.field` of an error answer.
    var fieldName: String? { ((self["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String }
}

/// What this release added to the event messages since the release of 2026-11 (`cad.edit` and
/// `cad.reveal` of a task, H1, H2; an agent's `device`, L2). Comparisons with that release's messages take them out first,
/// so every byte that release wrote is still pinned.
enum MessageAdditions {
    private static let callDataControls = try! NSRegularExpression(
        pattern: #"("cad":\{"version":[0-9]+),"edit":\{[^}]*\},"reveal":\{[^}]*\}"#)

    /// L2: `device` on the agent's own login, logout and device events.
    private static let device = try! NSRegularExpression(pattern: #","device":\{[^}]*\}"#)

    static func removed(from json: String) -> String {
        let withoutControls = callDataControls.stringByReplacingMatches(
            in: json, range: NSRange(json.startIndex..., in: json), withTemplate: "$1")
        return device.stringByReplacingMatches(
            in: withoutControls, range: NSRange(withoutControls.startIndex..., in: withoutControls), withTemplate: "")
    }
}
