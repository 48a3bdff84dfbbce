import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `/v1/admin/campaigns/{id}/contacts` (role admin, J2): a campaign's contact list. `POST` takes a
/// CSV file (a header naming the columns, one of them `number`) and appends the rows that can be
/// called; `GET` answers every contact with how far it is and a summary.
extension SwitchboardServer {
    func addCampaignRoutes(to router: Router<SwitchboardContext>) {
        router.post("/v1/admin/campaigns/:id/contacts") { request, context -> Response in
            let principal = try context.require(.admin)
            let campaignID = CampaignID(try context.parameters.require("id"))
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: Self.maximumContactListSize) } catch {
                throw APIError.bodyTooLarge
            }
            let table: CSVTable
            do throws(CSVTable.Malformed) { table = try CSVTable(buffer.readableBytesView) } catch {
                throw APIError(.badRequest, "invalid_csv", error.message)
            }
            let runtime = try self.runtime(for: principal)
            let upload: CampaignUpload
            do throws(CommandError) {
                upload = try await runtime.engine.uploadContacts(header: table.header, rows: table.rows, to: campaignID)
            } catch { throw APIError(error) }
            try await runtime.settle()
            let list = await runtime.engine.contacts(of: campaignID)
            return try jsonResponse(
                ContactUploadResource(
                    added: upload.accepted.count,
                    rejected: upload.rejected.map { .init(line: $0.line, reason: $0.reason, message: $0.message) },
                    ignoredColumns: upload.ignoredColumns,
                    summary: ContactSummaryResource(list)))
        }
        router.get("/v1/admin/campaigns/:id/contacts") { _, context -> Response in
            let principal = try context.require(.admin)
            let campaignID = CampaignID(try context.parameters.require("id"))
            let engine = try self.runtime(for: principal).engine
            guard await engine.configuration.campaign(campaignID) != nil else { throw APIError.notFound }
            let list = await engine.contacts(of: campaignID)
            return try jsonResponse(
                ContactListResource(items: (list?.contacts ?? []).map(ContactResource.init), summary: ContactSummaryResource(list)))
        }
    }

    /// The largest contact list one upload takes (10 000 contacts with a few columns fit).
    static let maximumContactListSize = 4 * 1024 * 1024
}

/// `POST .../contacts`: what was kept, what was left out and why.
struct ContactUploadResource: Encodable {
    struct Rejection: Encodable {
        let line: Int
        let reason: String
        let message: String
    }

    let added: Int
    let rejected: [Rejection]
    let ignoredColumns: [String]
    let summary: ContactSummaryResource
}

/// `GET .../contacts`.
struct ContactListResource: Encodable {
    let items: [ContactResource]
    let summary: ContactSummaryResource
}

/// One contact: `status` `pending`, `in_progress` or `done`, with its `result` once done.
struct ContactResource: Encodable {
    let id: Int
    let number: String
    let name: String?
    let values: [String: String]
    let status: String
    let result: String?
    let previews: Int
    let agentId: String?
    let interactionId: String?
    let updatedAt: String

    init(_ contact: CampaignContact) {
        id = contact.id
        number = contact.number.value
        name = contact.name
        values = contact.values
        switch contact.status {
        case .pending: status = "pending"
        case .inProgress: status = "in_progress"
        case .done: status = "done"
        }
        result = contact.result?.rawValue
        previews = contact.previews
        agentId = contact.agentID?.rawValue
        interactionId = contact.interactionID?.rawValue
        updatedAt = ISO8601.string(contact.updatedAt)
    }

    func encode(to encoder: any Encoder) throws {
        enum Key: String, CodingKey {
            case id, number, name, values, status, result, previews, agentId, interactionId, updatedAt
        }
        var json = encoder.container(keyedBy: Key.self)
        try json.encode(id, forKey: .id)
        try json.encode(number, forKey: .number)
        try json.encode(name, forKey: .name)
        try json.encode(values, forKey: .values)
        try json.encode(status, forKey: .status)
        try json.encode(result, forKey: .result)
        try json.encode(previews, forKey: .previews)
        try json.encode(agentId, forKey: .agentId)
        try json.encode(interactionId, forKey: .interactionId)
        try json.encode(updatedAt, forKey: .updatedAt)
    }
}

/// How many contacts are where, and how many ended with each result.
struct ContactSummaryResource: Encodable {
    let total: Int
    let pending: Int
    let inProgress: Int
    let results: [String: Int]

    init(_ list: CampaignContactList?) {
        let contacts = list?.contacts ?? []
        total = contacts.count
        pending = contacts.count(where: \.isPending)
        inProgress = contacts.count { if case .inProgress = $0.status { true } else { false } }
        var results: [String: Int] = [:]
        for result in CampaignContact.Result.allCases { results[result.rawValue] = 0 }
        for contact in contacts { if let result = contact.result { results[result.rawValue, default: 0] += 1 } }
        self.results = results
    }
}
