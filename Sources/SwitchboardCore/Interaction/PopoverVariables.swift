/// C3, C4, C5: the variables a popover shows.
public enum PopoverVariables {
    public static let minimumConfigured = 3
    public static let maximumConfigured = 6

    /// C3: the administrator's variables in their order, at least 3 and at most 6, never a secure
    /// one. Variables marked for the popover come first; when fewer than 3 are marked, the next
    /// non-secure variables in the administrator's order fill up to 3.
    public static func configured(_ variables: [CADVariable], values: [String: String]) -> [PopoverVariable] {
        let eligible = variables.filter { !$0.isSecure }
        var chosen = eligible.filter(\.isShownOnPopover)
        if chosen.count < minimumConfigured {
            let fill = eligible.filter { !$0.isShownOnPopover }.prefix(minimumConfigured - chosen.count)
            chosen = eligible.filter { variable in variable.isShownOnPopover || fill.contains(variable) }
        }
        return chosen.prefix(maximumConfigured).map {
            PopoverVariable(name: $0.name, label: $0.label, value: values[$0.name] ?? "")
        }
    }

    /// C4: a consult request shows the initiating agent's name, DN and team, then the configured
    /// variables (at most 9); through an EP-DN only the agent's DN (at most 7).
    public static func consult(
        initiatorName: String, initiatorDialNumber: String, initiatorTeam: String, viaEntryPoint: Bool,
        configured: [PopoverVariable]
    ) -> [PopoverVariable] {
        let dialNumber = PopoverVariable(name: "agentDN", label: "Agent DN", value: initiatorDialNumber)
        let standard =
            viaEntryPoint
            ? [dialNumber]
            : [
                PopoverVariable(name: "agentName", label: "Agent name", value: initiatorName), dialNumber,
                PopoverVariable(name: "agentTeam", label: "Agent team", value: initiatorTeam),
            ]
        return standard + configured.prefix(maximumConfigured)
    }

    /// J2: a preview shows the campaign's variables, from the contact's columns (`name` and
    /// `number` are the contact's own).
    public static func campaign(_ variables: [CampaignVariable], contact: CampaignContact) -> [PopoverVariable] {
        variables.prefix(maximumConfigured).map { variable in
            let value =
                switch variable.name {
                case "number": contact.values[variable.name] ?? contact.number.value
                case "name": contact.values[variable.name] ?? contact.name ?? ""
                default: contact.values[variable.name] ?? ""
                }
            return PopoverVariable(name: variable.name, label: variable.label, value: value)
        }
    }

    /// C5: a callback's popover shows the customer's phone number, the queue that routed it and
    /// the DNIS.
    public static func callback(number: String, queueName: String, dnis: String) -> [PopoverVariable] {
        [
            PopoverVariable(name: "phoneNumber", label: "Phone number", value: number),
            PopoverVariable(name: "queueName", label: "Queue name", value: queueName),
            PopoverVariable(name: "dnis", label: "DNIS", value: dnis),
        ]
    }
}
