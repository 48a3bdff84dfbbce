import Foundation
import SwitchboardCore
import Testing

/// J2 preview campaigns through the contact center: an Available agent of the campaign's team,
/// for whom no queued request waits, is offered the next contact as a preview; Call makes it
/// their outdial, Skip passes it by, a preview left alone is a RONA; each contact keeps its result.
@Suite("J2 preview campaigns")
struct CampaignTests {
    static let campaign: CampaignID = "camp-renewals"

    static func harness(active: Bool = true, adjust: (inout TenantSettings) -> Void = { _ in }) -> Harness {
        let configuration = Fixture.configuration(adjust).modified { lists in
            lists.campaigns = [
                Campaign(
                    id: campaign, name: "Renewals", teamID: Fixture.salesTeam,
                    variables: [CampaignVariable(name: "name", label: "Name"), CampaignVariable(name: "plan", label: "Plan")],
                    callerEntryPointID: Fixture.salesEP, isActive: active, previewSeconds: 30)
            ]
        }
        return Harness(configuration)
    }

    static func contact(_ number: String, name: String? = nil, plan: String? = nil) -> CampaignContactUpload {
        CampaignContactUpload(number: Fixture.number(number), name: name, values: plan.map { ["plan": $0] } ?? [:])
    }

    @discardableResult
    static func upload(_ h: Harness, _ contacts: [CampaignContactUpload]) -> Transition {
        h.apply(.loadCampaignContacts(campaign, contacts))
    }

    static func contacts(_ h: Harness) -> [CampaignContact] { h.center.campaignContacts[campaign]?.contacts ?? [] }

    /// The agent's open task, if it is a preview.
    static func preview(_ h: Harness, _ agentID: AgentID) -> TaskID? {
        h.center.agents[agentID]?.taskID.flatMap { h.center.tasks[$0]?.isPreviewing == true ? $0 : nil }
    }

