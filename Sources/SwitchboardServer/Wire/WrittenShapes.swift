import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// A value that writes itself as JSON (the hot shapes of API.md).
protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension JSONWritable {
    var json: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.string
    }
}

/// A task as the API shows it (`GET /v1/tasks/{id}`, task commands, task events).
struct TaskResource: JSONWritable {
    /// An enabled control, the same bytes every time.
    private static let enabledControl = Array(#"{"enabled":true}"#.utf8)

    let task: TaskSnapshot
    /// What a task event adds (`reason`, `autoResumed`, `changed`).
    var details: TaskEventDetails?

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.member("id", task.id.rawValue)
            json.member("agentId", task.agentID.rawValue)
            json.member("status", task.status.rawValue)
            json.member("callId", task.callID?.rawValue)
            json.member("interactionId", task.interactionID.rawValue)
            json.member("contactType", task.contactType.rawValue)
            json.member("ani", task.ani)
            json.member("dnis", task.dnis)
            json.key("queue")
            if let queue = task.queue {
                json.object { json in
                    json.member("id", queue.id.rawValue)
                    json.member("name", queue.name)
                }
            } else {
                json.null()
            }
            json.member("arrivedAt", ISO8601.string(task.arrivedAt))
            json.member("offeredAt", ISO8601.string(task.offeredAt))
            json.key("popoverVariables")
            json.array { json in
                for variable in task.popoverVariables {
                    json.object { json in
                        json.member("name", variable.name)
                        json.member("label", variable.label)
                        json.member("value", variable.value)
                    }
                }
            }
            switch task.role {
            case .owner:
                json.member("role", "owner")
            case .consulted(let viaEntryPoint):
                json.member("role", "consulted")
                json.member("viaEntryPoint", viaEntryPoint)
            }
            json.key("participants")
            json.array { json in for participant in task.participants { writeParticipant(participant, to: &json) } }
            json.key("legs")
            json.array { json in for leg in task.legs { writeLeg(leg, to: &json) } }
            json.key("recording")
            json.object { json in json.member("state", task.recording) }
            json.key("cad")
            writeCAD(to: &json)
            json.key("controls")
            json.object { json in
                for (name, control) in task.controls.named {
                    json.key(dynamic: name.rawValue)
                    writeControl(control, to: &json)
                }
            }
            json.optionalMember("ringDeadline", task.ringDeadline.map(ISO8601.string))
            json.optionalMember("connectedAt", task.connectedAt.map(ISO8601.string))
            json.optionalMember("wrapUpReasonId", task.wrapUpReasonID?.rawValue)
            json.optionalMember("closeReason", task.closeReason?.rawValue)
            if let callback = task.callback {
                // I1–I4: only on a callback's task.
                json.key("callback")
                json.object { json in
                    json.member("kind", callback.kind.rawValue)
                    json.optionalMember("name", callback.name)
                    json.member("number", callback.number)
                    json.member("dialling", callback.isDialling)
                    json.member("unansweredAttempts", Int64(callback.unansweredAttempts))
                    json.member("maxAttempts", Int64(callback.maxAttempts))
                }
            }
            if let campaign = task.campaign {
                // J2: only on a campaign contact's task.
                json.key("campaign")
                json.object { json in
                    json.member("id", campaign.id.rawValue)
                    json.member("name", campaign.name)
                    json.member("contactId", Int64(campaign.contactID))
                    json.member("preview", campaign.isPreview)
                }
            }
            if let details {
                json.optionalMember("reason", details.reason)
                if let autoResumed = details.autoResumed { json.member("autoResumed", autoResumed) }
                if let changed = details.changed { json.member("changed", changed) }
                if let variables = details.variables {
                    json.key("variables")
                    json.array { json in for name in variables { json.value(name) } }
                }
                json.optionalMember("updatedBy", details.updatedBy?.rawValue)
                if let attempt = details.attempt { json.member("unansweredAttempts", Int64(attempt)) }
                json.optionalMember("retryAt", details.retryAt.map(ISO8601.string))
            }
        }
    }

    private func writeParticipant(_ participant: ParticipantSnapshot, to json: inout JSONWriter) {
        json.object { json in
            json.member("kind", participant.kind.rawValue)
            json.optionalMember("agentId", participant.agentID?.rawValue)
            json.optionalMember("taskId", participant.taskID?.rawValue)
            json.optionalMember("name", participant.name)
            json.optionalMember("number", participant.number)
            json.optionalMember("role", participant.role)
        }
    }

    private func writeLeg(_ leg: LegSnapshot, to json: inout JSONWriter) {
        json.object { json in
            json.member("kind", leg.kind.rawValue)
            json.member("state", leg.state.rawValue)
            json.member("conferenced", leg.isConferenced)
            json.key("party")
            json.object { json in
                json.member("kind", leg.party.kind.rawValue)
                json.optionalMember("id", leg.party.id)
                json.optionalMember("name", leg.party.name)
                json.optionalMember("number", leg.party.number)
            }
        }
    }

    /// `{"enabled":true}`, or `{"enabled":false,"reason"}`.
    private func writeControl(_ control: Control, to json: inout JSONWriter) {
        if control.isEnabled {
            json.raw(Self.enabledControl)
        } else {
            json.object { json in
                json.member("enabled", false)
                json.optionalMember("reason", control.disabledReason?.rawValue)
            }
        }
    }

    /// `cad`: the version for If-Match, whether this agent may save or reveal now, and every
    /// variable with its (masked, if secure) value.
    private func writeCAD(to json: inout JSONWriter) {
        json.object { json in
            json.member("version", Int64(task.cadVersion))
            json.key("edit")
            writeControl(task.cadControls.edit, to: &json)
            json.key("reveal")
            writeControl(task.cadControls.reveal, to: &json)
            json.key("variables")
            json.array { json in
                for value in task.cad {
                    json.object { json in
                        json.member("name", value.name)
                        json.member("label", value.label)
                        json.member("type", value.type.rawValue)
                        json.member("value", value.value)
                        json.member("secure", value.isSecure)
                        json.member("editable", value.isEditable)
                    }
                }
            }
        }
    }
}

