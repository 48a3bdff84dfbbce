/// J2: one person a preview campaign is to call, as a machine: pending until routing offers it
/// to an agent, in progress while its preview (and then its call) lasts, and done with a result
/// once the agent skipped it or the customer was called. A preview nobody took (the agent was
/// RONA, or their own phone did not answer) makes it pending again at its place in the list.
public struct CampaignContact: Hashable, Sendable, Codable, Identifiable {
    /// 1-based, in the order the contacts were uploaded.
    public let id: Int
    public let number: DialNumber
    /// The customer's name, when the list has a `name` column.
    public let name: String?
    /// The list's columns for this contact that the campaign shows (by column name).
    public let values: [String: String]
    public let addedAt: Instant
    public private(set) var status: Status = .pending
    /// How many times the contact was previewed.
    public private(set) var previews = 0
    /// The agent who last had the contact.
    public private(set) var agentID: AgentID?
    /// The interaction of the last preview.
    public private(set) var interactionID: InteractionID?
    public private(set) var updatedAt: Instant

    public enum Status: Hashable, Sendable, Codable {
        case pending
        /// Previewed by an agent, or being called.
        case inProgress(InteractionID)
        case done(Result)
    }

    /// How a contact's call went (`result` in the API).
    public enum Result: String, Hashable, Sendable, Codable, CaseIterable {
        /// The customer answered and talked to the agent.
        case answered
        case noAnswer = "no_answer"
        case busy
        case unreachable
        /// The agent chose Skip on the preview.
        case skipped
        /// The agent hung up before the customer answered.
        case abandoned
    }

    init(id: Int, number: DialNumber, name: String?, values: [String: String], at now: Instant) {
        self.id = id
        self.number = number
        self.name = name
        self.values = values
        self.addedAt = now
        self.updatedAt = now
    }

    public var isPending: Bool { status == .pending }

    public var result: Result? {
        if case .done(let result) = status { result } else { nil }
    }

    /// Routing offered the contact to `agentID` as `interactionID`.
    mutating func preview(as interactionID: InteractionID, to agentID: AgentID, at now: Instant) throws(CommandError) {
        guard status == .pending else { throw .illegal("preview contact \(id)", in: status) }
        status = .inProgress(interactionID)
        previews += 1
        self.agentID = agentID
        self.interactionID = interactionID
        updatedAt = now
    }

    /// The interaction ended with `result`, or with none (nobody called the customer): pending again.
    mutating func settle(_ result: Result?, at now: Instant) throws(CommandError) {
        guard case .inProgress = status else { throw .illegal("settle contact \(id)", in: status) }
        status = result.map(Status.done) ?? .pending
        updatedAt = now
    }
}

/// J2: the contacts uploaded to one campaign, in upload order.
public struct CampaignContactList: Hashable, Sendable, Codable {
    public private(set) var contacts: [CampaignContact] = []
    /// No pending contact is before this index (a hint kept so routing does not scan the list).
    private var firstPending = 0

    /// The most contacts one campaign keeps.
    public static let maximumContacts = 10_000

    public init() {}

    /// The next contact to offer: the earliest pending one.
    var nextPending: CampaignContact? {
        contacts[firstPending...].first { $0.isPending }
    }

    /// Appends contacts (numbers already pending or in progress in the list are the caller's to refuse).
    mutating func append(number: DialNumber, name: String?, values: [String: String], at now: Instant) {
        contacts.append(CampaignContact(id: contacts.count + 1, number: number, name: name, values: values, at: now))
    }

    /// The numbers waiting to be called, or being called, in this list.
    var openNumbers: Set<String> {
        Set(contacts.lazy.filter { $0.result == nil }.map(\.number.value))
    }

    /// The contact with this id, if the list has it.
    public func contact(_ contactID: Int) -> CampaignContact? {
        contacts.indices.contains(contactID - 1) ? contacts[contactID - 1] : nil
    }

    /// The contact, changed in place.
    mutating func modify(_ contactID: Int, _ change: (inout CampaignContact) throws(CommandError) -> Void)
        throws(CommandError)
    {
        guard contacts.indices.contains(contactID - 1) else { throw .illegal("change contact \(contactID)", in: contacts.count) }
        try change(&contacts[contactID - 1])
        if contacts[contactID - 1].isPending {
            firstPending = min(firstPending, contactID - 1)
        } else {
            while firstPending < contacts.count, !contacts[firstPending].isPending { firstPending += 1 }
        }
    }

    private enum CodingKeys: String, CodingKey { case contacts }

    public init(from decoder: any Decoder) throws {
        contacts = try decoder.container(keyedBy: CodingKeys.self).decode([CampaignContact].self, forKey: .contacts)
        firstPending = contacts.firstIndex { $0.isPending } ?? contacts.count
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contacts, forKey: .contacts)
    }
}

/// J2: which campaign contact an interaction previews or calls.
public struct CampaignContactReference: Hashable, Sendable, Codable {
    public let campaignID: CampaignID
    public let contactID: Int
}
