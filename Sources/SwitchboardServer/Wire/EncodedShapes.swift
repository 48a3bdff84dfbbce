import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

// The API's JSON shapes that are not hot, as `Encodable` types: each member's name is spelled once,
// as a coding key. (The task, agent and event shapes are written by hand: `WrittenShapes.swift`.)
// An optional member that API.md shows as `null` is encoded with `encode`, one it leaves out with
// `encodeIfPresent`.

/// `{"items":[...]}`.
struct ItemsResource<Item: Encodable>: Encodable {
    let items: [Item]
}

/// One row of a consult or transfer target list.
struct TargetResource: Encodable {
    let item: TargetListItem

    private enum CodingKeys: String, CodingKey {
        case type, id, name, number, state, idleReasonId, team, presence, role, department
    }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: CodingKeys.self)
        try json.encode(item.type.rawValue, forKey: .type)
        try json.encode(item.id, forKey: .id)
        try json.encode(item.name, forKey: .name)
        try json.encodeIfPresent(item.number, forKey: .number)
        try json.encodeIfPresent(item.agentState?.rawValue, forKey: .state)
        try json.encodeIfPresent(item.idleReasonID?.rawValue, forKey: .idleReasonId)
        try json.encodeIfPresent(item.teamName, forKey: .team)
        try json.encodeIfPresent(item.presence?.rawValue, forKey: .presence)
        try json.encodeIfPresent(item.role, forKey: .role)
        try json.encodeIfPresent(item.department, forKey: .department)
    }
}

/// A wrap-up or idle reason as an agent may choose it (`GET /v1/wrapup-reasons`, `/v1/idle-reasons`).
struct ReasonResource: Encodable {
    let id: String
    let code: String
    let name: String

    init(_ reason: Reason) {
        id = reason.id.rawValue
        code = reason.code
        name = reason.name
    }
}

/// One queue of `GET /v1/queues/stats`.
struct QueueStatisticsResource: Encodable {
    let queueId: String
    let name: String
    let waiting: Int
    let longestWaitSeconds: Int64
    let agentsAvailable: Int
    let agentsEngaged: Int
    let agentsLoggedIn: Int

    init(_ statistics: QueueStatistics) {
        queueId = statistics.queueID.rawValue
        name = statistics.name
        waiting = statistics.waiting
        longestWaitSeconds = statistics.longestWait.components.seconds
        agentsAvailable = statistics.agentsAvailable
        agentsEngaged = statistics.agentsEngaged
        agentsLoggedIn = statistics.agentsLoggedIn
    }
}

/// `GET /v1/interactions`: the interactions in progress as of event `seq`.
struct InteractionSummaryList: Encodable {
    let items: [InteractionSummaryResource]
    let seq: Int64
}

/// One item of `GET /v1/interactions`.
struct InteractionSummaryResource: Encodable {
    let summary: InteractionSummary

    private enum CodingKeys: String, CodingKey {
        case interactionId, status, ani, dnis, queueId, agentIds, arrivedAt
    }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: CodingKeys.self)
        try json.encode(summary.id.rawValue, forKey: .interactionId)
        try json.encode(summary.status.rawValue, forKey: .status)
        try json.encode(summary.ani, forKey: .ani)
        try json.encode(summary.dnis, forKey: .dnis)
        try json.encode(summary.queueID?.rawValue, forKey: .queueId)
        try json.encode(summary.agentIDs.map(\.rawValue), forKey: .agentIds)
        try json.encode(ISO8601.string(summary.arrivedAt), forKey: .arrivedAt)
    }
}

/// `POST /v1/auth/login`: the bearer token and who it is for.
struct LoginResource: Encodable {
    let token: String
    let role: String
    let agentId: String?
    let expiresAt: String

    init(token: String, record: TokenRecord) {
        self.token = token
        role = record.role.rawValue
        agentId = record.agentID?.rawValue
        expiresAt = ISO8601.string(record.expiresAt)
    }
}

/// `GET /healthz` when every tenant takes commands.
struct HealthResource: Encodable {
    let status = "ok"
}

/// An error body: `{"error":{"code","message","details"?}}`.
struct ErrorResource: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let details: [String: JSONValue]?
    }

    let error: Body

    init(_ error: APIError) {
        self.error = Body(code: error.code, message: error.message, details: error.details.isEmpty ? nil : error.details)
    }
}

/// `POST /v1/sim/calls`: the call placed.
struct SimCallPlacedResource: Encodable {
    let callId: String
}

/// One number of `GET /v1/sim/entry-points`.
struct SimEntryPointResource: Encodable {
    let tenant: String
    /// What `POST /v1/callbacks` names (with `tenant`).
    let id: String
    let name: String
    let dialNumber: String
}

/// A simulated customer call (`GET /v1/sim/calls/{callId}`; hangup answers `status` ended).
struct SimCallResource: Encodable {
    let callId: String
    let from: String
    let to: String
    let status: String
    /// Its place in the queue while it waits.
    let queuePosition: Int?
    /// I1: the caller may press 1 for a courtesy callback now.
    let callbackOffered: Bool
    /// I1, I3: the callback this call belongs to (chosen on it, or placed by it), to follow at
    /// `/v1/sim/callbacks/{callbackId}`.
    let callbackId: String?

    init(
        _ callID: CallID, _ call: SimulatedCall, status: SimulatedCall.Status? = nil, queuePosition: Int? = nil,
        callbackOffered: Bool = false, callbackId: InteractionID? = nil
    ) {
        callId = callID.rawValue
        from = call.ani
        to = call.dnis
        self.status = (status ?? call.status).rawValue
        self.queuePosition = queuePosition
        self.callbackOffered = callbackOffered
        self.callbackId = callbackId?.rawValue
    }
}

/// `GET /v1/sim/callbacks/{callbackId}`: where a callback stands for the customer, and the call
/// ringing them back (answer it at `/v1/sim/calls/{callId}/answer`).
struct SimCallbackResource: Encodable {
    let callbackId: String
    /// `waiting` (in the queue, or until a retry), `ringing`, `connected` or `ended`.
    let status: String
    let callId: String?
    let unansweredAttempts: Int
}

/// `POST /v1/sim/calls/{callId}/dtmf`: the digits sent.
struct SimDigitsResource: Encodable {
    let callId: String
    let digits: String
}

/// A simulated agent phone (`/v1/sim/devices/{dialNumber}`).
struct SimDeviceResource: Encodable {
    let dialNumber: String
    let ringing: Bool
    let connected: [String]
    let ringingTaskId: String?

    init(_ dialNumber: DialNumber, _ device: SimulatedDevice) {
        self.dialNumber = dialNumber.value
        ringing = device.isRinging
        connected = device.connected.map(\.rawValue)
        ringingTaskId = device.ringing?.rawValue
    }
}

/// `POST /v1/tasks/{taskId}/cad/{name}/reveal`: the one secure value (H2).
struct RevealedValueResource: Encodable {
    let name: String
    let value: String
}
