/// One tenant's contact center as a value: the machines of its agents (`Agent`), interactions
/// (`Interaction`, with its `Consult`), tasks (`AgentTask`) and queues (`QueueBook`), and the rules
/// that span them. `apply(_:at:)` is the only way in; it does no I/O and reads no clock, forwards
/// the input to the machines it concerns and turns their changes into events and effects (STYLE §1).
public struct ContactCenter: Sendable, Codable {
    public internal(set) var configuration: TenantConfiguration
    public internal(set) var agents: [AgentID: Agent] = [:]
    public internal(set) var interactions: [InteractionID: Interaction] = [:]
    /// Open tasks, and closed ones until the end of the step that closed them.
    public internal(set) var tasks: [TaskID: AgentTask] = [:]
    /// Waiting customer calls and consult requests per queue, earliest first.
    public internal(set) var queues = QueueBook()
    var agentIDByDialNumber: [String: AgentID] = [:]
    var interactionIDByCall: [CallID: InteractionID] = [:]
    /// Agents free for a call, with since when (the longest-free is offered first).
    var routableAgents: [AgentID: Instant] = [:]
    /// The media plan last sent for each live interaction.
    var mediaPlans: [InteractionID: MediaPlan] = [:]
    /// What routing learned of each queue (average handle time, for I1's estimated wait).
    public internal(set) var handleTimes = HandleTimes()
    /// J1: the deployment's concurrent-call limit is reached (as last reported).
    public internal(set) var isDeploymentFull = false
    /// J2: each campaign's contacts, with how far they are.
    public internal(set) var campaignContacts: [CampaignID: CampaignContactList] = [:]
    /// L2: the SIP phone registered at each dial number (by its text), as the provider reported.
    public internal(set) var registrations: [String: PhoneRegistration] = [:]
    var nextSerial: UInt64 = 1

    private enum CodingKeys: String, CodingKey {
        case configuration, agents, interactions, tasks, queues, agentIDByDialNumber, interactionIDByCall
        case routableAgents, mediaPlans, handleTimes, isDeploymentFull, campaignContacts, registrations, nextSerial
    }

