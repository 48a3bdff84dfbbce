import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import SwitchboardServer
import Testing

/// J2 preview campaigns through the HTTP API on the demo tenant: the administrator's campaign,
/// a CSV upload with its report, the agent's preview with Call and Skip, and the results.
@Suite("J2 preview campaigns over HTTP")
struct CampaignHTTPTests {
    /// A list as a Danish spreadsheet saves it: a byte-order mark, semicolons, CRLF, a quoted cell.
    static let csv =
        "\u{FEFF}number;name;plan;renewalDate;notes\r\n+45 12 34 56 78;Mette Holm;\"Gold; yearly\";2027-01-31;VIP\r\n"
        + "12;Too short;Basic;;\r\n+4587654321;Bo Lund;Basic;2027-02-28;\r\n"

    @Test("J2 an uploaded list is reported line by line; a started campaign previews its contacts to an Available agent; Call connects, and the result is kept")
    func previewAndCall() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let upload = try await api.expectOK(.post, "/v1/admin/campaigns/renewals/contacts", token: admin, body: Self.csv)
            #expect(upload["added"] as? Int == 2, "\(upload.text)")
            let rejected = upload["rejected"] as? [[String: Any]] ?? []
            #expect(rejected.map { $0["line"] as? Int } == [3] && rejected.first?["reason"] as? String == "invalid_dial_number")
            #expect(upload["ignoredColumns"] as? [String] == ["notes"])

            let token = try await api.readyAgent(1)
            #expect(try await api.firstTask(token).isEmpty, "a paused campaign previews nothing")
            try await api.expectOK(.patch, "/v1/admin/campaigns/renewals", token: admin, body: #"{"active":true}"#)
            let preview = try await api.firstTask(token)
            let campaign = preview["campaign"] as? [String: Any]
            #expect(preview["contactType"] as? String == "outbound" && preview["ani"] as? String == "+4512345678")
            #expect(campaign?["name"] as? String == "Contract renewals" && campaign?["preview"] as? Bool == true)
            let variables = (preview["popoverVariables"] as? [[String: Any]] ?? []).map { $0["value"] as? String }
            #expect(variables == ["Mette Holm", "Gold; yearly", "2027-01-31"])
            #expect(preview.control("accept").enabled && preview.control("decline").enabled)
            let device = try await api.expectOK(.get, "/v1/sim/devices/1001", token: token)
            #expect(device["ringing"] as? Bool == false, "nothing rings during a preview: \(device.text)")

            try await api.expectOK(.post, "/v1/tasks/\(preview.id)/accept", token: token)
            try await api.expectOK(.post, "/v1/sim/devices/1001/answer", token: token)
            let dialling = try await api.firstTask(token)
            let callID = dialling["callId"] as? String ?? ""
            try await api.expectOK(.post, "/v1/sim/calls/\(callID)/answer")
            #expect(try await api.firstTask(token).status == "connected")
            try await api.expectOK(.post, "/v1/tasks/\(preview.id)/end", token: token)

            let contacts = try await api.expectOK(.get, "/v1/admin/campaigns/renewals/contacts", token: admin)
            let items = contacts["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["result"] as? String } == ["answered", nil])
            #expect(items.first?["agentId"] as? String == "agent1" && items.first?["status"] as? String == "done")
            let summary = contacts["summary"] as? [String: Any]
            #expect(summary?["total"] as? Int == 2 && summary?["pending"] as? Int == 1)
        }
    }

    @Test("J2 Skip passes a contact by; the next one is previewed")
    func skip() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            try await api.expectOK(.post, "/v1/admin/campaigns/renewals/contacts", token: admin, body: Self.csv)
            try await api.expectOK(.patch, "/v1/admin/campaigns/renewals", token: admin, body: #"{"active":true}"#)
            let token = try await api.readyAgent(2)
            let first = try await api.firstTask(token)
            try await api.expectOK(.post, "/v1/tasks/\(first.id)/decline", token: token)
            let next = try await api.firstTask(token)
            #expect(next["ani"] as? String == "+4587654321" && next.id != first.id)
            let contacts = try await api.expectOK(.get, "/v1/admin/campaigns/renewals/contacts", token: admin)
            #expect((contacts["items"] as? [[String: Any]])?.first?["result"] as? String == "skipped")
        }
    }

    @Test("J2 bad lists and bad campaigns are refused with the error shape; nothing is kept")
    func refused() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let api = APIClient(client: client)
            let admin = try await api.login("admin")
            let path = "/v1/admin/campaigns/renewals/contacts"
            let noNumber = try await api.call(.post, path, token: admin, body: "phone,name\n+4512345678,Mette\n")
            #expect(noNumber.status == .badRequest && noNumber.errorReason == "missing_number_column", "\(noNumber.text)")
            let open = try await api.call(.post, path, token: admin, body: "number,name\n\"+4512345678,Mette\n")
            #expect(open.status == .badRequest && open.errorCode == "invalid_csv")
            let empty = try await api.call(.post, path, token: admin, body: "")
            #expect(empty.status == .badRequest && empty.errorCode == "invalid_csv")
            let unknown = try await api.call(.post, "/v1/admin/campaigns/nope/contacts", token: admin, body: "number\n+4512345678\n")
            #expect(unknown.status == .notFound)
            let agent = try await api.login("agent1")
            #expect(try await api.call(.get, path, token: agent).status == .forbidden)
            let listed = try await api.expectOK(.get, path, token: admin)
            #expect((listed["items"] as? [Any])?.isEmpty == true, "nothing refused was kept")

            let badTeam = try await api.call(.post, "/v1/admin/campaigns", token: admin, body: #"{"name":"X","teamId":"nope"}"#)
            #expect(badTeam.status == .badRequest, "\(badTeam.text)")
            let tooMany = try await api.call(
                .post, "/v1/admin/campaigns", token: admin,
                body: #"{"name":"X","teamId":"support-team","variables":[\#(Array(repeating: #"{"name":"a","label":"A"}"#, count: 7).joined(separator: ","))]}"#)
            #expect(tooMany.status == .badRequest && tooMany.object.fieldName == "variables")
            try await api.expectOK(.post, "/v1/admin/teams", token: admin, body: #"{"id":"outbound","name":"Outbound"}"#)
            let created = try await api.call(
                .post, "/v1/admin/campaigns", token: admin, body: #"{"id":"winback","name":"Win-back","teamId":"outbound"}"#)
            #expect(created.status == .created && created["active"] as? Bool == true && created["previewSeconds"] as? Int == 60)
            let inUse = try await api.call(.delete, "/v1/admin/teams/outbound", token: admin)
            #expect(inUse.status == .conflict && inUse.text.contains("campaign Win-back"), "\(inUse.text)")
        }
    }
}
