/// B1–B4: station login, logout, state changes, and the agent state everyone sees.
extension ContactCenter {
    mutating func stationLogin(
        _ agentID: AgentID, teamID: TeamID, dialNumber text: String, canAnswerRemotely: Bool, in step: inout Step
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
        let defaultIdleReason = configuration.idleReasons.first { $0.applies(to: teamID) }?.id
        var agent = agents[agentID] ?? Agent(id: agentID, since: step.now)
        agent.station = StationLogin(teamID: teamID, dialNumber: dialNumber, canAnswerRemotely: canAnswerRemotely)
        agent.chosen = .idle(defaultIdleReason)
        agents[agentID] = agent
        agentIDByDialNumber[dialNumber.value] = agentID
        step.touch(agent: agentID)
        step.record(.agent(.agentStationLogin, agentID))
        return .agent(agentID)
    }

    /// B3: no logout while a connecting or contact-request popover shows, nor with calls open.
    mutating func logout(_ agentID: AgentID, in step: inout Step) throws(CommandError) -> ReplyReference {
        let agent = try loggedInAgent(agentID)
        let open = agent.taskIDs.compactMap { tasks[$0] }
        if open.contains(where: \.isOffer) {
            throw CommandError(.logoutBlockedByOffer, "You cannot log out while a call is being offered to you.")
        }
        if !open.isEmpty {
            throw CommandError(
                .notAllowedInState, reason: "has_open_tasks", "Finish your calls and wrap-ups before logging out.")
        }
        if let station = agent.station { agentIDByDialNumber[station.dialNumber.value] = nil }
        agents[agentID]?.station = nil
        agents[agentID]?.chosen = .loggedOut
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
        switch requested {
        case .available:
            agents[agentID]?.chosen = .available
        case .idle(let reasonID):
            guard let reason = configuration.idleReason(reasonID), reason.applies(to: agent.station?.teamID) else {
                throw CommandError(.invalidRequest, reason: "unknown_idle_reason", "Unknown idle reason \(reasonID).")
            }
            agents[agentID]?.chosen = .idle(reason.id)
        }
        if !agent.taskIDs.isEmpty { agents[agentID]?.choseStateDuringCall = true }
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
        guard agent.isLoggedIn else { return (.loggedOut, nil) }
        var isWrappingUp = false
        for taskID in agent.taskIDs {
            guard let task = tasks[taskID] else { continue }
            if task.status == .connected { return (.engaged, nil) }
            if task.status == .wrapup { isWrappingUp = true }
        }
        if isWrappingUp { return (.wrapUp, nil) }
        return (agent.chosen.agentState, agent.chosen.idleReasonID)
    }

    /// Whether the agent may be offered a routed call now: Available, logged in, phone free.
    func isRoutable(_ agent: Agent) -> Bool {
        agent.isLoggedIn && agent.chosen == .available && agent.taskIDs.isEmpty
    }

    /// Keeps `routableAgents` and `availableSince` in step with the touched agents.
    mutating func refreshAvailability(in step: inout Step) {
        for agentID in step.touchedAgents {
            guard var agent = agents[agentID] else { continue }
            if isRoutable(agent) {
                if agent.availableSince == nil { agent.availableSince = step.now }
                if routableAgents.updateValue(agent.availableSince!, forKey: agentID) == nil { step.mayRoute = true }
            } else {
                agent.availableSince = nil
                routableAgents[agentID] = nil
            }
            agents[agentID] = agent
        }
    }

    /// One `AgentStateChange` for every touched agent whose shown state changed (or whose command
    /// asked for one).
    mutating func publishAgentStates(in step: inout Step) {
        for agentID in step.touchedAgents {
            guard var agent = agents[agentID] else { continue }
            let (state, reason) = shownState(of: agent)
            let changed = state != agent.shownState || reason != agent.shownIdleReasonID
            if changed {
                agent.shownState = state
                agent.shownIdleReasonID = reason
                agent.stateSince = step.now
                agents[agentID] = agent
            }
            if changed, !step.announcedAgents.contains(agentID) {
                step.record(.agent(.agentStateChange, agentID))
            }
        }
    }
}