    /// Reads a snapshot of format 2; what was added to the format since decodes to its start value.
    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: CodingKeys.self)
        configuration = try json.decode(TenantConfiguration.self, forKey: .configuration)
        agents = try json.decode([AgentID: Agent].self, forKey: .agents)
        interactions = try json.decode([InteractionID: Interaction].self, forKey: .interactions)
        tasks = try json.decode([TaskID: AgentTask].self, forKey: .tasks)
        queues = try json.decode(QueueBook.self, forKey: .queues)
        agentIDByDialNumber = try json.decode([String: AgentID].self, forKey: .agentIDByDialNumber)
        interactionIDByCall = try json.decode([CallID: InteractionID].self, forKey: .interactionIDByCall)
        routableAgents = try json.decode([AgentID: Instant].self, forKey: .routableAgents)
        mediaPlans = try json.decode([InteractionID: MediaPlan].self, forKey: .mediaPlans)
        handleTimes = try json.decodeIfPresent(HandleTimes.self, forKey: .handleTimes) ?? HandleTimes()
        isDeploymentFull = try json.decodeIfPresent(Bool.self, forKey: .isDeploymentFull) ?? false
        campaignContacts =
            try json.decodeIfPresent([CampaignID: CampaignContactList].self, forKey: .campaignContacts) ?? [:]
        registrations = try json.decodeIfPresent([String: PhoneRegistration].self, forKey: .registrations) ?? [:]
        nextSerial = try json.decode(UInt64.self, forKey: .nextSerial)
    }

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
            do { outcome = .success(try fire(timer, in: &step)) } catch { outcome = .failure(error) }
        case .deploymentCapacity(let full):
            setDeploymentFull(full, in: &step)
            outcome = .success(.none)
        case .customer(.webCallback(let entryPointID, let name, let number)):
            do {
                outcome = .success(try requestWebCallback(at: entryPointID, name: name, number: number, in: &step))
            } catch { outcome = .failure(error) }
        case .reconfigure(let configuration):
            let before = self.configuration
            self.configuration = configuration
            dropRegistrationsWhoseOwnerChanged(since: before, in: &step)
            // J2: a campaign removed takes its contacts with it.
            campaignContacts = campaignContacts.filter { id, _ in configuration.campaign(id) != nil }
            step.mayRoute = true
            outcome = .success(.none)
        case .loadCampaignContacts(let campaignID, let contacts):
            do { outcome = .success(try loadContacts(contacts, into: campaignID, in: &step)) } catch {
                outcome = .failure(error)
            }
        }
        if case .failure(let error) = outcome, error.code == .internalFault { return Transition(fault: error) }
        do { return try finish(&step, outcome: outcome) } catch { return Transition(fault: error) }
    }

    /// A new center with these machines (the snapshot of an earlier format, upgraded).
    init(
        configuration: TenantConfiguration, agents: [AgentID: Agent], interactions: [InteractionID: Interaction],
        tasks: [TaskID: AgentTask], queues: QueueBook, routableAgents: [AgentID: Instant], nextSerial: UInt64
    ) {
        self.configuration = configuration
        self.agents = agents
        self.interactions = interactions
        self.tasks = tasks
        self.queues = queues
        self.routableAgents = routableAgents
        self.nextSerial = nextSerial
        for agent in agents.values {
            if let station = agent.station { agentIDByDialNumber[station.dialNumber.value] = agent.id }
        }
        for interaction in interactions.values {
            if let callID = interaction.callID { interactionIDByCall[callID] = interaction.id }
        }
        for interaction in interactions.values where !interaction.isEnded {
            mediaPlans[interaction.id] = mediaPlan(for: interaction)
        }
    }

    /// Settles the step: routes waiting calls, publishes agent states and media plans, renders
    /// events, and forgets what has closed.
    private mutating func finish(_ step: inout Step, outcome: Result<ReplyReference, CommandError>)
        throws(CommandError) -> Transition
    {
        refreshAvailability(in: &step)
        try settleCampaignContacts(in: &step)
        // J1: a leg that ended may make room for a callback or a preview held back at a call limit.
        if hasCallLimit, !step.touchedInteractions.isEmpty,
            (!queues.isEmpty && isHoldingCallbacks) || hasPendingCampaignContacts, !holdsCallbacksAtLimit
        {
            step.mayRoute = true
        }
        try route(in: &step)
        refreshAvailability(in: &step)
        try publishAgentStates(in: &step)
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
                if let callID = interaction.callID { interactionIDByCall[callID] = nil }
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

    /// The core met a state it cannot be in (`CommandError.Code.internalFault`): what it did is
    /// not to be kept, and the engine stops the tenant before storing the input.
    public var isFault: Bool { outcome.failureCode == .internalFault }

    init(events: [DomainEvent], effects: [Effect], outcome: Result<CommandReply, CommandError>) {
        self.events = events
        self.effects = effects
        self.outcome = outcome
    }

    init(fault: CommandError) {
        self.init(events: [], effects: [], outcome: .failure(fault))
    }
}

extension Result where Failure == CommandError {
    var failureCode: CommandError.Code? {
        if case .failure(let error) = self { error.code } else { nil }
    }
}

/// A successful command's answer: the task commands answer the task, `/v1/me` commands the agent.
public enum CommandReply: Hashable, Sendable {
    case task(TaskSnapshot)
    case agent(AgentSnapshot)
    case interaction(InteractionID)
    /// `POST .../cad/{name}/reveal`: the one secure value, for this reply only (H2).
    case revealed(TaskID, name: String, value: String)
    case none
}

/// What the core returns before rendering: identifiers, rendered to snapshots at the end.
enum ReplyReference: Hashable, Sendable {
    case task(TaskID)
    case agent(AgentID)
    case interaction(InteractionID)
    /// The secure value of this variable on this task's interaction.
    case revealed(TaskID, name: String)
    case none
}

