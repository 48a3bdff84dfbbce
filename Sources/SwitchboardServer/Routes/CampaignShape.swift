import SwitchboardCore

/// `/v1/admin/campaigns` (J2): a preview campaign, `{"id","name","teamId","variables":[{"name",
/// "label"}],"callerEntryPointId","active","previewSeconds"}`. Its contacts are a resource of
/// their own (`.../contacts`).
struct CampaignShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable {
        case id, name, teamId, variables, callerEntryPointId, active, previewSeconds
    }

    private enum VariableField: String, CodingKey { case name, label }

    let campaign: Campaign
    init(_ campaign: Campaign) { self.campaign = campaign }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(campaign.id.rawValue, forKey: .id)
        try json.encode(campaign.name, forKey: .name)
        try json.encode(campaign.teamID.rawValue, forKey: .teamId)
        var variables = json.nestedUnkeyedContainer(forKey: .variables)
        for variable in campaign.variables {
            var item = variables.nestedContainer(keyedBy: VariableField.self)
            try item.encode(variable.name, forKey: .name)
            try item.encode(variable.label, forKey: .label)
        }
        try json.encode(campaign.callerEntryPointID?.rawValue, forKey: .callerEntryPointId)
        try json.encode(campaign.isActive, forKey: .active)
        try json.encode(campaign.previewSeconds, forKey: .previewSeconds)
    }

    static func item(from body: JSONFields, old: Campaign?, id: String) throws(APIError) -> Campaign {
        var callerEntryPointID = old?.callerEntryPointID
        if body.has(Field.callerEntryPointId) {
            callerEntryPointID = try body.string(Field.callerEntryPointId).map { EntryPointID($0) }
        }
        return Campaign(
            id: CampaignID(id), name: try body.text(Field.name, old?.name),
            teamID: TeamID(try body.text(Field.teamId, old?.teamID.rawValue)),
            variables: try variables(from: body, old: old?.variables), callerEntryPointID: callerEntryPointID,
            isActive: try body.flag(Field.active, old?.isActive, default: true),
            previewSeconds: try body.seconds(
                Field.previewSeconds, old?.previewSeconds ?? Campaign.defaultPreviewSeconds,
                range: Campaign.previewSecondsRange, optional: false) ?? Campaign.defaultPreviewSeconds)
    }

    /// C3: at most six, each a column name (letters, digits, `_`) and a label, no name twice.
    private static func variables(from body: JSONFields, old: [CampaignVariable]?) throws(APIError) -> [CampaignVariable] {
        guard let values = try body.array(Field.variables.stringValue) else { return old ?? [] }
        guard values.count <= Campaign.maximumVariables else {
            throw body.invalid(Field.variables, "A preview shows at most \(Campaign.maximumVariables) variables.")
        }
        var result: [CampaignVariable] = []
        for value in values {
            let fields = try JSONFields(value, allowed: ["name", "label"])
            let name = try fields.text(VariableField.name, nil, maxLength: 64)
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw body.invalid(Field.variables, "A variable's name is a column name: letters, digits and _ only.")
            }
            guard !result.contains(where: { $0.name == name }) else {
                throw body.invalid(Field.variables, "The variable \(name) is listed twice.")
            }
            result.append(CampaignVariable(name: name, label: try fields.text(VariableField.label, nil)))
        }
        return result
    }
}
