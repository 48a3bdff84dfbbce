import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// A coding key made from any string.
struct Key: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

/// A task as the API shows it (`GET /v1/tasks/{id}`, task commands, task events).
struct TaskResource: Encodable {
    let task: TaskSnapshot
    /// What a task event adds (`reason`, `autoResumed`, `changed`).
    var details: TaskEventDetails?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(task.id.rawValue, forKey: "id")
        try container.encode(task.agentID.rawValue, forKey: "agentId")
        try container.encode(task.status.rawValue, forKey: "status")
        try container.encode(task.callID?.rawValue, forKey: "callId")
        try container.encode(task.interactionID.rawValue, forKey: "interactionId")
        try container.encode(task.contactType.rawValue, forKey: "contactType")
        try container.encode(task.ani, forKey: "ani")
        try container.encode(task.dnis, forKey: "dnis")
        if let queue = task.queue {
            try container.encode(["id": queue.id.rawValue, "name": queue.name], forKey: "queue")
        } else {
            try container.encodeNil(forKey: "queue")
        }
        try container.encode(ISO8601.string(task.arrivedAt), forKey: "arrivedAt")
        try container.encode(task.popoverVariables.map { ["name": $0.name, "label": $0.label, "value": $0.value] }, forKey: "popoverVariables")
        switch task.role {
        case .owner: try container.encode("owner", forKey: "role")
        case .consulted(let viaEntryPoint):
            try container.encode("consulted", forKey: "role")
            try container.encode(viaEntryPoint, forKey: "viaEntryPoint")
        }
        try container.encode(task.participants.map(ParticipantResource.init), forKey: "participants")
        try container.encode(task.legs.map(LegResource.init), forKey: "legs")
        try container.encode(["state": task.recording], forKey: "recording")
        try container.encode(CADResource(values: task.cad, version: task.cadVersion), forKey: "cad")
        try container.encode(ControlsResource(controls: task.controls), forKey: "controls")
        try container.encodeIfPresent(task.ringDeadline.map(ISO8601.string), forKey: "ringDeadline")
        try container.encodeIfPresent(task.connectedAt.map(ISO8601.string), forKey: "connectedAt")
        try container.encodeIfPresent(task.wrapUpReasonID?.rawValue, forKey: "wrapUpReasonId")
        try container.encodeIfPresent(task.closeReason?.rawValue, forKey: "closeReason")
        if let details {
            try container.encodeIfPresent(details.reason, forKey: "reason")
            try container.encodeIfPresent(details.autoResumed, forKey: "autoResumed")
            try container.encodeIfPresent(details.changed, forKey: "changed")
        }
    }
}

struct ParticipantResource: Encodable {
    let participant: ParticipantSnapshot

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(participant.kind.rawValue, forKey: "kind")
        try container.encodeIfPresent(participant.agentID?.rawValue, forKey: "agentId")
        try container.encodeIfPresent(participant.taskID?.rawValue, forKey: "taskId")
        try container.encodeIfPresent(participant.name, forKey: "name")
        try container.encodeIfPresent(participant.number, forKey: "number")
        try container.encodeIfPresent(participant.role, forKey: "role")
    }
}

struct LegResource: Encodable {
    let leg: LegSnapshot

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(leg.kind.rawValue, forKey: "kind")
        try container.encode(leg.state.rawValue, forKey: "state")
        try container.encode(leg.isConferenced, forKey: "conferenced")
        var party = container.nestedContainer(keyedBy: Key.self, forKey: "party")
        try party.encode(leg.party.kind.rawValue, forKey: "kind")
        try party.encodeIfPresent(leg.party.id, forKey: "id")
        try party.encodeIfPresent(leg.party.name, forKey: "name")
        try party.encodeIfPresent(leg.party.number, forKey: "number")
    }
}

/// `cad`: the version for If-Match and every variable with its (masked, if secure) value.
struct CADResource: Encodable {
    let values: [CADValueSnapshot]
    let version: Int

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(version, forKey: "version")
        var variables = container.nestedUnkeyedContainer(forKey: "variables")
        for value in values {
            var item = variables.nestedContainer(keyedBy: Key.self)
            try item.encode(value.name, forKey: "name")
            try item.encode(value.label, forKey: "label")
            try item.encode(value.type.rawValue, forKey: "type")
            try item.encode(value.value, forKey: "value")
            try item.encode(value.isSecure, forKey: "secure")
            try item.encode(value.isEditable, forKey: "editable")
        }
    }
}

/// `controls`: every control by name, `{"enabled":true}` or `{"enabled":false,"reason":"..."}`.
struct ControlsResource: Encodable {
    let controls: Controls

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, control) in controls.named {
            var item = container.nestedContainer(keyedBy: Key.self, forKey: Key(name))
            try item.encode(control.isEnabled, forKey: "enabled")
            try item.encodeIfPresent(control.disabledReason?.rawValue, forKey: "reason")
        }
    }
}

