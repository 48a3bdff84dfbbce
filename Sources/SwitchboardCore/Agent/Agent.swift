/// One agent's live state as a machine (B1–B4): logged out, or logged in at a station with a
/// chosen state and at most one task, an offer, a call or its wrap-up — one voice call at a time,
/// by construction. The state everyone sees is derived from these (Engaged while the call is up,
/// Wrap-up while it awaits a reason, otherwise the chosen state) and published by the center.
public struct Agent: Hashable, Sendable, Codable, Identifiable {
    public let id: AgentID
    public private(set) var state: State = .loggedOut
    /// The state last published in an `AgentStateChange`, and since when.
    public private(set) var shown: Shown

    public enum State: Hashable, Sendable, Codable {
        case loggedOut
        case loggedIn(Session)
    }

    /// A station login and what the agent is doing at it.
    public struct Session: Hashable, Sendable, Codable {
        public var station: StationLogin
        public var chosen: ChosenState
        public var work: Work
    }

    /// What takes the agent's phone.
    public enum Work: Hashable, Sendable, Codable {
        case free
        /// An offer, a call or its wrap-up. B4: a state chosen meanwhile waits for the wrap-up.
        case task(TaskID, choseStateDuringCall: Bool)
    }

    /// A published state.
    public struct Shown: Hashable, Sendable, Codable {
        public var state: AgentState
        public var idleReasonID: ReasonID?
        public var since: Instant
    }

    public init(id: AgentID, since: Instant) {
        self.id = id
        self.shown = Shown(state: .loggedOut, since: since)
    }

    init(id: AgentID, state: State, shown: Shown) {
        self.id = id
        self.state = state
        self.shown = shown
    }

    // MARK: Transitions

    /// B1: station login; the agent starts Idle, with the team's first idle reason.
    mutating func logIn(at station: StationLogin, idleReason: ReasonID?) throws(CommandError) {
        guard case .loggedOut = state else {
            throw CommandError(.notAllowedInState, reason: "already_logged_in", "The agent is already logged in.")
        }
        state = .loggedIn(Session(station: station, chosen: .idle(idleReason), work: .free))
    }

    /// B3: only with nothing open (the center tells an offer from a call first).
    mutating func logOut() throws(CommandError) {
        let session = try loggedIn()
        guard session.work == .free else {
            throw CommandError(
                .notAllowedInState, reason: "has_open_tasks", "Finish your calls and wrap-ups before logging out.")
        }
        state = .loggedOut
    }

    /// B1, B2, B4: Available or Idle from any logged-in state; during a call it waits for the end.
    mutating func choose(_ chosen: ChosenState) throws(CommandError) {
        var session = try loggedIn()
        session.chosen = chosen
        if case .task(let taskID, _) = session.work { session.work = .task(taskID, choseStateDuringCall: true) }
        state = .loggedIn(session)
    }

    /// An offer reserves the agent's phone.
    mutating func take(_ taskID: TaskID) throws(CommandError) {
        guard case .loggedIn(var session) = state, session.work == .free else { throw .illegal("take \(taskID)", in: state) }
        session.work = .task(taskID, choseStateDuringCall: false)
        state = .loggedIn(session)
    }

    /// The task closed; after a wrap-up the agent is Available unless they chose otherwise (B4).
    mutating func release(_ taskID: TaskID, wrappedUp: Bool) throws(CommandError) {
        guard case .loggedIn(var session) = state, case .task(taskID, let choseState) = session.work else {
            throw .illegal("release \(taskID)", in: state)
        }
        session.work = .free
        if wrappedUp, !choseState { session.chosen = .available }
        state = .loggedIn(session)
    }

    /// C2, E5: the agent did not take an offer.
    mutating func ringOut() throws(CommandError) {
        guard case .loggedIn(var session) = state else { throw .illegal("RONA", in: state) }
        session.chosen = .rona
        state = .loggedIn(session)
    }

    /// Records a published state; says whether it changed.
    mutating func show(_ state: AgentState, idleReason: ReasonID?, at now: Instant) -> Bool {
        guard state != shown.state || idleReason != shown.idleReasonID else { return false }
        shown = Shown(state: state, idleReasonID: idleReason, since: now)
        return true
    }

    private func loggedIn() throws(CommandError) -> Session {
        guard case .loggedIn(let session) = state else {
            throw CommandError(.notAllowedInState, reason: "not_logged_in", "Log in to a station first.")
        }
        return session
    }

    // MARK: Reading

    public var session: Session? {
        if case .loggedIn(let session) = state { session } else { nil }
    }

    public var isLoggedIn: Bool { session != nil }

    public var station: StationLogin? { session?.station }

    public var chosen: ChosenState? { session?.chosen }

    /// The task that takes the phone, if any.
    public var taskID: TaskID? {
        if case .task(let taskID, _) = session?.work { taskID } else { nil }
    }

    /// B1: logged in, Available, the phone free.
    public var isRoutable: Bool { session.map { $0.chosen == .available && $0.work == .free } ?? false }
}
