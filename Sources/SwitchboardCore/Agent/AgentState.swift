/// The state an agent shows (B1), `state` in the API.
public enum AgentState: String, Hashable, Sendable, Codable, CaseIterable {
    case loggedOut = "LoggedOut"
    case available = "Available"
    case idle = "Idle"
    case rona = "RONA"
    case engaged = "Engaged"
    case wrapUp = "WrapUp"
}

/// The state a logged-in agent chose, or RONA put it in: what applies whenever no task keeps it
/// Engaged or in Wrap-up (B4). Kept apart from the shown state so that a choice made during a call
/// waits for the call to end.
public enum ChosenState: Hashable, Sendable, Codable {
    case available
    case idle(ReasonID?)
    case rona

    public var agentState: AgentState {
        switch self {
        case .available: .available
        case .idle: .idle
        case .rona: .rona
        }
    }

    public var idleReasonID: ReasonID? {
        if case .idle(let reason) = self { reason } else { nil }
    }
}

/// Where and how the agent is logged in (station login).
public struct StationLogin: Hashable, Sendable, Codable {
    public var teamID: TeamID
    public var dialNumber: DialNumber
    /// D1 (*added*): the phone device lets the desktop answer it (remote answer).
    public var canAnswerRemotely: Bool
    /// L2: the registered SIP phone, or the simulated one, chosen at login for the whole session.
    public var device: StationDevice

    public init(teamID: TeamID, dialNumber: DialNumber, canAnswerRemotely: Bool = false, device: StationDevice = .sim) {
        self.teamID = teamID
        self.dialNumber = dialNumber
        self.canAnswerRemotely = canAnswerRemotely
        self.device = device
    }

    private enum CodingKeys: String, CodingKey {
        case teamID, dialNumber, canAnswerRemotely, device
    }

    /// A login stored before phones could register used the simulated phone.
    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: CodingKeys.self)
        teamID = try json.decode(TeamID.self, forKey: .teamID)
        dialNumber = try json.decode(DialNumber.self, forKey: .dialNumber)
        canAnswerRemotely = try json.decode(Bool.self, forKey: .canAnswerRemotely)
        device = try json.decodeIfPresent(StationDevice.self, forKey: .device) ?? .sim
    }
}