/// An agent's state as `AgentStateChange` and the agents list show it.
struct AgentStateResource: Encodable {
    let agent: AgentSnapshot

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try encodeFields(into: &container)
    }

    func encodeFields(into container: inout KeyedEncodingContainer<Key>) throws {
        try container.encode(agent.agentID.rawValue, forKey: "agentId")
        try container.encode(agent.name, forKey: "name")
        try container.encode(agent.state.rawValue, forKey: "state")
        try container.encode(agent.idleReasonID?.rawValue, forKey: "idleReasonId")
        try container.encode(agent.chosenState.rawValue, forKey: "chosenState")
        try container.encode(agent.chosenIdleReasonID?.rawValue, forKey: "chosenIdleReasonId")
        try container.encode(agent.teamID?.rawValue, forKey: "teamId")
        try container.encode(agent.dialNumber?.value, forKey: "dialNumber")
        try container.encode(ISO8601.string(agent.since), forKey: "stateSince")
    }
}

/// `GET /v1/me`: the agent, the teams they may log in to, their open tasks and the last `seq`.
struct MeResource: Encodable {
    let agent: AgentSnapshot
    let teams: [Team]
    let tasks: [TaskSnapshot]
    let sequence: Int64
    let device: DeviceResource

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try AgentStateResource(agent: agent).encodeFields(into: &container)
        try container.encode(teams.map { ["id": $0.id.rawValue, "name": $0.name] }, forKey: "teams")
        try container.encode(tasks.map { TaskResource(task: $0) }, forKey: "tasks")
        try container.encode(sequence, forKey: "seq")
        try container.encode(device, forKey: "device")
    }
}

/// `device` (SIP.md): the phone the agent's station uses.
struct DeviceResource: Encodable {
    var type: String?
    var registered: Bool

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(type, forKey: "type")
        try container.encode(registered, forKey: "registered")
    }
}

/// An event message: `{"seq","type","at","taskId"?,"agentId"?,"data"}`.
struct EventMessage: Encodable {
    let envelope: EventEnvelope

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let event = envelope.event
        try container.encode(envelope.sequence, forKey: "seq")
        try container.encode(event.type.rawValue, forKey: "type")
        try container.encode(ISO8601.string(envelope.at), forKey: "at")
        try container.encodeIfPresent(event.taskID?.rawValue, forKey: "taskId")
        try container.encodeIfPresent(event.agentID?.rawValue, forKey: "agentId")
        try container.encodeIfPresent(event.interactionID?.rawValue, forKey: "interactionId")
        try container.encodeIfPresent(envelope.requestID, forKey: "requestId")
        switch event.data {
        case .task(let task, let details):
            try container.encode(TaskResource(task: task, details: details), forKey: "data")
        case .agent(let agent):
            try container.encode(AgentStateResource(agent: agent), forKey: "data")
        case .interaction(let data):
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: "data")
            try nested.encodeIfPresent(data.interactionID?.rawValue, forKey: "interactionId")
            try nested.encode(data.callID.rawValue, forKey: "callId")
            try nested.encode(data.ani, forKey: "ani")
            try nested.encode(data.dnis, forKey: "dnis")
            try nested.encodeIfPresent(data.queueID?.rawValue, forKey: "queueId")
            try nested.encodeIfPresent(data.position, forKey: "position")
            try nested.encodeIfPresent(data.reason, forKey: "reason")
        case .failure(let error):
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: "data")
            try nested.encode(error.code.rawValue, forKey: "code")
            try nested.encodeIfPresent(error.reason, forKey: "reason")
            try nested.encode(error.message, forKey: "message")
        }
    }
}

/// One row of a consult or transfer target list.
struct TargetResource: Encodable {
    let item: TargetListItem

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(item.type.rawValue, forKey: "type")
        try container.encode(item.id, forKey: "id")
        try container.encode(item.name, forKey: "name")
        try container.encodeIfPresent(item.number, forKey: "number")
        try container.encodeIfPresent(item.agentState?.rawValue, forKey: "state")
        try container.encodeIfPresent(item.idleReasonID?.rawValue, forKey: "idleReasonId")
        try container.encodeIfPresent(item.teamName, forKey: "team")
        try container.encodeIfPresent(item.presence?.rawValue, forKey: "presence")
        try container.encodeIfPresent(item.role, forKey: "role")
        try container.encodeIfPresent(item.department, forKey: "department")
    }
}

/// `{"items":[...]}`.
struct ItemsResource<Item: Encodable>: Encodable {
    let items: [Item]
}
