/// One agent's live state. The shown `AgentState` is derived: Engaged while a call is up,
/// Wrap-up while a task awaits its reason, and otherwise the chosen state (B1, B4).
public struct Agent: Hashable, Sendable, Codable, Identifiable {
    public let id: AgentID
    public internal(set) var chosen: ChosenState = .loggedOut
    /// B4: the agent chose a state while a call was theirs; it applies after wrap-up.
    public internal(set) var choseStateDuringCall = false
    public internal(set) var station: StationLogin?
    /// Open tasks (not closed), oldest first.
    public internal(set) var taskIDs: [TaskID] = []
    /// Since when the agent has been free for a call; the longest-free agent is offered first.
    public internal(set) var availableSince: Instant?
    /// The state last published in an `AgentStateChange`, and when it began.
    public internal(set) var shownState: AgentState = .loggedOut
    public internal(set) var shownIdleReasonID: ReasonID?
    public internal(set) var stateSince: Instant

    public init(id: AgentID, since: Instant) {
        self.id = id
        self.stateSince = since
    }

    public var isLoggedIn: Bool { station != nil }
}
