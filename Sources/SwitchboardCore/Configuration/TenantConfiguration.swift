/// Everything an administrator configures for one tenant, with the look-ups routing needs.
///
/// A value: the engine swaps in a new one when an administrator changes something; calls already
/// up keep going under the new rules.
public struct TenantConfiguration: Sendable, Codable, Equatable {
    public var settings: TenantSettings
    public private(set) var queues: [Queue]
    public private(set) var entryPoints: [EntryPoint]
    public private(set) var teams: [Team]
    public private(set) var agents: [AgentProfile]
    public private(set) var idleReasons: [Reason]
    public private(set) var wrapUpReasons: [Reason]
    /// Sorted by `order`.
    public private(set) var cadVariables: [CADVariable]
    public private(set) var addressBook: [AddressBookEntry]
    public private(set) var directory: [Expert]
    /// J2: preview campaigns.
    public private(set) var campaigns: [Campaign]
    /// L1: the SIP trunk peers.
    public private(set) var trunks: [TrunkPeer]

    private var queueIndex: [QueueID: Int] = [:]
    private var entryPointIndex: [EntryPointID: Int] = [:]
    private var entryPointByNumber: [String: Int] = [:]
    private var teamIndex: [TeamID: Int] = [:]
    private var agentIndex: [AgentID: Int] = [:]
    private var agentByDialNumber: [String: Int] = [:]
    private var expertIndex: [ExpertID: Int] = [:]
    private var cadVariableByName: [String: Int] = [:]
    private var campaignIndex: [CampaignID: Int] = [:]
    private var teamsServingQueue: [QueueID: Set<TeamID>] = [:]

    public init(
        settings: TenantSettings = TenantSettings(), queues: [Queue] = [], entryPoints: [EntryPoint] = [],
        teams: [Team] = [], agents: [AgentProfile] = [], idleReasons: [Reason] = [], wrapUpReasons: [Reason] = [],
        cadVariables: [CADVariable] = [], addressBook: [AddressBookEntry] = [], directory: [Expert] = [],
        campaigns: [Campaign] = [], trunks: [TrunkPeer] = []
    ) {
        self.settings = settings
        self.queues = queues
        self.entryPoints = entryPoints
        self.teams = teams
        self.agents = agents
        self.idleReasons = idleReasons
        self.wrapUpReasons = wrapUpReasons
        self.cadVariables = cadVariables.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
        self.addressBook = addressBook
        self.directory = directory
        self.campaigns = campaigns
        self.trunks = trunks
        rebuildIndexes()
    }

    /// The lists an administrator edits, as plain arrays.
    public struct Lists: Sendable, Equatable {
        public var queues: [Queue]
        public var entryPoints: [EntryPoint]
        public var teams: [Team]
        public var agents: [AgentProfile]
        public var idleReasons: [Reason]
        public var wrapUpReasons: [Reason]
        public var cadVariables: [CADVariable]
        public var addressBook: [AddressBookEntry]
        public var directory: [Expert]
        public var campaigns: [Campaign]
        public var trunks: [TrunkPeer]
    }

    public var lists: Lists {
        Lists(
            queues: queues, entryPoints: entryPoints, teams: teams, agents: agents, idleReasons: idleReasons,
            wrapUpReasons: wrapUpReasons, cadVariables: cadVariables, addressBook: addressBook, directory: directory,
            campaigns: campaigns, trunks: trunks)
    }

    /// A copy with the lists changed by `change` (the look-ups are rebuilt).
    public func modified<Failure: Error>(_ change: (inout Lists) throws(Failure) -> Void) throws(Failure) -> TenantConfiguration {
        var lists = self.lists
        try change(&lists)
        return TenantConfiguration(
            settings: settings, queues: lists.queues, entryPoints: lists.entryPoints, teams: lists.teams,
            agents: lists.agents, idleReasons: lists.idleReasons, wrapUpReasons: lists.wrapUpReasons,
            cadVariables: lists.cadVariables, addressBook: lists.addressBook, directory: lists.directory,
            campaigns: lists.campaigns, trunks: lists.trunks)
    }

