public import SwitchboardCore
public import SwitchboardEngine

/// A tenant and the configuration it was created with: its journal's inputs replay from this one
/// (an administrator's change is an input, so the configuration in force is the journal's).
public struct TenantRecord: Sendable, Equatable {
    public var name: String
    public var configuration: TenantConfiguration

    public init(name: String, configuration: TenantConfiguration) {
        self.name = name
        self.configuration = configuration
    }
}

/// What a telephony provider keeps of one call leg so that it can end the leg after a crash
/// (the `sip` provider: the INVITE and, once answered, the dialog). `payload` is the provider's.
public struct TelephonyLegRecord: Sendable, Equatable {
    /// Unique per leg (SIP: the Call-ID).
    public var id: String
    public var payload: [UInt8]

    public init(id: String, payload: [UInt8]) {
        self.id = id
        self.payload = payload
    }
}

/// `role` of a user (API.md).
public enum Role: String, Sendable, Codable, CaseIterable {
    case agent, supervisor, admin
}

/// Someone who can log in: a password hash (bcrypt), a role, and for agents their agent id.
public struct UserRecord: Sendable, Equatable {
    public var tenant: String
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var agentID: AgentID?

    public init(tenant: String, username: String, passwordHash: String, role: Role, agentID: AgentID?) {
        self.tenant = tenant
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.agentID = agentID
    }
}

/// A bearer token and whom it stands for, until it expires.
public struct TokenRecord: Sendable, Equatable {
    /// What the store keeps of the token: never the token itself.
    public var digest: TokenDigest
    public var tenant: String
    public var username: String
    public var role: Role
    public var agentID: AgentID?
    public var expiresAt: Instant

    public init(digest: TokenDigest, tenant: String, username: String, role: Role, agentID: AgentID?, expiresAt: Instant) {
        self.digest = digest
        self.tenant = tenant
        self.username = username
        self.role = role
        self.agentID = agentID
        self.expiresAt = expiresAt
    }
}

/// An event as stored: the columns clients filter on, and the message exactly as clients get it.
public struct StoredEvent: Sendable, Equatable {
    public var sequence: Int64
    public var at: Instant
    public var type: String
    public var taskID: String?
    public var agentID: String?
    public var interactionID: String?
    /// The API message (`{"seq","type","at",...}`), UTF-8 JSON.
    public var message: String

    public init(
        sequence: Int64, at: Instant, type: String, taskID: String?, agentID: String?, interactionID: String?,
        message: String
    ) {
        self.sequence = sequence
        self.at = at
        self.type = type
        self.taskID = taskID
        self.agentID = agentID
        self.interactionID = interactionID
        self.message = message
    }
}

/// Why the store refused something.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case duplicate, notFound, corrupt
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// One journal entry with its events' stored form: what one append stores for one input.
public struct StoredEntry: Sendable {
    public var entry: JournalEntry
    public var events: [StoredEvent]

    public init(entry: JournalEntry, events: [StoredEvent]) {
        self.entry = entry
        self.events = events
    }
}
