import Foundation
import HTTPTypes
import SwitchboardCore
import SwitchboardSIP

/// An item of an administrable list as the API shows it, and how a request body makes one. Its
/// `Field`s are the one spelling of the item's JSON names: they encode it, read bodies, and are
/// the fields a body may have.
protocol AdminShape: Encodable {
    associatedtype Item: Identifiable & Sendable where Item.ID: RawRepresentable<String>
    associatedtype Field: CodingKey & CaseIterable

    init(_ item: Item)

    /// The item a body makes: a new one (`old` nil) or `old` with the fields the body has changed.
    static func item(from body: JSONFields, old: Item?, id: String) throws(APIError) -> Item

    /// Fields shown but never written: a body with one is refused as having an unknown field.
    static var readOnlyFields: Set<String> { get }
    /// Fields written but never shown (secrets).
    static var writeOnlyFields: Set<String> { get }
}

extension AdminShape {
    static var readOnlyFields: Set<String> { [] }
    static var writeOnlyFields: Set<String> { [] }
}

/// `/v1/admin/queues`.
struct QueueShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable { case id, name, ringTimeoutSeconds, consultTarget, transferTarget }

    let queue: Queue
    init(_ queue: Queue) { self.queue = queue }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(queue.id.rawValue, forKey: .id)
        try json.encode(queue.name, forKey: .name)
        try json.encode(queue.ringTimeoutSeconds, forKey: .ringTimeoutSeconds)
        try json.encode(queue.isConsultTarget, forKey: .consultTarget)
        try json.encode(queue.isTransferTarget, forKey: .transferTarget)
    }

    static func item(from body: JSONFields, old: Queue?, id: String) throws(APIError) -> Queue {
        Queue(
            id: QueueID(id), name: try body.text(Field.name, old?.name),
            ringTimeoutSeconds: try body.seconds(Field.ringTimeoutSeconds, old?.ringTimeoutSeconds, range: 2...600, optional: true),
            isConsultTarget: try body.flag(Field.consultTarget, old?.isConsultTarget, default: true),
            isTransferTarget: try body.flag(Field.transferTarget, old?.isTransferTarget, default: true))
    }
}

/// `/v1/admin/entry-points`.
struct EntryPointShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable {
        case id, name, dialNumber, queueId, consultTarget, transferTarget, courtesyCallbackMinimumWaitSeconds
        case openingHours
    }

    let entryPoint: EntryPoint
    init(_ entryPoint: EntryPoint) { self.entryPoint = entryPoint }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(entryPoint.id.rawValue, forKey: .id)
        try json.encode(entryPoint.name, forKey: .name)
        try json.encode(entryPoint.dialNumber.value, forKey: .dialNumber)
        try json.encode(entryPoint.queueID.rawValue, forKey: .queueId)
        try json.encode(entryPoint.isConsultTarget, forKey: .consultTarget)
        try json.encode(entryPoint.isTransferTarget, forKey: .transferTarget)
        // I1: null when the entry point offers no courtesy callback.
        try json.encode(
            entryPoint.courtesyCallback?.minimumEstimatedWaitSeconds, forKey: .courtesyCallbackMinimumWaitSeconds)
        // A3: null when always open.
        try json.encode(OpeningHoursShape.json(entryPoint.openingHours), forKey: .openingHours)
    }

    static func item(from body: JSONFields, old: EntryPoint?, id: String) throws(APIError) -> EntryPoint {
        EntryPoint(
            id: EntryPointID(id), name: try body.text(Field.name, old?.name),
            dialNumber: try body.dialNumber(Field.dialNumber, old?.dialNumber),
            queueID: QueueID(try body.text(Field.queueId, old?.queueID.rawValue)),
            isConsultTarget: try body.flag(Field.consultTarget, old?.isConsultTarget, default: true),
            isTransferTarget: try body.flag(Field.transferTarget, old?.isTransferTarget, default: true),
            courtesyCallback: try body.seconds(
                Field.courtesyCallbackMinimumWaitSeconds, old?.courtesyCallback?.minimumEstimatedWaitSeconds,
                range: 0...86_400, optional: true
            ).map(CourtesyCallbackOffer.init(minimumEstimatedWaitSeconds:)),
            openingHours: try OpeningHoursShape.hours(from: body, old: old?.openingHours))
    }
}

