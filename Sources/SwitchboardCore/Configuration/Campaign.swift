/// J2: a preview campaign, as an administrator configures it. Its contacts (uploaded as a list)
/// are offered, one at a time, to Available agents logged in to its team when no inbound request
/// waits for them; the agent sees the contact's variables and chooses Call or Skip.
public struct Campaign: Hashable, Sendable, Codable, Identifiable {
    public var id: CampaignID
    public var name: String
    /// The team whose agents call the contacts.
    public var teamID: TeamID
    /// The contact-list columns the preview popover shows, in this order (C3: at most six).
    public var variables: [CampaignVariable]
    /// The entry point whose number the customer sees as caller id (nil: the contact center's own).
    public var callerEntryPointID: EntryPointID?
    /// Whether contacts are offered now (an administrator starts and pauses a campaign).
    public var isActive: Bool
    /// How long a preview waits for Call or Skip before the agent is RONA and the contact is
    /// offered again.
    public var previewSeconds: Int

    /// C3: a popover shows at most six configured variables.
    public static let maximumVariables = 6
    public static let defaultPreviewSeconds = 60
    public static let previewSecondsRange = 10...900

    public init(
        id: CampaignID, name: String, teamID: TeamID, variables: [CampaignVariable] = [],
        callerEntryPointID: EntryPointID? = nil, isActive: Bool = true, previewSeconds: Int = Campaign.defaultPreviewSeconds
    ) {
        self.id = id
        self.name = name
        self.teamID = teamID
        self.variables = variables
        self.callerEntryPointID = callerEntryPointID
        self.isActive = isActive
        self.previewSeconds = previewSeconds
    }
}

/// A column of a campaign's contact list shown on the preview popover.
public struct CampaignVariable: Hashable, Sendable, Codable {
    /// The column's name in the uploaded list (its header).
    public var name: String
    /// What the popover calls it.
    public var label: String

    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }
}
