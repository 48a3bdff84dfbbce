/// One tenant's contact center as a value: agents, interactions, tasks and queues, and the rules
/// that move them. `apply(_:at:)` is the only way in; it does no I/O and reads no clock, and
/// returns the events, effects and outcome of the change (STYLE §1).
public struct ContactCenter: Sendable, Codable {
    public internal(set) var configuration: TenantConfiguration
    public internal(set) var agents: [AgentID: Agent] = [:]
    public internal(set) var interactions: [InteractionID: Interaction] = [:]
    /// Open tasks, and closed ones until the end of the step that closed them.
    public internal(set) var tasks: [TaskID: AgentTask] = [:]
    /// Waiting customer calls and consult requests per queue, earliest first.
    public internal(set) var queues: [QueueID: [QueueEntry]] = [:]
    var agentIDByDialNumber: [String: AgentID] = [:]
    var interactionIDByCall: [CallID: InteractionID] = [:]
    /// Agents free for a call, with since when (the longest-free is offered first).
    var routableAgents: [AgentID: Instant] = [:]
    /// The media plan last sent for each live interaction.
    var mediaPlans: [InteractionID: MediaPlan] = [:]
    var nextSerial: UInt64 = 1

    public init(configuration: TenantConfiguration) {
        self.configuration = configuration
    }

    /// Applies one input at `now`, and says what happened.
    public mutating func apply(_ input: Input, at now: Instant) -> Transition {
        var step = Step(now: now)
        let outcome: Result<ReplyReference, CommandError>
        switch input {
        case .command(let command, let agentID):
            do {
                outcome = .success(try handle(command, by: agentID, in: &step))
            } catch {
                outcome = .failure(error)
                step.record(.failure(command.failureEventType, agentID: agentID, taskID: command.taskID, error))
            }
        case .telephony(let signal):
            do { outcome = .success(try handle(signal, in: &step)) } catch { outcome = .failure(error) }
        case .timer(let timer):
            outcome = .success(fire(timer, in: &step))
        case .reconfigure(let configuration):
            self.configuration = configuration
            step.mayRoute = true
            outcome = .success(.none)
        }
        return finish(&step, outcome: outcome)
    }

    /// Settles the step: routes waiting calls, publishes agent states and media plans, renders
    /// events, and forgets what has closed.
    private mutating func finish(_ step: inout Step, outcome: Result<ReplyReference, CommandError>) -> Transition {
        refreshAvailability(in: &step)
        route(in: &step)
        refreshAvailability(in: &step)
        publishAgentStates(in: &step)
        publishMediaPlans(in: &step)
        var events: [DomainEvent] = []
        events.reserveCapacity(step.records.count)
        for record in step.records { events.append(render(record)) }
        let reply: Result<CommandReply, CommandError>
        switch outcome {
        case .success(let reference): reply = .success(render(reference))
        case .failure(let error): reply = .failure(error)
        }
        purgeClosed(in: step)
        return Transition(events: events, effects: step.effects, outcome: reply)
    }

    func nextID(_ prefix: String) -> String { "\(prefix)-\(nextSerial)" }

    mutating func takeSerial() -> UInt64 {
        defer { nextSerial += 1 }
        return nextSerial
    }

    private mutating func purgeClosed(in step: Step) {
        for taskID in step.closedTaskIDs where tasks[taskID]?.status == .closed {
            tasks[taskID] = nil
        }
        for interactionID in step.touchedInteractions {
            guard let interaction = interactions[interactionID], interaction.isEnded else { continue }
            if interaction.taskIDs.allSatisfy({ tasks[$0] == nil }) {
                interactions[interactionID] = nil
                interactionIDByCall[interaction.callID] = nil
                mediaPlans[interactionID] = nil
            }
        }
    }
}

/// What one input did.
public struct Transition: Sendable {
    /// In order; every task event shows the task as it is after the whole input.
    public var events: [DomainEvent]
    public var effects: [Effect]
    /// The command's (or signal's) answer, or why it was refused.
    public var outcome: Result<CommandReply, CommandError>
}

/// A successful command's answer: the task commands answer the task, `/v1/me` commands the agent.
public enum CommandReply: Hashable, Sendable {
    case task(TaskSnapshot)
    case agent(AgentSnapshot)
    case interaction(InteractionID)
    case none
}

/// What the core returns before rendering: identifiers, rendered to snapshots at the end.
enum ReplyReference: Hashable, Sendable {
    case task(TaskID)
    case agent(AgentID)
    case interaction(InteractionID)
    case none
}

/// A waiting customer call or consult request in a queue.
public struct QueueEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable { case customer, consult }

    public var position: QueuePosition
    public var interactionID: InteractionID
    public var kind: Kind
}
