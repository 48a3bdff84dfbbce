/// J2: preview campaigns. An administrator uploads contacts to a campaign; an Available agent of
/// the campaign's team for whom no inbound request waits is offered the next contact as a
/// preview (the campaign's variables, the number) and chooses Call or Skip. Call makes it the
/// agent's outdial (their phone rings, then the customer is dialled); Skip passes the contact by.
/// A preview left alone until its time is up is a RONA, and the contact waits for the next agent.
/// Each contact keeps its result, settled once its interaction is over.
extension ContactCenter {
    /// J2: contacts an administrator uploaded, appended to the campaign's list (checked by
    /// `CampaignUpload` beforehand; a number already open in the list is refused again here).
    mutating func loadContacts(_ uploads: [CampaignContactUpload], into campaignID: CampaignID, in step: inout Step)
        throws(CommandError) -> ReplyReference
    {
        guard configuration.campaign(campaignID) != nil else {
            throw CommandError(.notFound, reason: "unknown_campaign", "No campaign \(campaignID).")
        }
        var list = campaignContacts[campaignID] ?? CampaignContactList()
        guard list.contacts.count + uploads.count <= CampaignContactList.maximumContacts else {
            throw CommandError(
                .invalidRequest, reason: "too_many_contacts",
                "A campaign keeps at most \(CampaignContactList.maximumContacts) contacts.")
        }
        var open = list.openNumbers
        for upload in uploads where open.insert(upload.number.value).inserted {
            list.append(number: upload.number, name: upload.name, values: upload.values, at: step.now)
        }
        campaignContacts[campaignID] = list
        step.mayRoute = true
        return .none
    }

    /// Whether a campaign has a contact waiting for an agent now.
    var hasPendingCampaignContacts: Bool {
        configuration.campaigns.contains { campaign in
            campaign.isActive && campaignContacts[campaign.id]?.nextPending != nil
        }
    }

    /// J2: offers the next contact of an active campaign to each free agent of its team, the
    /// longest-free first. Runs after the queues: an agent a queued request matches has it by now.
    /// J1: at a call limit previews wait (Call would place a call).
    mutating func offerPreviews(in step: inout Step) throws(CommandError) {
        guard !routableAgents.isEmpty, hasPendingCampaignContacts, !holdsCallbacksAtLimit else { return }
        let free = routableAgents.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        for (agentID, _) in free {
            guard let teamID = agents[agentID]?.station?.teamID,
                let campaign = configuration.campaigns.first(where: { campaign in
                    campaign.isActive && campaign.teamID == teamID && campaignContacts[campaign.id]?.nextPending != nil
                }),
                let contact = campaignContacts[campaign.id]?.nextPending
            else { continue }
            if holdsCallbacksAtLimit { return }
            try offerPreview(of: contact, in: campaign, to: agentID, in: &step)
        }
    }

    private mutating func offerPreview(
        of contact: CampaignContact, in campaign: Campaign, to agentID: AgentID, in step: inout Step
    ) throws(CommandError) {
        let id = InteractionID("ix-\(takeSerial())")
        let callback = Callback(kind: .outdial, number: contact.number, name: contact.name, requestedAt: step.now)
        interactions[id] = Interaction(
            id: id, preview: callback, of: CampaignContactReference(campaignID: campaign.id, contactID: contact.id),
            entryPoint: campaign.callerEntryPointID.flatMap(configuration.entryPoint), cad: initialCallData(routing: contact.values))
        try campaignContacts.modify(campaign.id) { list throws(CommandError) in
            try list.modify(contact.id) { contact throws(CommandError) in try contact.preview(as: id, to: agentID, at: step.now) }
        }
        routableAgents[agentID] = nil
        step.touch(agent: agentID)
        let taskID = try offerCustomerCall(
            id, to: agentID, origin: .preview, popover: PopoverVariables.campaign(campaign.variables, contact: contact),
            in: &step)
        let deadline = step.now.advanced(by: .seconds(campaign.previewSeconds))
        try tasks.modify(taskID) { task throws(CommandError) in try task.preview(until: deadline) }
        step.schedule(.ringTimeout(taskID), at: deadline)
        step.taskEvent(.agentOfferCampaignContact, taskID)
    }