/// An agent's state as agent events and the agents list show it. `device` is on the list and on
/// the events only the agent and supervisors see (`AgentDeviceChanged`, `AgentStationLogin`,
/// `AgentLogout`), not on the state changes every agent sees: a phone's address is nobody else's
/// business.
struct AgentStateResource: JSONWritable {
    let agent: AgentSnapshot
    var showsDevice = true

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            writeFields(to: &json)
            if showsDevice { DeviceResource(device: agent.device).write(to: &json) }
        }
    }

    func writeFields(to json: inout JSONWriter) {
        json.member("agentId", agent.agentID.rawValue)
        json.member("name", agent.name)
        json.member("state", agent.state.rawValue)
        json.member("idleReasonId", agent.idleReasonID?.rawValue)
        json.member("idleReasonName", agent.idleReasonName)
        json.member("chosenState", agent.chosenState.rawValue)
        json.member("chosenIdleReasonId", agent.chosenIdleReasonID?.rawValue)
        json.member("chosenIdleReasonName", agent.chosenIdleReasonName)
        json.member("teamId", agent.teamID?.rawValue)
        json.member("teamName", agent.teamName)
        json.member("dialNumber", agent.dialNumber?.value)
        json.member("stateSince", ISO8601.string(agent.since))
    }
}

/// `GET /v1/me`: the agent, the teams they may log in to, their open tasks and the last `seq`.
struct MeResource: JSONWritable {
    let agent: AgentSnapshot
    let teams: [Team]
    let tasks: [TaskSnapshot]
    let sequence: Int64

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            AgentStateResource(agent: agent).writeFields(to: &json)
            json.key("teams")
            json.array { json in
                for team in teams {
                    json.object { json in
                        json.member("id", team.id.rawValue)
                        json.member("name", team.name)
                    }
                }
            }
            json.key("tasks")
            json.array { json in for task in tasks { TaskResource(task: task).write(to: &json) } }
            json.member("seq", sequence)
            DeviceResource(device: agent.device).write(to: &json)
        }
    }
}

/// `device` (SIP.md): the phone the agent answers on, and whether it is reachable.
struct DeviceResource {
    let device: DeviceStatus

    /// The `device` member.
    func write(to json: inout JSONWriter) {
        json.key("device")
        json.object { json in
            json.member("type", device.type?.rawValue)
            json.member("registered", device.isRegistered)
            json.optionalMember("contact", device.contact)
            if let expiresAt = device.expiresAt { json.member("expiresAt", ISO8601.string(expiresAt)) }
        }
    }
}

/// An event message: `{"seq","type","at","taskId"?,"agentId"?,"data"}`.
struct EventMessage: JSONWritable {
    let envelope: EventEnvelope

    func write(to writer: inout JSONWriter) {
        let event = envelope.event
        writer.object { json in
            json.member("seq", envelope.sequence)
            json.member("type", event.type.rawValue)
            json.member("at", ISO8601.string(envelope.at))
            json.optionalMember("taskId", event.taskID?.rawValue)
            json.optionalMember("agentId", event.agentID?.rawValue)
            json.optionalMember("interactionId", event.interactionID?.rawValue)
            json.optionalMember("requestId", envelope.requestID)
            json.key("data")
            switch event.data {
            case .task(let task, let details):
                TaskResource(task: task, details: details).write(to: &json)
            case .agent(let agent):
                AgentStateResource(agent: agent, showsDevice: event.type != .agentStateChange).write(to: &json)
            case .interaction(let data):
                json.object { json in
                    json.optionalMember("interactionId", data.interactionID?.rawValue)
                    json.member("callId", data.callID?.rawValue)
                    json.member("ani", data.ani)
                    json.member("dnis", data.dnis)
                    json.optionalMember("queueId", data.queueID?.rawValue)
                    if let position = data.position { json.member("position", Int64(position)) }
                    json.optionalMember("reason", data.reason)
                }
            case .failure(let error):
                json.object { json in
                    json.member("code", error.code.rawValue)
                    json.optionalMember("reason", error.reason)
                    json.member("message", error.message)
                }
            }
        }
    }
}

/// `{"items":[...]}` of writable items.
struct WritableItems<Item: JSONWritable>: JSONWritable {
    let items: [Item]

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("items")
            json.array { json in for item in items { item.write(to: &json) } }
        }
    }
}
