/// E1, E6, E7: the lists of the Consult and Transfer dialogs, filtered by the search field.
extension ContactCenter {
    /// The targets of one tab for `agentID`, filtered by `query` (empty: all).
    public func targets(for purpose: TargetPurpose, type: TargetType, query: String, by agentID: AgentID)
        -> [TargetListItem]
    {
        let needle = query.lowercased()
        func matches(_ fields: String?...) -> Bool {
            needle.isEmpty || fields.contains { $0?.lowercased().contains(needle) == true }
        }
        switch type {
        case .agent:
            return configuration.agents.compactMap { profile -> TargetListItem? in
                guard profile.id != agentID, let agent = agents[profile.id], isSelectable(agent, for: purpose),
                    matches(profile.name)
                else { return nil }
                let (state, reason) = shownState(of: agent)
                return TargetListItem(
                    type: .agent, id: profile.id.rawValue, name: profile.name,
                    number: agent.station?.dialNumber.value, agentState: state, idleReasonID: reason,
                    teamName: agent.station.flatMap { configuration.team($0.teamID)?.name })
            }
        case .queue:
            return configuration.queues.filter { purpose.allows($0) && matches($0.name) }.map {
                TargetListItem(type: .queue, id: $0.id.rawValue, name: $0.name)
            }
        case .entryPoint:
            // E6: the search takes an entry-point number as configured, not special characters.
            return configuration.entryPoints.filter { purpose.allows($0) && matches($0.name, $0.dialNumber.value) }.map {
                TargetListItem(type: .entryPoint, id: $0.id.rawValue, name: $0.name, number: $0.dialNumber.value)
            }
        case .dialNumber:
            return configuration.addressBook.filter { matches($0.name, $0.number.value) }.map {
                TargetListItem(type: .dialNumber, id: $0.id.rawValue, name: $0.name, number: $0.number.value)
            }
        case .expert:
            // E1: by first name, role or department; by phone number only when complete.
            let number = DialNumber.valid(query)
            return configuration.directory.compactMap { expert -> TargetListItem? in
                guard let business = expert.businessNumber else { return nil }
                guard matches(expert.firstName, expert.role, expert.department) || business == number else { return nil }
                return TargetListItem(
                    type: .expert, id: expert.id.rawValue, name: expert.fullName, number: business.value,
                    presence: expert.presence, role: expert.role, department: expert.department)
            }
        }
    }
}

/// One row of a Consult or Transfer dialog's list.
public struct TargetListItem: Hashable, Sendable {
    public var type: TargetType
    public var id: String
    public var name: String
    public var number: String?
    /// Agents: the coloured state icon (E1).
    public var agentState: AgentState?
    public var idleReasonID: ReasonID?
    public var teamName: String?
    /// Experts: presence, which may lag (E1).
    public var presence: Expert.Presence?
    public var role: String?
    public var department: String?

    public init(
        type: TargetType, id: String, name: String, number: String? = nil, agentState: AgentState? = nil,
        idleReasonID: ReasonID? = nil, teamName: String? = nil, presence: Expert.Presence? = nil, role: String? = nil,
        department: String? = nil
    ) {
        self.type = type
        self.id = id
        self.name = name
        self.number = number
        self.agentState = agentState
        self.idleReasonID = idleReasonID
        self.teamName = teamName
        self.presence = presence
        self.role = role
        self.department = department
    }
}
