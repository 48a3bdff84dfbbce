import SwitchboardCore

/// A small tenant: two queues with entry points, two teams, five agents, reasons, CAD variables,
/// an address book and a directory.
enum Fixture {
    static let support: QueueID = "q-support"
    static let sales: QueueID = "q-sales"
    static let supportEP: EntryPointID = "ep-support"
    static let salesEP: EntryPointID = "ep-sales"
    static let supportNumber = "+4570100100"
    static let salesNumber = "+4570100200"
    static let supportTeam: TeamID = "team-support"
    static let salesTeam: TeamID = "team-sales"
    static let alice: AgentID = "agent-alice"
    static let bob: AgentID = "agent-bob"
    static let carol: AgentID = "agent-carol"
    static let dave: AgentID = "agent-dave"
    static let eve: AgentID = "agent-eve"
    static let lunch: ReasonID = "idle-lunch"
    static let meeting: ReasonID = "idle-meeting"
    static let resolved: ReasonID = "wrap-resolved"
    static let escalated: ReasonID = "wrap-escalated"
    static let expertWithNumber: ExpertID = "expert-ida"
    static let expertWithoutNumber: ExpertID = "expert-jon"

    static let dialNumbers: [AgentID: DialNumber] = [
        alice: "1001", bob: "1002", carol: "1003", dave: "1004", eve: "1005",
    ]

    static func configuration(_ adjust: (inout TenantSettings) -> Void = { _ in }) -> TenantConfiguration {
        var settings = TenantSettings()
        settings.ringTimeoutSeconds = 15
        adjust(&settings)
        return TenantConfiguration(
            settings: settings,
            queues: [
                Queue(id: support, name: "Support"),
                Queue(id: sales, name: "Sales", ringTimeoutSeconds: 10),
            ],
            entryPoints: [
                EntryPoint(id: supportEP, name: "Support EP", dialNumber: number(supportNumber), queueID: support),
                EntryPoint(id: salesEP, name: "Sales EP", dialNumber: number(salesNumber), queueID: sales),
            ],
            teams: [
                Team(id: supportTeam, name: "Support Team", queueIDs: [support, sales]),
                Team(id: salesTeam, name: "Sales Team", queueIDs: [sales]),
            ],
            agents: [
                AgentProfile(id: alice, name: "Alice Andersen", teamIDs: [supportTeam]),
                AgentProfile(id: bob, name: "Bob Berg", teamIDs: [supportTeam]),
                AgentProfile(id: carol, name: "Carol Christensen", teamIDs: [supportTeam]),
                AgentProfile(id: dave, name: "Dave Dahl", teamIDs: [supportTeam, salesTeam]),
                AgentProfile(id: eve, name: "Eve Eriksen", teamIDs: [salesTeam]),
            ],
            idleReasons: [
                Reason(id: lunch, code: "LUNCH", name: "Lunch"),
                Reason(id: meeting, code: "MEETING", name: "Meeting"),
            ],
            wrapUpReasons: [
                Reason(id: resolved, code: "RESOLVED", name: "Resolved"),
                Reason(id: escalated, code: "ESCALATED", name: "Escalated"),
                Reason(id: "wrap-sales-only", code: "SALE", name: "Sale made", teamIDs: [salesTeam]),
            ],
            cadVariables: [
                CADVariable(id: "cad-1", name: "customerName", label: "Customer name", isShownOnPopover: true, order: 1, defaultValue: "Jens Hansen"),
                CADVariable(id: "cad-2", name: "accountNumber", label: "Account", isSecure: true, isShownOnPopover: true, order: 2, defaultValue: "DK-99-1234"),
                CADVariable(id: "cad-3", name: "caseNumber", label: "Case", isEditable: true, isShownOnPopover: true, order: 3, defaultValue: "C-1"),
                CADVariable(id: "cad-4", name: "topic", label: "Topic", isShownOnPopover: true, order: 4, defaultValue: "Billing"),
                CADVariable(id: "cad-5", name: "priority", label: "Priority", type: .integer, isShownOnPopover: true, order: 5, defaultValue: "2"),
                CADVariable(id: "cad-6", name: "callbackAt", label: "Call back at", type: .datetime, isEditable: true, isShownOnPopover: true, order: 6),
                CADVariable(id: "cad-7", name: "segment", label: "Segment", isShownOnPopover: true, order: 7, defaultValue: "Gold"),
                CADVariable(id: "cad-8", name: "language", label: "Language", order: 8, defaultValue: "da"),
            ],
            addressBook: [
                AddressBookEntry(id: "ab-1", name: "Front desk", number: number("2000")),
                AddressBookEntry(id: "ab-2", name: "Billing office", number: number("+4533445566")),
            ],
            directory: [
                Expert(id: expertWithNumber, firstName: "Ida", lastName: "Holm", role: "Tax specialist", department: "Finance", businessNumber: number("+4522334455")),
                Expert(id: expertWithoutNumber, firstName: "Jon", lastName: "Lund", role: "Architect", department: "IT", businessNumber: nil),
            ]
        )
    }

    static func number(_ text: String) -> DialNumber { DialNumber.valid(text)! }
}