    @Test("J2 C3 the preview shows the campaign's variables and rings nothing; Call rings the agent's phone, then the customer is dialled; answered is the result")
    func callAnswered() {
        let h = Self.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678", name: "Mette Holm", plan: "Gold")])
        guard let task = Self.preview(h, Fixture.eve) else {
            Issue.record("no preview offered")
            return
        }
        let offer = h.task(task)
        #expect(offer.contactType == .outbound && offer.status == .offered && offer.ani == "+4512345678")
        #expect(offer.dnis == Fixture.salesNumber, "the caller id is the campaign's entry point")
        #expect(offer.popoverVariables == [
            PopoverVariable(name: "name", label: "Name", value: "Mette Holm"),
            PopoverVariable(name: "plan", label: "Plan", value: "Gold"),
        ])
        #expect(offer.campaign?.id == Self.campaign && offer.campaign?.name == "Renewals")
        #expect(offer.campaign?.contactID == 1 && offer.campaign?.isPreview == true)
        #expect(offer.controls.accept == .enabled && offer.controls.decline == .enabled, "Call and Skip, from the desktop")
        #expect(h.eventTypes().contains(.agentOfferCampaignContact) && !h.eventTypes().contains(.agentOfferContact))
        #expect(!h.telephony.contains { if case .ringAgent = $0 { true } else { false } }, "nothing rings during a preview")
        #expect(h.center.agents[Fixture.eve]?.isRoutable == false, "the agent is taken by the preview")
        #expect(Self.contacts(h).first?.status == .inProgress(offer.interactionID))
        let pickedUp = h.apply(.telephony(.deviceAnswered(dialNumber: h.dialNumber(Fixture.eve))))
        #expect(pickedUp.outcome.failure?.reason == "no_call_on_device", "lifting the phone is no Call")

        h.run(.accept(task), by: Fixture.eve)
        #expect(h.telephony.last == .ringAgent(Fixture.eve, dialNumber: h.dialNumber(Fixture.eve), task: task))
        #expect(h.task(task).campaign?.isPreview == false && h.eventTypes().contains(.agentOfferContact))
        h.answer(Fixture.eve)
        guard let dialled = h.lastCustomerDial() else {
            Issue.record("the customer was not dialled")
            return
        }
        #expect(dialled.number.value == "+4512345678")
        h.signal(.customerAnswered(dialled.callID))
        #expect(h.task(task).status == .connected)
        #expect(Self.contacts(h).first?.status == .inProgress(offer.interactionID), "the result waits for the end")
        h.run(.end(task), by: Fixture.eve)
        #expect(Self.contacts(h).first?.result == .answered && Self.contacts(h).first?.agentID == Fixture.eve)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.eve)
        #expect(Self.preview(h, Fixture.eve) == nil, "no contact is left")
    }

    @Test("J2 Skip passes the contact by for good, the agent is not RONA and gets the next contact")
    func skip() {
        let h = Self.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678"), Self.contact("+4587654321")])
        let first = Self.preview(h, Fixture.eve)!
        h.run(.decline(first), by: Fixture.eve)
        #expect(h.task(first).closeReason == .skipped)
        #expect(h.lastEvents(.agentOfferWithdrawn).count == 1 && h.lastEvents(.agentOfferContactRona).isEmpty)
        #expect(Self.contacts(h).map(\.result) == [.skipped, nil])
        let second = Self.preview(h, Fixture.eve)
        #expect(second.map { h.task($0).ani } == "+4587654321", "the next contact is previewed at once")
    }

    @Test("J2 C2 a preview left alone past its time is a RONA; the contact goes to the next agent of the team")
    func previewTimesOut() {
        let h = Self.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678")])
        let task = Self.preview(h, Fixture.eve)!
        #expect(h.center.pendingTimers.contains { $0.0 == .ringTimeout(task) }, "K5: the preview's time is a timer")
        h.advance(seconds: 29)
        #expect(Self.preview(h, Fixture.eve) == task)
        h.login(Fixture.dave, team: Fixture.salesTeam)
        h.advance(seconds: 1)
        #expect(h.state(Fixture.eve) == .rona && h.task(task).closeReason == .rona)
        #expect(h.lastEvents(.agentOfferContactRona).count == 1)
        let again = Self.preview(h, Fixture.dave)
        #expect(again.map { h.task($0).campaign?.contactID } == 1, "the same contact, to Dave")
        #expect(Self.contacts(h).first?.previews == 2)
    }

    @Test("J2 inbound requests come first: an agent a queued call matches gets the call, not a preview")
    func inboundFirst() {
        let h = Self.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam, available: false)
        Self.upload(h, [Self.contact("+4512345678")])
        h.call(Fixture.salesNumber)
        h.run(.setState(.available), by: Fixture.eve)
        let task = h.ringing(Fixture.eve).map(h.task)
        #expect(task?.contactType == .inbound && task?.campaign == nil)
        #expect(Self.contacts(h).first?.isPending == true)
        h.login(Fixture.alice)
        #expect(h.center.agents[Fixture.alice]?.taskID == nil, "another team's agent gets no preview")
    }

    @Test("J2 the customer not answering is the contact's result; the agent wraps up")
    func noAnswer() {
        let h = Self.harness { $0.callbackRingSeconds = 20 }
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678")])
        let task = Self.preview(h, Fixture.eve)!
        h.run(.accept(task), by: Fixture.eve)
        h.answer(Fixture.eve)
        h.advance(seconds: 20)
        #expect(h.task(task).status == .wrapup && Self.contacts(h).first?.result == .noAnswer)
        let busy = Self.harness()
        busy.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(busy, [Self.contact("+4512345678")])
        let second = Self.preview(busy, Fixture.eve)!
        busy.run(.accept(second), by: Fixture.eve)
        busy.answer(Fixture.eve)
        busy.signal(.customerFailed(busy.lastCustomerDial()!.callID, reason: .busy))
        #expect(Self.contacts(busy).first?.result == .busy)
    }

    @Test("J2 the agent's own phone not answering after Call places no call: the contact waits again")
    func agentPhoneDoesNotAnswer() {
        let h = Self.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678")])
        let task = Self.preview(h, Fixture.eve)!
        h.run(.accept(task), by: Fixture.eve)
        h.advance(seconds: 15)
        #expect(h.task(task).closeReason == .declined && h.state(Fixture.eve) != .rona, "an outdial is no RONA")
        #expect(h.lastCustomerDial() == nil)
        #expect(Self.contacts(h).first?.previews == 2 && Self.contacts(h).first?.result == nil, "previewed again")
    }

    @Test("J2 an inactive campaign offers nothing until it is started; a campaign removed takes its contacts")
    func activation() {
        let h = Self.harness(active: false)
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678")])
        #expect(Self.preview(h, Fixture.eve) == nil && Self.contacts(h).count == 1)
        let started = h.center.configuration.modified { lists in lists.campaigns[0].isActive = true }
        h.apply(.reconfigure(started))
        #expect(Self.preview(h, Fixture.eve) != nil)
        h.apply(.reconfigure(started.modified { $0.campaigns = [] }))
        #expect(h.center.campaignContacts.isEmpty)
        let refused = Self.upload(h, [Self.contact("+4512345678")])
        #expect(refused.outcome.failure?.code == .notFound)
    }

    @Test("J1 at a call limit previews wait; a leg ending makes room")
    func callLimit() {
        let h = Self.harness { $0.concurrentCallLimit = 1 }
        h.login(Fixture.alice)
        let (callID, _) = h.call()
        h.answer(Fixture.alice)
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, [Self.contact("+4512345678")])
        #expect(Self.preview(h, Fixture.eve) == nil, "Call would go over the limit")
        h.signal(.customerHungUp(callID))
        #expect(Self.preview(h, Fixture.eve) != nil)
    }

    @Test("J2 a number already open in the list is not added twice; the list survives a snapshot")
    func duplicatesAndSnapshot() throws {
        let h = Self.harness(active: false)
        Self.upload(h, [Self.contact("+4512345678"), Self.contact("+4512345678"), Self.contact("+4587654321")])
        Self.upload(h, [Self.contact("+4587654321")])
        #expect(Self.contacts(h).map(\.number.value) == ["+4512345678", "+4587654321"])
        let restored = try JSONDecoder().decode(ContactCenter.self, from: try JSONEncoder().encode(h.center))
        #expect(restored.campaignContacts == h.center.campaignContacts)
    }

    @Test("J2 an upload is checked: a number column, callable numbers, no number twice, CAD values of their type; other columns are ignored")
    func uploadChecks() throws {
        let h = Self.harness()
        let campaign = h.center.configuration.campaign(Self.campaign)!
        let cad = h.center.configuration.cadVariables
        #expect(throws: CommandError.self) {
            try CampaignUpload(header: ["phone"], rows: [], for: campaign, cadVariables: cad, existing: nil)
        }
        let upload = try CampaignUpload(
            header: ["Number", "name", "plan", "priority", "shoe size"],
            rows: [
                (2, ["+45 12 34 56 78", "Mette", "Gold", "3", "42"]),
                (3, ["12", "Short", "", "", ""]),
                (4, ["+4512345678", "Again", "", "", ""]),
                (5, ["+4587654321", "Bo", "", "high", ""]),
                (6, ["+4511223344", "Ib"]),
                (7, ["", "", "", "", ""]),
                (8, ["+4599887766", "", String(repeating: "x", count: 257), "", ""]),
            ],
            for: campaign, cadVariables: cad, existing: nil)
        #expect(upload.accepted == [
            CampaignContactUpload(number: Fixture.number("+4512345678"), name: "Mette", values: ["plan": "Gold", "priority": "3"])
        ])
        #expect(upload.rejected.map(\.line) == [3, 4, 5, 6, 8])
        #expect(upload.rejected.map(\.reason) == [
            "invalid_dial_number", "duplicate_number", "invalid_value", "wrong_column_count", "value_too_long",
        ])
        #expect(upload.ignoredColumns == ["shoe size"])
        h.login(Fixture.eve, team: Fixture.salesTeam)
        Self.upload(h, upload.accepted)
        let task = Self.preview(h, Fixture.eve)!
        #expect(h.task(task).cad.first { $0.name == "priority" }?.value == "3", "a CAD column sets the call's value")
    }
}

