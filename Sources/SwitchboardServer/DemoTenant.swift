public import SwitchboardCore
public import SwitchboardStore
import SwitchboardSIP

/// The demo tenant of API.md (`serve --demo`): two queues and entry points, one team, four
/// agents, reasons, CAD variables, an address book and a directory.
public enum DemoTenant {
    public static let name = "demo"

    /// Users in clear: username, password, role, agent id; `agentCount` agents (4 in the demo).
    public static func users(agentCount: Int = 4) -> [(username: String, password: String, role: Role, agentID: AgentID?)] {
        [("admin", "admin", .admin, nil), ("supervisor", "supervisor", .supervisor, nil)]
            + (1...agentCount).map { ("agent\($0)", "password", .agent, AgentID("agent\($0)")) }
    }

    /// Every demo agent's SIP phone registers as `sip:100N@host` with this password (realm `demo`).
    public static let sipPassword = "password"

    /// The demo configuration; with more than four agents (load tests) the others are "Agent N".
    public static func configuration(agentCount: Int = 4) -> TenantConfiguration {
        configuration.modified { lists in
            for number in 5...max(5, agentCount) where number <= agentCount {
                lists.agents.append(
                    AgentProfile(
                        id: AgentID("agent\(number)"), name: "Agent \(number)", teamIDs: ["support-team"],
                        dialNumber: DialNumber.valid(String(1000 + number))))
            }
            for index in lists.agents.indices {
                guard let number = lists.agents[index].dialNumber else { continue }
                lists.agents[index].sipSecret = DigestSecret(username: number.value, realm: name, password: sipPassword)
            }
        }
    }

    static var configuration: TenantConfiguration {
        var settings = TenantSettings()
        settings.ringTimeoutSeconds = 15
        settings.recordingEnabled = true
        settings.privacyShieldEnabled = true
        settings.privacyShieldSeconds = 60
        settings.endCallForWebCallback = true
        settings.callbackRetrySeconds = 60
        let number = { (text: String) in DialNumber.valid(text)! }
        return TenantConfiguration(
            settings: settings,
            queues: [Queue(id: "support", name: "Support"), Queue(id: "sales", name: "Sales")],
            entryPoints: [
                EntryPoint(
                    id: "support-ep", name: "Support EP", dialNumber: number("+4570100100"), queueID: "support",
                    courtesyCallback: CourtesyCallbackOffer(minimumEstimatedWaitSeconds: 60)),
                EntryPoint(id: "sales-ep", name: "Sales EP", dialNumber: number("+4570100200"), queueID: "sales"),
            ],
            teams: [Team(id: "support-team", name: "Support Team", queueIDs: ["support", "sales"])],
            agents: [
                AgentProfile(id: "agent1", name: "Anna Jensen", teamIDs: ["support-team"], dialNumber: number("1001")),
                AgentProfile(id: "agent2", name: "Bo Nielsen", teamIDs: ["support-team"], dialNumber: number("1002")),
                AgentProfile(id: "agent3", name: "Clara Hansen", teamIDs: ["support-team"], dialNumber: number("1003")),
                AgentProfile(id: "agent4", name: "David Pedersen", teamIDs: ["support-team"], dialNumber: number("1004")),
            ],
            idleReasons: [
                Reason(id: "break", code: "BREAK", name: "Break"),
                Reason(id: "training", code: "TRAINING", name: "Training"),
            ],
            wrapUpReasons: [
                Reason(id: "resolved", code: "RESOLVED", name: "Resolved"),
                Reason(id: "follow-up", code: "FOLLOW_UP", name: "Follow-up needed"),
                Reason(id: "escalated", code: "ESCALATED", name: "Escalated"),
                Reason(id: "wrong-number", code: "WRONG_NUMBER", name: "Wrong number"),
            ],
            cadVariables: [
                CADVariable(id: "customer-name", name: "customerName", label: "Customer name", isShownOnPopover: true, order: 1, defaultValue: "Mette Sørensen"),
                CADVariable(id: "account-number", name: "accountNumber", label: "Account number", isShownOnPopover: true, order: 2, defaultValue: "40-118-2231"),
                CADVariable(id: "reason", name: "contactReason", label: "Reason for calling", isEditable: true, isShownOnPopover: true, order: 3, defaultValue: "Invoice question"),
                CADVariable(id: "case-number", name: "caseNumber", label: "Case number", isEditable: true, order: 4),
                CADVariable(id: "follow-up-at", name: "followUpAt", label: "Follow up at", type: .datetime, isEditable: true, order: 5),
                CADVariable(id: "card-number", name: "cardNumber", label: "Card number", isSecure: true, order: 6, defaultValue: "4571 9988 1234 5678"),
            ],
            addressBook: [
                AddressBookEntry(id: "reception", name: "Reception", number: number("+4533001000")),
                AddressBookEntry(id: "billing", name: "Billing department", number: number("+4533001200")),
                AddressBookEntry(id: "it-desk", name: "IT service desk", number: number("2100")),
            ],
            directory: [
                Expert(id: "expert-ida", firstName: "Ida", lastName: "Holm", role: "Tax specialist", department: "Finance", businessNumber: number("+4533001310"), presence: .available),
                Expert(id: "expert-mads", firstName: "Mads", lastName: "Lund", role: "Network engineer", department: "IT", businessNumber: number("+4533001420"), presence: .busy),
                Expert(id: "expert-sofie", firstName: "Sofie", lastName: "Berg", role: "Legal counsel", department: "Legal", businessNumber: nil, presence: .away),
            ],
            // J2: paused until an administrator uploads its contacts and starts it.
            campaigns: [
                Campaign(
                    id: "renewals", name: "Contract renewals", teamID: "support-team",
                    variables: [
                        CampaignVariable(name: "name", label: "Name"), CampaignVariable(name: "plan", label: "Plan"),
                        CampaignVariable(name: "renewalDate", label: "Renews on"),
                    ],
                    callerEntryPointID: "sales-ep", isActive: false)
            ],
            // SIP.md "Demo": calls come in from loopback on any port and go out to 127.0.0.1:5080.
            trunks: [TrunkPeer(id: "local-carrier", name: "Local carrier", address: "127.0.0.1", port: 5080)])
    }
}

extension SwitchboardServer {
    /// Creates the demo tenant unless it exists; says whether it did.
    @discardableResult
    public func seedDemoTenant(agentCount: Int = 4) async throws -> Bool {
        guard tenants.runtime(DemoTenant.name) == nil else { return false }
        try await createTenant(
            DemoTenant.name, configuration: DemoTenant.configuration(agentCount: agentCount),
            users: DemoTenant.users(agentCount: agentCount))
        return true
    }
}
