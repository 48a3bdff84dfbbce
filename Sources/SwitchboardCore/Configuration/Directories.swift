/// A company dial number with a name (A6), shown beside numbers in the Dial number pickers.
public struct AddressBookEntry: Hashable, Sendable, Codable, Identifiable {
    public var id: AddressBookEntryID
    public var name: String
    public var number: DialNumber

    public init(id: AddressBookEntryID, name: String, number: DialNumber) {
        self.id = id
        self.name = name
        self.number = number
    }
}

/// A subject-matter expert in the organization directory (A6, E1).
public struct Expert: Hashable, Sendable, Codable, Identifiable {
    public var id: ExpertID
    public var firstName: String
    public var lastName: String
    public var role: String
    public var department: String
    /// Only experts with a business number are listed as targets (E1).
    public var businessNumber: DialNumber?
    public var presence: Presence

    public init(
        id: ExpertID, firstName: String, lastName: String, role: String, department: String,
        businessNumber: DialNumber?, presence: Presence = .available
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.department = department
        self.businessNumber = businessNumber
        self.presence = presence
    }

    public var fullName: String { "\(firstName) \(lastName)" }

    /// An expert's presence, as the directory last reported it (it may lag, E1).
    public enum Presence: String, Hashable, Sendable, Codable {
        case available, busy, away, offline
    }
}

/// A call-associated data variable definition (A5).
public struct CADVariable: Hashable, Sendable, Codable, Identifiable {
    public var id: CADVariableID
    /// The key the value is stored under (`cad` in the API).
    public var name: String
    public var label: String
    public var type: ValueType
    public var isEditable: Bool
    public var isSecure: Bool
    public var isShownOnPopover: Bool
    /// Display order, ascending.
    public var order: Int
    /// The value a new interaction starts with (the flow may set others when the call arrives).
    public var defaultValue: String?

    public init(
        id: CADVariableID, name: String, label: String, type: ValueType = .string, isEditable: Bool = false,
        isSecure: Bool = false, isShownOnPopover: Bool = false, order: Int, defaultValue: String? = nil
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.type = type
        self.isEditable = isEditable
        self.isSecure = isSecure
        self.isShownOnPopover = isShownOnPopover
        self.order = order
        self.defaultValue = defaultValue
    }

    public enum ValueType: String, Hashable, Sendable, Codable {
        case string, integer, boolean, datetime
    }
}
