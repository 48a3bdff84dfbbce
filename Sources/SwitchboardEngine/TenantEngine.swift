public import SwitchboardCore

/// One tenant's serial executor: it applies commands, telephony signals and timer firings to the
/// core one at a time, numbers the resulting events without gaps, journals each input with its
/// events before answering, hands telephony commands to the provider and keeps the timers.
public actor TenantEngine {
    public nonisolated let tenant: String
    private var center: ContactCenter
    private let clock: any EngineClock
    private let telephony: any TelephonyPort
    private let journal: any EventJournal
    private var sequence: Int64 = 0
    private var position: Int64 = 0
    private var timers = TimerQueue()
    private var idempotency: IdempotencyCache
    /// The last snapshot of recently closed tasks: a closed task stays readable (API.md).
    private var closedTasks: RecentTasks
    private let snapshotInterval: Int64
    private var haltReason: String?
    /// J1: told the live legs whenever an input changes them.
    private var liveLegsObserver: (@Sendable (Int) -> Void)?
    private var reportedLegs = 0

    /// A new tenant, or one restored from `snapshot` and the inputs journaled after it
    /// (`configuration` is used when there is no snapshot). Restoring replays the inputs on the
    /// core at their own times, without journaling or telephony, and sets the timers again:
    /// those that came due while the engine was down fire on the next `fireDueTimers()`.
    public init(
        tenant: String, configuration: TenantConfiguration, restoringFrom snapshot: EngineSnapshot? = nil,
        replaying inputs: [JournaledInput] = [], clock: any EngineClock = SystemClock(),
        telephony: any TelephonyPort, journal: any EventJournal = InMemoryEventJournal(),
        idempotencyCapacity: Int = 50_000, closedTaskCapacity: Int = 10_000, snapshotInterval: Int64 = 10_000
    ) throws(RestoreError) {
        self.tenant = tenant
        self.center = snapshot?.center ?? ContactCenter(configuration: configuration)
        self.clock = clock
        self.telephony = telephony
        self.journal = journal
        self.sequence = snapshot?.sequence ?? 0
        self.position = snapshot?.position ?? 0
        self.idempotency = IdempotencyCache(capacity: idempotencyCapacity, records: snapshot?.idempotency ?? [])
        self.closedTasks = RecentTasks(capacity: closedTaskCapacity)
        self.snapshotInterval = snapshotInterval
        for input in inputs {
            guard input.position == position + 1 else {
                throw RestoreError(message: "input \(input.position) follows \(position): the journal has a gap")
            }
            let transition = center.apply(input.input, at: input.at)
            position = input.position
            sequence += Int64(transition.events.count)
            guard sequence == input.lastSequence else {
                throw RestoreError(
                    message: "replaying input \(input.position) gave events up to \(sequence), the journal has \(input.lastSequence)")
            }
            if let record = IdempotencyRecord(input.input, requestID: input.requestID, outcome: transition.outcome) {
                idempotency.store(record)
            }
            for event in transition.events { if let task = event.data.task, task.status == .closed { closedTasks.insert(task) } }
        }
        for (timer, deadline) in center.pendingTimers { timers.schedule(timer, at: deadline) }
    }

    /// Runs an agent's command. A retry with the same `requestID` returns the first outcome and
    /// changes nothing (K3).
    public func execute(_ command: AgentCommand, by agentID: AgentID, requestID: String? = nil) -> CommandResult {
        if let requestID, let previous = idempotency.record(agentID: agentID, requestID: requestID) {
            guard previous.command == command else {
                let error = CommandError(
                    .invalidRequest, reason: "idempotency_key_reused",
                    "This request id was already used for a different command.")
                return CommandResult(outcome: .failure(error), events: [], position: position)
            }
            return CommandResult(outcome: render(previous.outcome), events: [], position: position, isReplay: true)
        }
        return apply(.command(command, by: agentID), requestID: requestID)
    }

    /// Applies what the telephony provider reports.
    public func signal(_ signal: TelephonySignal) -> CommandResult {
        apply(.telephony(signal), requestID: nil)
    }

    /// Applies what a customer asks outside a call (I2: a web callback).
    public func request(_ request: CustomerRequest) -> CommandResult {
        apply(.customer(request), requestID: nil)
    }

    /// J1: the deployment's concurrent-call limit was reached, or has room again (an input, so
    /// what it refused replays the same); nothing happens when the tenant already knows.
    public func reportDeploymentCapacity(full: Bool) {
        guard center.isDeploymentFull != full else { return }
        _ = apply(.deploymentCapacity(full: full), requestID: nil)
    }

    /// J1: calls `observer` with the tenant's live customer and outside legs now, and again each
    /// time an input changes them (the deployment's limit counts them over every tenant).
    public func observeLiveLegs(_ observer: @escaping @Sendable (Int) -> Void) {
        liveLegsObserver = observer
        reportedLegs = center.liveLegs
        observer(reportedLegs)
    }

    /// Fires every timer due by the clock's now, in deadline order. Returns how many fired.
    @discardableResult
    public func fireDueTimers() -> Int {
        var fired = 0
        while haltReason == nil, let (timer, _) = timers.popDue(at: clock.now()) {
            _ = apply(.timer(timer), requestID: nil)
            fired += 1
        }
        return fired
    }

    /// When the next timer is due.
    public func nextTimerDeadline() -> Instant? { timers.nextDeadline() }

    func apply(_ input: Input, requestID: String?) -> CommandResult {
        if let haltReason {
            return CommandResult(outcome: .failure(CommandError(.unavailable, haltReason)), events: [], position: position)
        }
        let now = clock.now()
        let transition = center.apply(input, at: now)
        if transition.isFault, case .failure(let error) = transition.outcome {
            // The core met a state it cannot be in: keep nothing of it, and let a restart rebuild
            // the tenant from what was stored before this input.
            return halt("The tenant is stopped: \(error.message) (input \(input)).")
        }
        var envelopes: [EventEnvelope] = []
        envelopes.reserveCapacity(transition.events.count)
        for event in transition.events {
            sequence += 1
            envelopes.append(EventEnvelope(sequence: sequence, at: now, requestID: requestID, event: event))
            if let task = event.data.task, task.status == .closed { closedTasks.insert(task) }
        }
        var telephonyCommands: [TelephonyCommand] = []
        for effect in transition.effects {
            switch effect {
            case .telephony(let command): telephonyCommands.append(command)
            case .scheduleTimer(let timer, let deadline): timers.schedule(timer, at: deadline)
            case .cancelTimer(let timer): timers.cancel(timer)
            }
        }
        position += 1
        if let liveLegsObserver, !telephonyCommands.isEmpty || input.isTelephony {
            let legs = center.liveLegs
            if legs != reportedLegs {
                reportedLegs = legs
                liveLegsObserver(legs)
            }
        }
        do {
            try journal.append(
                JournalEntry(
                    position: position, at: now, input: input, requestID: requestID, events: envelopes,
                    lastSequence: sequence),
                then: telephonyCommands, on: telephony)
        } catch {
            // The state moved ahead of what is stored: stop, and let a restart rebuild from storage.
            return halt("The journal could not be written (\(error)); the tenant is stopped.")
        }
        if let record = IdempotencyRecord(input, requestID: requestID, outcome: transition.outcome) {
            idempotency.store(record)
        }
        if position % snapshotInterval == 0 {
            do { try journal.saveSnapshot(makeSnapshot()) } catch {
                return halt("A snapshot could not be written (\(error)); the tenant is stopped.")
            }
        }
        return CommandResult(outcome: transition.outcome, events: envelopes, position: position)
    }

    private func halt(_ reason: String) -> CommandResult {
        haltReason = reason
        return CommandResult(outcome: .failure(CommandError(.unavailable, reason)), events: [], position: position)
    }

    /// Returns once every input applied so far is stored, with its events delivered and its
    /// telephony commands handed over.
    public func settle() async throws {
        try await journal.durable(through: position)
    }

    private func render(_ outcome: StoredOutcome) -> Result<CommandReply, CommandError> {
        switch outcome {
        case .task(let id): .success(task(id).map(CommandReply.task) ?? .none)
        case .agent(let id): .success(center.agentSnapshot(id).map(CommandReply.agent) ?? .none)
        case .interaction(let id): .success(.interaction(id))
        case .revealed(let id, let name): .success(.revealed(id, name: name, value: center.secureValue(name, of: id) ?? ""))
        case .none: .success(.none)
        case .failure(let error): .failure(error)
        }
    }

    /// The whole state, to store: a restart begins from the latest one.
    public func makeSnapshot() -> EngineSnapshot {
        EngineSnapshot(position: position, sequence: sequence, center: center, idempotencyCache: idempotency)
    }

    // MARK: Reading

    /// The last sequence number handed out.
    public var lastSequence: Int64 { sequence }

    /// The last input position journaled.
    public var lastPosition: Int64 { position }

    /// Why the engine stopped taking commands, if it did.
    public var stoppedReason: String? { haltReason }

    /// A task, open or recently closed, if it belongs to `agentID` (nil: any agent).
    public func task(_ id: TaskID, of agentID: AgentID? = nil) -> TaskSnapshot? {
        let snapshot = center.taskSnapshot(id) ?? closedTasks[id]
        guard let snapshot, agentID == nil || snapshot.agentID == agentID else { return nil }
        return snapshot
    }

    public func agent(_ id: AgentID) -> AgentSnapshot? { center.agentSnapshot(id) }

    /// The agent with its teams and open tasks and the last sequence number, all from one state
    /// (`GET /v1/me`, K1): a client that rebuilds from it and the events after `sequence` misses
    /// nothing. `position` must be stored before it is shown.
    public func profile(of id: AgentID) -> AgentProfileSnapshot? {
        guard let agent = center.agentSnapshot(id) else { return nil }
        let configuration = center.configuration
        return AgentProfileSnapshot(
            agent: agent, teams: configuration.agent(id)?.teamIDs.compactMap { configuration.team($0) } ?? [],
            tasks: tasks(of: id), sequence: sequence, position: position)
    }

    /// The open tasks of an agent, oldest first.
    public func tasks(of agentID: AgentID) -> [TaskSnapshot] {
        center.agents[agentID]?.taskID.flatMap { center.taskSnapshot($0) }.map { [$0] } ?? []
    }

    public func targets(for purpose: TargetPurpose, type: TargetType, query: String, by agentID: AgentID)
        -> [TargetListItem]
    {
        center.targets(for: purpose, type: type, query: query, by: agentID)
    }

    public var configuration: TenantConfiguration { center.configuration }

    /// Every configured agent's state (`GET /v1/agents`), from one state of the tenant.
    public var agentSnapshots: [AgentSnapshot] { center.agentSnapshots }

    /// The queues' figures now (`GET /v1/queues/stats`), from one state of the tenant.
    public func queueStatistics() -> [QueueStatistics] { center.queueStatistics(at: clock.now()) }

    /// The interactions in progress (`GET /v1/interactions`) and the last sequence number, from
    /// one state of the tenant: a client applies them over what it built from events up to
    /// `sequence`. `position` must be stored before they are shown.
    public func interactionSummaries() -> (items: [InteractionSummary], sequence: Int64, position: Int64) {
        (center.interactionSummaries, sequence, position)
    }

    /// The current state, for invariant checks and read models.
    public var state: ContactCenter { center }

    public func invariantViolations() -> [String] { center.invariantViolations() }
}

