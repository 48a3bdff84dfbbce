/// B1–B4: station login, logout, state changes, and the agent state everyone sees.
extension ContactCenter {
    mutating func stationLogin(
        _ agentID: AgentID, teamID: TeamID, dialNumber text: String, canAnswerRemotely: Bool,
        simulatedPhoneAvailable: Bool, in step: inout Step
    ) throws(CommandError) -> ReplyReference {
        let profile = try profile(agentID)
        if agents[agentID]?.isLoggedIn == true {
            throw CommandError(.notAllowedInState, reason: "already_logged_in", "The agent is already logged in.")
        }
        guard profile.teamIDs.contains(teamID), configuration.team(teamID) != nil else {
            throw CommandError(.invalidRequest, reason: "unknown_team", "The agent is not a member of team \(teamID).")
        }
        let dialNumber: DialNumber
        do { dialNumber = try DialNumber(parsing: text) } catch {
            throw CommandError(.invalidDialNumber, error.message)
        }
        if let holder = agentIDByDialNumber[dialNumber.value], holder != agentID {
            throw CommandError(
                .notAllowedInState, reason: "dial_number_in_use", "Another agent is logged in at \(dialNumber).")
        }
        // L2, SIP.md: the phone registered at the number, else the simulated one, else none.
        let device: StationDevice
        if registrations[dialNumber.value] != nil {
            device = .sip
        } else if simulatedPhoneAvailable {
            device = .sim
        } else {
            throw CommandError(
                .deviceNotRegistered, "No phone is registered at \(dialNumber). Register your SIP phone first.",
                field: "dialNumber")
        }
        let defaultIdleReason = configuration.idleReasons.first { $0.applies(to: teamID) }?.id
        var agent = agents[agentID] ?? Agent(id: agentID, since: step.now)
        try agent.logIn(
            at: StationLogin(
                teamID: teamID, dialNumber: dialNumber, canAnswerRemotely: canAnswerRemotely, device: device),
            idleReason: defaultIdleReason)
        agents[agentID] = agent
        agentIDByDialNumber[dialNumber.value] = agentID
        step.touch(agent: agentID)
        step.record(.agent(.agentStationLogin, agentID))
        return .agent(agentID)
    }

    /// B3: no logout while a connecting or contact-request popover shows, nor with calls open.
    mutating func logout(_ agentID: AgentID, in step: inout Step) throws(CommandError) -> ReplyReference {
        let agent = try loggedInAgent(agentID)
        if let taskID = agent.taskID, try tasks.require(taskID).isOffer {
            throw CommandError(.logoutBlockedByOffer, "You cannot log out while a call is being offered to you.")
        }
        try agents.modify(agentID) { agent throws(CommandError) in try agent.logOut() }
        if let station = agent.station { agentIDByDialNumber[station.dialNumber.value] = nil }
        step.touch(agent: agentID)
        step.record(.agent(.agentLogout, agentID))
        return .agent(agentID)
    }

    /// B1, B2, B4: Available or Idle with a reason, from any logged-in state; during a call the
    /// choice waits for the call to end.
    mutating func setState(_ requested: RequestedState, of agentID: AgentID, in step: inout Step)
        throws(CommandError) -> ReplyReference
    {
        let agent = try loggedInAgent(agentID)
        let chosen: ChosenState
        switch requested {
        case .available:
            chosen = .available
        case .idle(let reasonID):
            guard let reason = configuration.idleReason(reasonID), reason.applies(to: agent.station?.teamID) else {
                throw CommandError(.invalidRequest, reason: "unknown_idle_reason", "Unknown idle reason \(reasonID).")
            }
            chosen = .idle(reason.id)
        }
        try agents.modify(agentID) { agent throws(CommandError) in try agent.choose(chosen) }
        step.touch(agent: agentID)
        step.announcedAgents.insert(agentID)
        step.record(.agent(.agentStateChange, agentID))
        return .agent(agentID)
    }

    func profile(_ agentID: AgentID) throws(CommandError) -> AgentProfile {
        guard let profile = configuration.agent(agentID) else {
            throw CommandError(.notFound, reason: "unknown_agent", "Unknown agent \(agentID).")
        }
        return profile
    }

    func loggedInAgent(_ agentID: AgentID) throws(CommandError) -> Agent {
        guard let agent = agents[agentID], agent.isLoggedIn else {
            throw CommandError(.notAllowedInState, reason: "not_logged_in", "Log in to a station first.")
        }
        return agent
    }

    /// The state an agent shows now: Engaged while a call is up, Wrap-up while a task awaits its
    /// reason, otherwise the chosen state (B1, B4).
    func shownState(of agent: Agent) -> (AgentState, ReasonID?) {
        guard let session = agent.session else { return (.loggedOut, nil) }
        switch agent.taskID.flatMap({ tasks[$0] })?.status {
        case .connected: return (.engaged, nil)
        case .wrapup: return (.wrapUp, nil)
        case .reserved, .offered, .closed, nil: return (session.chosen.agentState, session.chosen.idleReasonID)
        }
    }

    /// Keeps `routableAgents` in step with the touched agents: since when each free, Available
    /// agent has been so (the longest-free is offered first).
    mutating func refreshAvailability(in step: inout Step) {
        for agentID in step.touchedAgents {
            guard let agent = agents[agentID] else { continue }
            if agent.isRoutable {
                if routableAgents[agentID] == nil {
                    routableAgents[agentID] = step.now
                    step.mayRoute = true
                }
            } else {
                routableAgents[agentID] = nil
            }
        }
    }

    /// One `AgentStateChange` for every touched agent whose shown state changed (or whose command
    /// asked for one).
    mutating func publishAgentStates(in step: inout Step) throws(CommandError) {
        for agentID in step.touchedAgents {
            guard let agent = agents[agentID] else { continue }
            let (state, reason) = shownState(of: agent)
            let changed = try agents.modify(agentID) { agent in agent.show(state, idleReason: reason, at: step.now) }
            if changed, !step.announcedAgents.contains(agentID) {
                step.record(.agent(.agentStateChange, agentID))
            }
        }
    }
}