/// J2 the edges of previews found in review: a campaign made again under the same id, a contact
/// back to pending while the agent went Idle, a decline on the phone after Call, a limit at Call.
@Suite("J2 preview campaign edges")
struct CampaignEdgeTests {
    typealias C = CampaignTests

    @Test("J2 a campaign removed and made again under its id while a preview shows: the old preview ends, nothing breaks")
    func campaignMadeAgain() {
        let h = C.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        C.upload(h, [C.contact("+4511111111"), C.contact("+4522222222")])
        let first = C.preview(h, Fixture.eve)!
        h.run(.decline(first), by: Fixture.eve)
        let second = C.preview(h, Fixture.eve)!
        #expect(h.task(second).campaign?.contactID == 2)
        let configuration = h.center.configuration
        h.apply(.reconfigure(configuration.modified { $0.campaigns = [] }))
        h.apply(.reconfigure(configuration.modified { lists in lists.campaigns[0].isActive = false }))
        C.upload(h, [C.contact("+4533333333")])
        h.run(.decline(second), by: Fixture.eve)
        #expect(C.contacts(h).map(\.result) == [nil], "the new list's contact 1 is not the old preview's")
    }

    @Test("J2 a contact back to pending is offered to the next free agent at once, though the agent it was with went Idle")
    func pendingAgainIsRouted() {
        let h = C.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        C.upload(h, [C.contact("+4511111111")])
        let task = C.preview(h, Fixture.eve)!
        h.login(Fixture.dave, team: Fixture.salesTeam, available: false)
        h.run(.accept(task), by: Fixture.eve)
        h.run(.setState(.idle(Fixture.lunch)), by: Fixture.eve)
        h.run(.setState(.available), by: Fixture.dave)
        h.advance(seconds: 15)
        #expect(h.task(task).closeReason == .declined)
        #expect(C.preview(h, Fixture.dave).map { h.task($0).ani } == "+4511111111")
    }