    private enum CodingKeys: String, CodingKey {
        case settings, queues, entryPoints, teams, agents, idleReasons, wrapUpReasons, cadVariables, addressBook
        case directory, campaigns, trunks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            settings: try container.decode(TenantSettings.self, forKey: .settings),
            queues: try container.decode([Queue].self, forKey: .queues),
            entryPoints: try container.decode([EntryPoint].self, forKey: .entryPoints),
            teams: try container.decode([Team].self, forKey: .teams),
            agents: try container.decode([AgentProfile].self, forKey: .agents),
            idleReasons: try container.decode([Reason].self, forKey: .idleReasons),
            wrapUpReasons: try container.decode([Reason].self, forKey: .wrapUpReasons),
            cadVariables: try container.decode([CADVariable].self, forKey: .cadVariables),
            addressBook: try container.decode([AddressBookEntry].self, forKey: .addressBook),
            directory: try container.decode([Expert].self, forKey: .directory),
            campaigns: try container.decodeIfPresent([Campaign].self, forKey: .campaigns) ?? [],
            trunks: try container.decodeIfPresent([TrunkPeer].self, forKey: .trunks) ?? []
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings, forKey: .settings)
        try container.encode(queues, forKey: .queues)
        try container.encode(entryPoints, forKey: .entryPoints)
        try container.encode(teams, forKey: .teams)
        try container.encode(agents, forKey: .agents)
        try container.encode(idleReasons, forKey: .idleReasons)
        try container.encode(wrapUpReasons, forKey: .wrapUpReasons)
        try container.encode(cadVariables, forKey: .cadVariables)
        try container.encode(addressBook, forKey: .addressBook)
        try container.encode(directory, forKey: .directory)
        if !campaigns.isEmpty { try container.encode(campaigns, forKey: .campaigns) }
        if !trunks.isEmpty { try container.encode(trunks, forKey: .trunks) }
    }

    private mutating func rebuildIndexes() {
        queueIndex = Dictionary(uniqueKeysWithValues: queues.enumerated().map { ($1.id, $0) })
        entryPointIndex = Dictionary(uniqueKeysWithValues: entryPoints.enumerated().map { ($1.id, $0) })
        entryPointByNumber = Dictionary(entryPoints.enumerated().map { ($1.dialNumber.value, $0) }) { first, _ in first }
        teamIndex = Dictionary(uniqueKeysWithValues: teams.enumerated().map { ($1.id, $0) })
        agentIndex = Dictionary(uniqueKeysWithValues: agents.enumerated().map { ($1.id, $0) })
        agentByDialNumber = Dictionary(
            agents.enumerated().compactMap { index, agent in agent.dialNumber.map { ($0.value, index) } }
        ) { first, _ in first }
        expertIndex = Dictionary(uniqueKeysWithValues: directory.enumerated().map { ($1.id, $0) })
        cadVariableByName = Dictionary(cadVariables.enumerated().map { ($1.name, $0) }) { first, _ in first }
        campaignIndex = Dictionary(campaigns.enumerated().map { ($1.id, $0) }) { first, _ in first }
        teamsServingQueue = [:]
        for team in teams {
            for queueID in team.queueIDs { teamsServingQueue[queueID, default: []].insert(team.id) }
        }
    }

    public func queue(_ id: QueueID) -> Queue? { queueIndex[id].map { queues[$0] } }
    public func entryPoint(_ id: EntryPointID) -> EntryPoint? { entryPointIndex[id].map { entryPoints[$0] } }
    public func team(_ id: TeamID) -> Team? { teamIndex[id].map { teams[$0] } }
    public func agent(_ id: AgentID) -> AgentProfile? { agentIndex[id].map { agents[$0] } }
    /// L1: the inbound trunk peer a request from `address`:`port` comes from.
    public func inboundTrunk(fromAddress address: String, port: Int) -> TrunkPeer? {
        trunks.first { $0.inbound && $0.sent(fromAddress: address, port: port) }
    }

    /// L2: the agent whose phone has `dialNumber` (the SIP user name of their phone).
    public func agent(withDialNumber dialNumber: DialNumber) -> AgentProfile? {
        agentByDialNumber[dialNumber.value].map { agents[$0] }
    }
    public func expert(_ id: ExpertID) -> Expert? { expertIndex[id].map { directory[$0] } }
    public func campaign(_ id: CampaignID) -> Campaign? { campaignIndex[id].map { campaigns[$0] } }
    /// The CAD variable stored under `name` (A5).
    public func cadVariable(named name: String) -> CADVariable? { cadVariableByName[name].map { cadVariables[$0] } }

    /// The entry point whose EP-DN is `number` (compared after F1 sanitizing).
    public func entryPoint(dialing number: some StringProtocol) -> EntryPoint? {
        entryPointByNumber[DialNumber.sanitize(number)].map { entryPoints[$0] }
    }

    /// Whether agents logged in to `teamID` take calls from `queueID`.
    public func team(_ teamID: TeamID, serves queueID: QueueID) -> Bool {
        teamsServingQueue[queueID]?.contains(teamID) == true
    }

    /// A3: the queue's ring timeout, or the tenant default.
    public func ringTimeout(for queueID: QueueID?) -> Duration {
        let seconds = queueID.flatMap { queue($0)?.ringTimeoutSeconds } ?? settings.ringTimeoutSeconds
        return .seconds(max(seconds, TenantSettings.minimumRingTimeoutSeconds))
    }

    public func idleReason(_ id: ReasonID) -> Reason? { idleReasons.first { $0.id == id } }
    public func wrapUpReason(_ id: ReasonID) -> Reason? { wrapUpReasons.first { $0.id == id } }
}
