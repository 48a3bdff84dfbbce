public import SwitchboardCore

/// A tenant sized for a simulated day: `agentCount` agents in two teams, two queues with entry
/// points, reasons, CAD variables, an address book and a directory.
public enum SimulatedTenant {
    public static let supportNumber = "+4570100100"
    public static let salesNumber = "+4570100200"

    public static func configuration(
        agentCount: Int, ringTimeoutSeconds: Int = 15, callbacks: Bool = false, callLimit: Int? = nil,
        campaigns: Bool = false
    ) -> TenantConfiguration {
        var settings = TenantSettings()
        settings.concurrentCallLimit = callLimit
        // I1–I4: courtesy callbacks above half a minute's wait, Cancel on web callbacks, quick retries.
        let courtesy = callbacks ? CourtesyCallbackOffer(minimumEstimatedWaitSeconds: 30) : nil
        if callbacks {
            settings.endCallForWebCallback = true
            settings.callbackRingSeconds = 20
            settings.callbackRetrySeconds = 60
            settings.callbackMaxAttempts = 3
        }
        settings.ringTimeoutSeconds = ringTimeoutSeconds
        settings.recordingEnabled = true
        settings.privacyShieldEnabled = true
        settings.privacyShieldSeconds = 20
        let number = { (text: String) in DialNumber.valid(text)! }
        let agents = (1...agentCount).map { index in
            AgentProfile(
                id: agentID(index), name: "Agent \(index)",
                teamIDs: [index.isMultiple(of: 4) ? "team-sales" : "team-support"])
        }
        return TenantConfiguration(
            settings: settings,
            queues: [Queue(id: "q-support", name: "Support"), Queue(id: "q-sales", name: "Sales", ringTimeoutSeconds: 12)],
            entryPoints: [
                EntryPoint(
                    id: "ep-support", name: "Support EP", dialNumber: number(supportNumber), queueID: "q-support",
                    courtesyCallback: courtesy),
                EntryPoint(
                    id: "ep-sales", name: "Sales EP", dialNumber: number(salesNumber), queueID: "q-sales",
                    courtesyCallback: courtesy),
            ],
            teams: [
                Team(id: "team-support", name: "Support Team", queueIDs: ["q-support", "q-sales"]),
                Team(id: "team-sales", name: "Sales Team", queueIDs: ["q-sales"]),
            ],
            agents: agents,
            idleReasons: [Reason(id: "idle-break", code: "BREAK", name: "Break"), Reason(id: "idle-lunch", code: "LUNCH", name: "Lunch")],
            wrapUpReasons: [
                Reason(id: "wrap-resolved", code: "RESOLVED", name: "Resolved"),
                Reason(id: "wrap-escalated", code: "ESCALATED", name: "Escalated"),
                Reason(id: "wrap-callback", code: "CALLBACK", name: "Call back later"),
            ],
            cadVariables: [
                CADVariable(id: "cad-1", name: "customerName", label: "Customer", isShownOnPopover: true, order: 1, defaultValue: "Kunde"),
                CADVariable(id: "cad-2", name: "account", label: "Account", isSecure: true, isShownOnPopover: true, order: 2, defaultValue: "1234"),
                CADVariable(id: "cad-3", name: "caseNumber", label: "Case", isEditable: true, isShownOnPopover: true, order: 3),
                CADVariable(id: "cad-4", name: "topic", label: "Topic", isShownOnPopover: true, order: 4, defaultValue: "Order"),
            ],
            addressBook: [
                AddressBookEntry(id: "ab-1", name: "Front desk", number: number("2000")),
                AddressBookEntry(id: "ab-2", name: "Billing", number: number("+4533445566")),
            ],
            directory: [
                Expert(id: "expert-1", firstName: "Ida", lastName: "Holm", role: "Tax", department: "Finance", businessNumber: number("+4522334455")),
            ],
            campaigns: campaigns ? [
                Campaign(
                    id: campaignID, name: "Renewals", teamID: "team-sales",
                    variables: [CampaignVariable(name: "name", label: "Name"), CampaignVariable(name: "topic", label: "Topic")],
                    callerEntryPointID: "ep-sales", previewSeconds: 30)
            ] : []
        )
    }

    /// J2: the day's campaign.
    public static let campaignID: CampaignID = "camp-renewals"

    public static func agentID(_ index: Int) -> AgentID { AgentID("agent-\(index)") }

    public static func dialNumber(_ index: Int) -> DialNumber { DialNumber.valid(String(10_000 + index))! }

    public static func team(of index: Int) -> TeamID { index.isMultiple(of: 4) ? "team-sales" : "team-support" }
}