    @Test("J2 the agent declining on the phone after Call skips the contact")
    func declinedOnThePhone() {
        let h = C.harness()
        h.login(Fixture.eve, team: Fixture.salesTeam)
        C.upload(h, [C.contact("+4511111111")])
        let task = C.preview(h, Fixture.eve)!
        h.run(.accept(task), by: Fixture.eve)
        h.signal(.deviceFailed(dialNumber: h.dialNumber(Fixture.eve), reason: .declined))
        #expect(C.contacts(h).first?.result == .skipped && h.state(Fixture.eve) == .available)
    }

    @Test("J1 Call at a call limit is refused with the limit's code; the preview running out then is no RONA")
    func limitAtCall() {
        let h = C.harness { $0.concurrentCallLimit = 1 }
        h.login(Fixture.eve, team: Fixture.salesTeam)
        C.upload(h, [C.contact("+4511111111")])
        let task = C.preview(h, Fixture.eve)!
        h.login(Fixture.alice)
        h.call()
        h.answer(Fixture.alice)
        let refused = h.refuse(.accept(task), by: Fixture.eve)
        #expect(refused?.code == .concurrentCallLimit && refused?.callLimit == .tenant)
        h.advance(seconds: 30)
        #expect(h.state(Fixture.eve) == .available && h.task(task).closeReason == .interactionEnded)
        #expect(C.contacts(h).first?.isPending == true)
    }

    @Test("J2 upload columns match variables without case and keep the variable's name")
    func columnsWithoutCase() throws {
        let h = C.harness()
        let upload = try CampaignUpload(
            header: ["NUMBER", "Plan", "PRIORITY", ""], rows: [(2, ["+4511111111", "Gold", "2", ""])],
            for: h.center.configuration.campaign(C.campaign)!, cadVariables: h.center.configuration.cadVariables, existing: nil)
        #expect(upload.accepted.first?.values == ["plan": "Gold", "priority": "2"] && upload.ignoredColumns.isEmpty)
    }
}
