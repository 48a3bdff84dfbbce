public import SwitchboardCore

/// J2: contact lists of preview campaigns. An upload is checked against the list as it is when
/// its turn comes on the tenant's executor, and what passes is one journaled input, so two
/// uploads at once never let a number in twice.
extension TenantEngine {
    /// Checks the table and appends the contacts that pass; answers what was kept and left out.
    public func uploadContacts(
        header: [String], rows: [(line: Int, cells: [String])], to campaignID: CampaignID
    ) throws(CommandError) -> CampaignUpload {
        guard let campaign = state.configuration.campaign(campaignID) else {
            throw CommandError(.notFound, reason: "unknown_campaign", "No campaign \(campaignID).")
        }
        let upload = try CampaignUpload(
            header: header, rows: rows, for: campaign, cadVariables: state.configuration.cadVariables,
            existing: state.campaignContacts[campaignID])
        guard !upload.accepted.isEmpty else { return upload }
        if let error = apply(.loadCampaignContacts(campaignID, upload.accepted), requestID: nil).error { throw error }
        return upload
    }

    /// The campaign's contacts now (none before an upload).
    public func contacts(of campaignID: CampaignID) -> CampaignContactList? { state.campaignContacts[campaignID] }
}