/// `/v1/admin/teams`.
struct TeamShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable { case id, name, queueIds }

    let team: Team
    init(_ team: Team) { self.team = team }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(team.id.rawValue, forKey: .id)
        try json.encode(team.name, forKey: .name)
        try json.encode(team.queueIDs.map(\.rawValue), forKey: .queueIds)
    }

    static func item(from body: JSONFields, old: Team?, id: String) throws(APIError) -> Team {
        Team(id: TeamID(id), name: try body.text(Field.name, old?.name), queueIDs: try body.ids(Field.queueIds, old?.queueIDs))
    }
}

/// `/v1/admin/agents`: `username` and `password` are taken when the agent is created (their
/// login) and never shown; `dialNumber` is the agent's SIP phone (null: none) and `sipPassword`
/// its password, never shown (`sipPasswordSet` tells whether there is one).
struct AgentShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable {
        case id, name, teamIds, dialNumber, sipPassword, sipPasswordSet, username, password
    }

    /// What only a create takes.
    static let loginFields: Set<String> = [Field.username.stringValue, Field.password.stringValue]
    static let readOnlyFields: Set<String> = [Field.sipPasswordSet.stringValue]
    static let writeOnlyFields = loginFields.union([Field.sipPassword.stringValue])

    let agent: AgentProfile
    init(_ agent: AgentProfile) { self.agent = agent }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(agent.id.rawValue, forKey: .id)
        try json.encode(agent.name, forKey: .name)
        try json.encode(agent.teamIDs.map(\.rawValue), forKey: .teamIds)
        try json.encode(agent.dialNumber?.value, forKey: .dialNumber)
        try json.encode(agent.sipSecret != nil, forKey: .sipPasswordSet)
    }

    /// The agent a body makes. Its SIP secret is of its number: a new number keeps none (the
    /// route sets the one a body's `sipPassword` gives, see `setting(_:ofAgent:realm:in:)`).
    static func item(from body: JSONFields, old: AgentProfile?, id: String) throws(APIError) -> AgentProfile {
        let dialNumber = try body.optionalDialNumber(Field.dialNumber, old?.dialNumber)
        return AgentProfile(
            id: AgentID(id), name: try body.text(Field.name, old?.name), teamIDs: try body.ids(Field.teamIds, old?.teamIDs),
            dialNumber: dialNumber, sipSecret: dialNumber == old?.dialNumber ? old?.sipSecret : nil)
    }

    /// The login a create asks for, if any.
    static func login(from body: JSONFields) throws(APIError) -> (username: String, password: String)? {
        guard body.has(Field.username) || body.has(Field.password) else { return nil }
        let username = try body.text(Field.username, nil, maxLength: 100)
        guard let password = try body.string(Field.password) else { throw JSONFields.missing(Field.password.stringValue) }
        guard (8...72).contains(password.utf8.count) else {
            throw APIError.invalidRequest("A password is 8 to 72 bytes.", details: ["field": .string(Field.password.stringValue)])
        }
        return (username, password)
    }

    /// A body's `sipPassword`: absent nil, null `.some(nil)` (remove it), else 8 to 128 bytes.
    static func sipPassword(from body: JSONFields) throws(APIError) -> String?? {
        guard body.has(Field.sipPassword) else { return nil }
        guard let password = try body.string(Field.sipPassword) else { return .some(nil) }
        guard (8...128).contains(password.utf8.count) else {
            throw body.invalid(Field.sipPassword, "A SIP password is 8 to 128 bytes.")
        }
        return .some(password)
    }

    /// `configuration` with agent `id`'s SIP password set to `password` (nil: removed), kept as
    /// its digest for the agent's number in `realm` (the tenant).
    static func setting(
        _ password: String?, ofAgent id: String, realm: String, in configuration: TenantConfiguration
    ) throws(APIError) -> TenantConfiguration {
        guard let index = configuration.lists.agents.firstIndex(where: { $0.id.rawValue == id }) else { throw APIError.notFound }
        var agent = configuration.lists.agents[index]
        if let password {
            guard let number = agent.dialNumber else {
                throw APIError.invalidRequest(
                    "A SIP password needs a phone number.", details: ["field": .string(Field.sipPassword.stringValue)])
            }
            agent.sipSecret = DigestSecret(username: number.value, realm: realm, password: password)
        } else {
            agent.sipSecret = nil
        }
        return configuration.modified { $0.agents[index] = agent }
    }
}

