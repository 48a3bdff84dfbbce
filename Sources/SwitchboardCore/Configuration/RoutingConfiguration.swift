/// A queue calls wait in until an agent of a team that serves it is Available (A6).
public struct Queue: Hashable, Sendable, Codable, Identifiable {
    public var id: QueueID
    public var name: String
    /// A3: overrides the tenant's ring timeout when set.
    public var ringTimeoutSeconds: Int?
    /// A6: offered as a consult target.
    public var isConsultTarget: Bool
    /// A6: offered as a transfer target.
    public var isTransferTarget: Bool

    public init(
        id: QueueID, name: String, ringTimeoutSeconds: Int? = nil, isConsultTarget: Bool = true,
        isTransferTarget: Bool = true
    ) {
        self.id = id
        self.name = name
        self.ringTimeoutSeconds = ringTimeoutSeconds
        self.isConsultTarget = isConsultTarget
        self.isTransferTarget = isTransferTarget
    }
}

/// Where customers call in: an entry-point dial number (EP-DN) and the flow that sends its calls
/// to a queue (A6).
public struct EntryPoint: Hashable, Sendable, Codable, Identifiable {
    public var id: EntryPointID
    public var name: String
    /// The EP-DN.
    public var dialNumber: DialNumber
    public var queueID: QueueID
    public var isConsultTarget: Bool
    public var isTransferTarget: Bool
    /// I1: queued callers may choose a courtesy callback (nil: never offered).
    public var courtesyCallback: CourtesyCallbackOffer?
    /// A3: when the entry point is open (nil: always); outside them a courtesy callback is
    /// offered whatever the wait (I1).
    public var openingHours: OpeningHours?

    public init(
        id: EntryPointID, name: String, dialNumber: DialNumber, queueID: QueueID, isConsultTarget: Bool = true,
        isTransferTarget: Bool = true, courtesyCallback: CourtesyCallbackOffer? = nil, openingHours: OpeningHours? = nil
    ) {
        self.id = id
        self.name = name
        self.dialNumber = dialNumber
        self.queueID = queueID
        self.isConsultTarget = isConsultTarget
        self.isTransferTarget = isTransferTarget
        self.courtesyCallback = courtesyCallback
        self.openingHours = openingHours
    }
}

/// I1: when an entry point offers its queued callers a courtesy callback.
public struct CourtesyCallbackOffer: Hashable, Sendable, Codable {
    /// Offered once the caller's estimated wait is at least this long (0: always offered).
    public var minimumEstimatedWaitSeconds: Int

    public init(minimumEstimatedWaitSeconds: Int) {
        self.minimumEstimatedWaitSeconds = minimumEstimatedWaitSeconds
    }
}

/// A team of agents and the queues it serves.
public struct Team: Hashable, Sendable, Codable, Identifiable {
    public var id: TeamID
    public var name: String
    public var queueIDs: [QueueID]

    public init(id: TeamID, name: String, queueIDs: [QueueID]) {
        self.id = id
        self.name = name
        self.queueIDs = queueIDs
    }
}

/// An agent as the administrator configures it.
public struct AgentProfile: Hashable, Sendable, Codable, Identifiable {
    public var id: AgentID
    public var name: String
    /// The teams the agent may log in to.
    public var teamIDs: [TeamID]
    /// The number the agent's SIP phone registers as (`sip:<dialNumber>@host`, L2); nil: no phone.
    public var dialNumber: DialNumber?
    /// The phone's SIP password as its digest, for the dial number as username and the tenant as
    /// realm; nil: none set (the phone cannot register). A new number needs a new password.
    public var sipSecret: DigestSecret?

    public init(id: AgentID, name: String, teamIDs: [TeamID], dialNumber: DialNumber? = nil, sipSecret: DigestSecret? = nil) {
        self.id = id
        self.name = name
        self.teamIDs = teamIDs
        self.dialNumber = dialNumber
        self.sipSecret = sipSecret
    }

    private enum CodingKeys: String, CodingKey { case id, name, teamIDs, dialNumber, sipSecret }

    /// Reads profiles journaled before agents had phones as profiles without one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(AgentID.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        teamIDs = try container.decode([TeamID].self, forKey: .teamIDs)
        dialNumber = try container.decodeIfPresent(DialNumber.self, forKey: .dialNumber)
        sipSecret = try container.decodeIfPresent(DigestSecret.self, forKey: .sipSecret)
    }
}

/// An idle or wrap-up reason (A4): for the whole tenant, or only for some teams.
public struct Reason: Hashable, Sendable, Codable, Identifiable {
    public var id: ReasonID
    public var code: String
    public var name: String
    /// Empty: every team.
    public var teamIDs: [TeamID]

    public init(id: ReasonID, code: String, name: String, teamIDs: [TeamID] = []) {
        self.id = id
        self.code = code
        self.name = name
        self.teamIDs = teamIDs
    }

    /// Whether an agent logged in to `teamID` may use this reason.
    public func applies(to teamID: TeamID?) -> Bool {
        teamIDs.isEmpty || teamID.map(teamIDs.contains) == true
    }
}
