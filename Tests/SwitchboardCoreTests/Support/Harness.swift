import SwitchboardCore
import Testing

/// Drives a `ContactCenter` directly: commands, telephony signals, and a clock that fires the
/// timers the core asked for, in deadline order. No engine, no I/O.
final class Harness {
    var center: ContactCenter
    private(set) var now = Instant.seconds(1_800_000_000)
    private(set) var timers: [TimerID: Instant] = [:]
    private(set) var events: [DomainEvent] = []
    private(set) var telephony: [TelephonyCommand] = []
    private(set) var last: Transition?
    private var nextCall = 1

    init(_ configuration: TenantConfiguration = Fixture.configuration()) {
        center = ContactCenter(configuration: configuration)
    }

    @discardableResult
    func apply(_ input: Input) -> Transition {
        let transition = center.apply(input, at: now)
        for effect in transition.effects {
            switch effect {
            case .scheduleTimer(let timer, let deadline): timers[timer] = deadline
            case .cancelTimer(let timer): timers[timer] = nil
            case .telephony(let command): telephony.append(command)
            }
        }
        events += transition.events
        last = transition
        let problems = center.invariantViolations()
        #expect(problems.isEmpty, "invariants broken after \(input): \(problems)")
        return transition
    }

    /// Runs a command that must succeed.
    @discardableResult
    func run(_ command: AgentCommand, by agentID: AgentID, sourceLocation: SourceLocation = #_sourceLocation)
        -> Transition
    {
        let transition = apply(.command(command, by: agentID))
        if case .failure(let error) = transition.outcome {
            Issue.record("\(command) by \(agentID) failed: \(error)", sourceLocation: sourceLocation)
        }
        return transition
    }

    /// Runs a command that must fail, and returns the error.
    func refuse(_ command: AgentCommand, by agentID: AgentID, sourceLocation: SourceLocation = #_sourceLocation)
        -> CommandError?
    {
        let transition = apply(.command(command, by: agentID))
        guard case .failure(let error) = transition.outcome else {
            Issue.record("\(command) by \(agentID) succeeded", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }

    @discardableResult
    func signal(_ signal: TelephonySignal) -> Transition { apply(.telephony(signal)) }

    /// Moves the clock, firing every timer that comes due on the way, each at its deadline.
    func advance(seconds: Int64) {
        let target = now.advanced(by: .seconds(seconds))
        while let (timer, deadline) = timers.filter({ $0.value <= target }).min(by: { $0.value < $1.value }) {
            timers[timer] = nil
            now = max(now, deadline)
            apply(.timer(timer))
        }
        now = target
    }

    // MARK: Agents

    func login(_ agentID: AgentID, team: TeamID = Fixture.supportTeam, available: Bool = true) {
        run(.stationLogin(teamID: team, dialNumber: Fixture.dialNumbers[agentID]!.value, canAnswerRemotely: false), by: agentID)
        if available { run(.setState(.available), by: agentID) }
    }

    func state(_ agentID: AgentID) -> AgentState { center.agentSnapshot(agentID)!.state }

    func dialNumber(_ agentID: AgentID) -> DialNumber { Fixture.dialNumbers[agentID]! }

    // MARK: Calls

    /// A customer calls an entry point; returns the call and its interaction.
    @discardableResult
    func call(_ number: String = Fixture.supportNumber, from ani: String = "+4512345678") -> (CallID, InteractionID) {
        let callID = CallID("call-\(nextCall)")
        nextCall += 1
        let transition = signal(.customerCallArrived(callID, ani: ani, dnis: number))
        guard case .success(.interaction(let id)) = transition.outcome else {
            Issue.record("call to \(number) refused: \(transition.outcome)")
            return (callID, "none")
        }
        return (callID, id)
    }

    /// The agent's task that rings now.
    func ringing(_ agentID: AgentID) -> TaskID? {
        center.agents[agentID]?.taskID.flatMap { center.tasks[$0]?.status == .offered ? $0 : nil }
    }

    /// The agent's phone answers what rings on it.
    @discardableResult
    func answer(_ agentID: AgentID, sourceLocation: SourceLocation = #_sourceLocation) -> TaskID {
        guard let taskID = ringing(agentID) else {
            Issue.record("nothing rings for \(agentID)", sourceLocation: sourceLocation)
            return "none"
        }
        signal(.deviceAnswered(dialNumber: dialNumber(agentID)))
        return taskID
    }

    /// A customer call answered by `agentID`, who must be the one it is offered to.
    @discardableResult
    func connectedCall(to agentID: AgentID, number: String = Fixture.supportNumber) -> TaskID {
        call(number)
        return answer(agentID)
    }

    /// Alice on a call consulting Bob, who has accepted. Returns both tasks.
    func consultation(customerOf first: AgentID = Fixture.alice, consulting second: AgentID = Fixture.bob)
        -> (TaskID, TaskID)
    {
        let task = connectedCall(to: first)
        run(.consult(task, to: .agent(second)), by: first)
        let consulted = answer(second)
        return (task, consulted)
    }

    /// Alice (Available) on a customer call consulting Bob (Idle), who has accepted.
    static func aliceConsultingBob() -> (Harness, TaskID, TaskID, CallID) {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let (callID, _) = h.call()
        let task = h.answer(Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        let consulted = h.answer(Fixture.bob)
        return (h, task, consulted, callID)
    }

    /// The last outside call the core asked for: its interaction, leg and number.
    func lastDial() -> (InteractionID, leg: UInt64, number: DialNumber)? {
        for command in telephony.reversed() {
            if case .dialExternal(let id, let leg, let number) = command { return (id, leg, number) }
        }
        return nil
    }

    /// The last call the core placed to a customer (a callback's or an outdial's).
    func lastCustomerDial() -> (interaction: InteractionID, callID: CallID, number: DialNumber)? {
        for command in telephony.reversed() {
            if case .dialCustomer(let id, let callID, let number) = command { return (id, callID, number) }
        }
        return nil
    }

    func task(_ id: TaskID) -> TaskSnapshot {
        if let snapshot = center.taskSnapshot(id) { return snapshot }
        // Closed tasks leave the core; their last snapshot is in the last event about them.
        return events.last { $0.taskID == id }!.data.task!
    }

    func interaction(of taskID: TaskID) -> Interaction? { center.interactions[task(taskID).interactionID] }

    func controls(_ taskID: TaskID) -> Controls { task(taskID).controls }

    func lastEvents(_ type: EventType) -> [DomainEvent] { last?.events.filter { $0.type == type } ?? [] }

    func eventTypes() -> [EventType] { last?.events.map(\.type) ?? [] }
}