/// `/v1/admin/wrapup-reasons` and `/v1/admin/idle-reasons`.
struct ReasonShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable { case id, code, name, teamIds }

    let reason: Reason
    init(_ reason: Reason) { self.reason = reason }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(reason.id.rawValue, forKey: .id)
        try json.encode(reason.code, forKey: .code)
        try json.encode(reason.name, forKey: .name)
        try json.encode(reason.teamIDs.map(\.rawValue), forKey: .teamIds)
    }

    static func item(from body: JSONFields, old: Reason?, id: String) throws(APIError) -> Reason {
        Reason(
            id: ReasonID(id), code: try body.text(Field.code, old?.code, maxLength: 40), name: try body.text(Field.name, old?.name),
            teamIDs: try body.ids(Field.teamIds, old?.teamIDs))
    }
}

/// `/v1/admin/cad-variables`.
struct CADVariableShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable {
        case id, name, label, type, editable, secure, showOnPopover, order, defaultValue
    }

    let variable: CADVariable
    init(_ variable: CADVariable) { self.variable = variable }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(variable.id.rawValue, forKey: .id)
        try json.encode(variable.name, forKey: .name)
        try json.encode(variable.label, forKey: .label)
        try json.encode(variable.type.rawValue, forKey: .type)
        try json.encode(variable.isEditable, forKey: .editable)
        try json.encode(variable.isSecure, forKey: .secure)
        try json.encode(variable.isShownOnPopover, forKey: .showOnPopover)
        try json.encode(variable.order, forKey: .order)
        try json.encode(variable.defaultValue, forKey: .defaultValue)
    }

    static func item(from body: JSONFields, old: CADVariable?, id: String) throws(APIError) -> CADVariable {
        let typeName = try body.text(Field.type, old?.type.rawValue ?? "string")
        guard let type = CADVariable.ValueType(rawValue: typeName) else {
            throw body.invalid(Field.type, "\"type\" must be string, integer, boolean or datetime.")
        }
        let name = try body.text(Field.name, old?.name, maxLength: 64)
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw body.invalid(Field.name, "\"name\" is letters, digits and _ only.")
        }
        let defaultValue = body.has(Field.defaultValue) ? try body.string(Field.defaultValue) : old?.defaultValue
        let variable = CADVariable(
            id: CADVariableID(id), name: name, label: try body.text(Field.label, old?.label), type: type,
            isEditable: try body.flag(Field.editable, old?.isEditable, default: false),
            isSecure: try body.flag(Field.secure, old?.isSecure, default: false),
            isShownOnPopover: try body.flag(Field.showOnPopover, old?.isShownOnPopover, default: false),
            order: try body.integer(Field.order) ?? old?.order ?? 100, defaultValue: defaultValue)
        // H1: a default is a value like any other: of the variable's type, 256 characters at most.
        do { try variable.validate(defaultValue ?? "") } catch {
            var refused = APIError(error)
            refused.details["field"] = .string(Field.defaultValue.stringValue)
            throw refused
        }
        return variable
    }
}

/// `/v1/admin/address-book`.
struct AddressBookEntryShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable { case id, name, number }

    let entry: AddressBookEntry
    init(_ entry: AddressBookEntry) { self.entry = entry }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(entry.id.rawValue, forKey: .id)
        try json.encode(entry.name, forKey: .name)
        try json.encode(entry.number.value, forKey: .number)
    }

    static func item(from body: JSONFields, old: AddressBookEntry?, id: String) throws(APIError) -> AddressBookEntry {
        AddressBookEntry(
            id: AddressBookEntryID(id), name: try body.text(Field.name, old?.name), number: try body.dialNumber(Field.number, old?.number))
    }
}

/// `/v1/admin/directory`.
struct ExpertShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable { case id, firstName, lastName, role, department, businessNumber, presence }

    let expert: Expert
    init(_ expert: Expert) { self.expert = expert }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(expert.id.rawValue, forKey: .id)
        try json.encode(expert.firstName, forKey: .firstName)
        try json.encode(expert.lastName, forKey: .lastName)
        try json.encode(expert.role, forKey: .role)
        try json.encode(expert.department, forKey: .department)
        try json.encode(expert.businessNumber?.value, forKey: .businessNumber)
        try json.encode(expert.presence.rawValue, forKey: .presence)
    }

    static func item(from body: JSONFields, old: Expert?, id: String) throws(APIError) -> Expert {
        let presenceName = try body.text(Field.presence, old?.presence.rawValue ?? "available")
        guard let presence = Expert.Presence(rawValue: presenceName) else {
            throw body.invalid(Field.presence, "\"presence\" must be available, busy, away or offline.")
        }
        let number = try body.optionalDialNumber(Field.businessNumber, old?.businessNumber)
        return Expert(
            id: ExpertID(id), firstName: try body.text(Field.firstName, old?.firstName),
            lastName: try body.text(Field.lastName, old?.lastName), role: try body.text(Field.role, old?.role),
            department: try body.text(Field.department, old?.department), businessNumber: number, presence: presence)
    }
}