/// What `GET /v1/me` shows, read in one step of the engine.
public struct AgentProfileSnapshot: Sendable {
    public var agent: AgentSnapshot
    public var teams: [Team]
    public var tasks: [TaskSnapshot]
    /// The last sequence number handed out when it was read.
    public var sequence: Int64
    public var position: Int64
}

/// The journal could not be replayed.
public struct RestoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The result of one command or signal: its outcome and the events it produced (numbered).
public struct CommandResult: Sendable {
    public var outcome: Result<CommandReply, CommandError>
    public var events: [EventEnvelope]
    /// The journal position a client must see stored before it is told the outcome
    /// (`EventJournal.durable(through:)`): the input's own, or the latest for a replay.
    public var position: Int64
    /// True when this is the stored answer to a retried request id (K3).
    public var isReplay = false

    public init(
        outcome: Result<CommandReply, CommandError>, events: [EventEnvelope], position: Int64 = 0, isReplay: Bool = false
    ) {
        self.outcome = outcome
        self.events = events
        self.position = position
        self.isReplay = isReplay
    }

    public var isSuccess: Bool { if case .success = outcome { true } else { false } }

    public var error: CommandError? { if case .failure(let error) = outcome { error } else { nil } }
}

/// The last snapshots of closed tasks, the oldest forgotten first.
struct RecentTasks {
    private var snapshots: [TaskID: TaskSnapshot] = [:]
    private var order: [TaskID] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        snapshots.reserveCapacity(capacity + 1)
    }

    subscript(id: TaskID) -> TaskSnapshot? { snapshots[id] }

    mutating func insert(_ snapshot: TaskSnapshot) {
        if snapshots.updateValue(snapshot, forKey: snapshot.id) == nil { order.append(snapshot.id) }
        if snapshots.count > capacity {
            snapshots[order[head]] = nil
            head += 1
            if head > capacity {
                order.removeFirst(head)
                head = 0
            }
        }
    }
}