    /// J2: the agent chose Call: their phone rings, and once it answers the customer is dialled.
    mutating func callPreviewedContact(_ task: AgentTask, in step: inout Step) throws(CommandError) {
        try refuseAtCallLimit("A campaign call")
        step.cancel(.ringTimeout(task.id))
        try interactions.modify(task.interactionID) { interaction throws(CommandError) in
            try interaction.placePreviewedCall(task.id)
        }
        step.touch(interaction: task.interactionID)
        try startRinging(task.id, type: .agentOfferContact, in: &step)
    }

    /// J2: the agent chose Skip (or the preview's time ran out: a RONA): the preview closes, and
    /// the contact is skipped for good, or waits for the next agent. J1: a preview that ran out
    /// while a call limit kept Call refused is withdrawn with no RONA (the agent could not call).
    mutating func closePreview(_ task: AgentTask, skipped: Bool, in step: inout Step) throws(CommandError) {
        step.cancel(.ringTimeout(task.id))
        let limit = skipped ? nil : reachedLimit()
        try close(task.id, reason: skipped ? .skipped : limit != nil ? .interactionEnded : .rona, in: &step)
        if skipped {
            step.taskEvent(.agentOfferWithdrawn, task.id, TaskEventDetails(reason: CloseReason.skipped.rawValue))
        } else if let limit {
            step.taskEvent(.agentOfferWithdrawn, task.id, TaskEventDetails(reason: limit.reason))
        } else {
            try agents.modify(task.agentID) { agent throws(CommandError) in try agent.ringOut() }
            step.taskEvent(.agentOfferContactRona, task.id, TaskEventDetails(reason: DeviceFailure.noAnswer.rawValue))
        }
        let reason: EndReason = skipped ? .previewSkipped : .previewNotTaken
        try interactions.modify(task.interactionID) { interaction throws(CommandError) in try interaction.end(reason, at: step.now) }
        step.record(.interaction(.contactEnded, interactionData(try interactions.require(task.interactionID), reason: reason.rawValue)))
        step.mayRoute = true
    }

    /// J2: every campaign interaction that ended in this step gives its contact a result, or
    /// makes it pending again when the customer was never called (and routing looks again).
    /// A contact whose campaign was removed (and perhaps made again) meanwhile is left alone.
    mutating func settleCampaignContacts(in step: inout Step) throws(CommandError) {
        guard !campaignContacts.isEmpty else { return }
        for interactionID in step.touchedInteractions {
            guard let interaction = interactions[interactionID], let reference = interaction.campaignContact,
                case .ended(let ending) = interaction.state,
                campaignContacts[reference.campaignID]?.contact(reference.contactID)?.status == .inProgress(interactionID)
            else { continue }
            let result = Self.campaignResult(of: interaction, ending: ending)
            let now = step.now
            try campaignContacts.modify(reference.campaignID) { list throws(CommandError) in
                try list.modify(reference.contactID) { contact throws(CommandError) in try contact.settle(result, at: now) }
            }
            if result == nil { step.mayRoute = true }
        }
    }

    /// What the interaction's end means for its contact; nil when nobody called the customer.
    static func campaignResult(of interaction: Interaction, ending: Interaction.Ending) -> CampaignContact.Result? {
        if ending.reason == .previewSkipped { return .skipped }
        guard let outcome = interaction.callback?.attempts.last?.outcome else { return nil }
        switch outcome {
        case .answered: return .answered
        case .noAnswer: return .noAnswer
        case .busy: return .busy
        case .unreachable: return .unreachable
        case .abandoned, .cancelled: return .abandoned
        }
    }
}

/// J2: one contact of an upload, checked (`CampaignUpload`).
public struct CampaignContactUpload: Hashable, Sendable, Codable {
    public var number: DialNumber
    public var name: String?
    public var values: [String: String]

    public init(number: DialNumber, name: String?, values: [String: String]) {
        self.number = number
        self.name = name
        self.values = values
    }
}