/// `/v1/admin/settings`.
struct SettingsShape: Encodable {
    enum Field: String, CodingKey, CaseIterable {
        case noiseRemovalEnabled, recordingEnabled, privacyShieldEnabled, privacyShieldSeconds, ringTimeoutSeconds
        case concurrentCallLimit, endCallForWebCallback, requeueOnTransferNotAccepted, callbackRingSeconds
        case callbackMaxAttempts, callbackRetrySeconds, callbackExpirySeconds
    }

    /// The fields a `PATCH` may have.
    static let fields = Set(Field.allCases.map(\.stringValue))

    let settings: TenantSettings

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(settings.noiseRemovalEnabled, forKey: .noiseRemovalEnabled)
        try json.encode(settings.recordingEnabled, forKey: .recordingEnabled)
        try json.encode(settings.privacyShieldEnabled, forKey: .privacyShieldEnabled)
        try json.encode(settings.privacyShieldSeconds, forKey: .privacyShieldSeconds)
        try json.encode(settings.ringTimeoutSeconds, forKey: .ringTimeoutSeconds)
        try json.encode(settings.concurrentCallLimit, forKey: .concurrentCallLimit)
        try json.encode(settings.endCallForWebCallback, forKey: .endCallForWebCallback)
        try json.encode(settings.requeueOnTransferNotAccepted, forKey: .requeueOnTransferNotAccepted)
        try json.encode(settings.callbackRingSeconds, forKey: .callbackRingSeconds)
        try json.encode(settings.callbackMaxAttempts, forKey: .callbackMaxAttempts)
        try json.encode(settings.callbackRetrySeconds, forKey: .callbackRetrySeconds)
        try json.encode(settings.callbackExpirySeconds, forKey: .callbackExpirySeconds)
    }

    /// `old` with the fields the body has changed.
    static func settings(from body: JSONFields, old: TenantSettings) throws(APIError) -> TenantSettings {
        var settings = old
        settings.noiseRemovalEnabled = try body.flag(Field.noiseRemovalEnabled, old.noiseRemovalEnabled, default: true)
        settings.recordingEnabled = try body.flag(Field.recordingEnabled, old.recordingEnabled, default: false)
        settings.privacyShieldEnabled = try body.flag(Field.privacyShieldEnabled, old.privacyShieldEnabled, default: false)
        settings.privacyShieldSeconds =
            try body.seconds(Field.privacyShieldSeconds, old.privacyShieldSeconds, range: 1...3600, optional: false)
            ?? old.privacyShieldSeconds
        settings.ringTimeoutSeconds =
            try body.seconds(Field.ringTimeoutSeconds, old.ringTimeoutSeconds, range: 2...600, optional: false) ?? old.ringTimeoutSeconds
        settings.concurrentCallLimit = try body.seconds(
            Field.concurrentCallLimit, old.concurrentCallLimit, range: 1...100_000, optional: true)
        settings.endCallForWebCallback = try body.flag(Field.endCallForWebCallback, old.endCallForWebCallback, default: false)
        settings.requeueOnTransferNotAccepted = try body.flag(
            Field.requeueOnTransferNotAccepted, old.requeueOnTransferNotAccepted, default: false)
        settings.callbackRingSeconds =
            try body.seconds(Field.callbackRingSeconds, old.callbackRingSeconds, range: 5...300, optional: false)
            ?? old.callbackRingSeconds
        settings.callbackMaxAttempts =
            try body.seconds(Field.callbackMaxAttempts, old.callbackMaxAttempts, range: 1...10, optional: false)
            ?? old.callbackMaxAttempts
        settings.callbackRetrySeconds =
            try body.seconds(Field.callbackRetrySeconds, old.callbackRetrySeconds, range: 10...86_400, optional: false)
            ?? old.callbackRetrySeconds
        settings.callbackExpirySeconds =
            try body.seconds(Field.callbackExpirySeconds, old.callbackExpirySeconds, range: 600...604_800, optional: false)
            ?? old.callbackExpirySeconds
        return settings
    }
}
