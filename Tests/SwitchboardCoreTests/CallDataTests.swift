import SwitchboardCore
import Testing

/// H1–H4, K4, E8 through the contact center: saving, conflicts, live updates, masking, reveal.
@Suite("H call-associated data")
struct CallDataTests {
    /// The fixture's variables, and a secure one an agent may edit (a card number taken on the call).
    static func configuration() -> TenantConfiguration {
        Fixture.configuration().modified { lists in
            lists.cadVariables.append(
                CADVariable(id: "cad-9", name: "cardNumber", label: "Card number", isEditable: true, isSecure: true, order: 9))
        }
    }

    static let secret = "4571 9988 1234 5678"

    func value(_ name: String, of task: TaskSnapshot) -> String? { task.cad.first { $0.name == name }?.value }

    @Test("H1 H3 an editable value is saved during the call and the version moves on")
    func save() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        #expect(h.task(task).cadControls.edit == .enabled)
        h.run(.saveCallData(task, values: ["caseNumber": "C-77", "callbackAt": "2026-12-04T09:00:00+01:00"], version: 1), by: Fixture.alice)
        let saved = h.task(task)
        #expect(saved.cadVersion == 2)
        #expect(value("caseNumber", of: saved) == "C-77")
        let updated = h.lastEvents(.contactUpdated)
        #expect(updated.count == 1)
        if case .task(_, let details) = updated.first?.data {
            #expect(details.variables == ["callbackAt", "caseNumber"])
            #expect(details.updatedBy == Fixture.alice)
        }
    }

    @Test("H1 a value over 256 characters is refused and nothing is saved")
    func tooLong() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let error = h.refuse(
            .saveCallData(task, values: ["caseNumber": "ok", "callbackAt": String(repeating: "9", count: 257)], version: 1),
            by: Fixture.alice)
        #expect(error?.code == .valueTooLong && error?.field == "values.callbackAt")
        #expect(h.task(task).cadVersion == 1 && value("caseNumber", of: h.task(task)) == "C-1")
        #expect(h.eventTypes() == [.contactUpdateFailed])
    }

    @Test("H1 a value of the wrong type, an unknown or a read-only variable is refused")
    func refusedValues() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let wrongType = h.refuse(.saveCallData(task, values: ["callbackAt": "next Tuesday"], version: 1), by: Fixture.alice)
        #expect(wrongType?.code == .invalidRequest && wrongType?.reason == "invalid_value")
        #expect(h.refuse(.saveCallData(task, values: ["nope": "x"], version: 1), by: Fixture.alice)?.reason == "unknown_variable")
        let readOnly = h.refuse(.saveCallData(task, values: ["topic": "Other"], version: 1), by: Fixture.alice)
        #expect(readOnly?.code == .notAllowedInState && readOnly?.reason == "not_editable")
    }

    @Test("H4 K4 two agents save from one version: the first wins, the second gets a conflict with the saved values")
    func conflict() {
        let (h, task, consulted, _) = Harness.aliceConsultingBob()
        _ = h
        let h2 = h
        h2.run(.saveCallData(consulted, values: ["caseNumber": "from Bob"], version: 1), by: Fixture.bob)
        #expect(h2.lastEvents(.contactUpdated).map(\.taskID) == [task, consulted], "both agents hear of it live")
        let error = h2.refuse(.saveCallData(task, values: ["caseNumber": "from Alice"], version: 1), by: Fixture.alice)
        #expect(error?.code == .cadConflict)
        #expect(error?.currentCallData?.version == 2)
        #expect(error?.currentCallData?.values.first { $0.name == "caseNumber" }?.value == "from Bob")
        #expect(error?.currentCallData?.values.first { $0.name == "accountNumber" }?.value == CADValueSnapshot.mask)
        #expect(value("caseNumber", of: h2.task(task)) == "from Bob")
    }

    @Test("E8 the consulted agent of a consult through an entry point reads only")
    func readOnlyViaEntryPoint() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.login(Fixture.bob)
        h.run(.consult(task, to: .entryPoint(Fixture.supportEP)), by: Fixture.alice)
        let consulted = h.answer(Fixture.bob)
        #expect(h.task(consulted).cadControls.edit == .disabled(.consultViaEntryPoint))
        #expect(h.task(consulted).cadControls.reveal == .enabled, "reading includes a secure value")
        let error = h.refuse(.saveCallData(consulted, values: ["caseNumber": "x"], version: 1), by: Fixture.bob)
        #expect(error?.reason == "consult_via_entry_point")
        #expect(h.task(task).cadControls.edit == .enabled, "agent 1 still edits")
    }

    @Test("H1 before the call is accepted and in wrap-up the data is not edited")
    func onlyDuringTheCall() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        h.call()
        let offered = h.ringing(Fixture.alice)!
        #expect(h.task(offered).cadControls.edit == .disabled(.notAccepted))
        h.answer(Fixture.alice)
        h.run(.end(offered), by: Fixture.alice)
        #expect(h.refuse(.saveCallData(offered, values: ["caseNumber": "x"], version: 1), by: Fixture.alice)?.reason == "in_wrapup")
        #expect(h.refuse(.saveCallData(offered, values: [:], version: 1), by: Fixture.bob)?.code == .taskNotFound)
    }

    @Test("H2 a secure value is masked in every snapshot and event, even after it is saved and revealed")
    func secureMasked() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.saveCallData(task, values: ["cardNumber": Self.secret], version: 1), by: Fixture.alice)
        #expect(value("cardNumber", of: h.task(task)) == CADValueSnapshot.mask)
        let reveal = h.run(.revealSecureValue(task, name: "cardNumber"), by: Fixture.alice)
        #expect(reveal.outcome == .success(.revealed(task, name: "cardNumber", value: Self.secret)))
        h.run(.end(task), by: Fixture.alice)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(!String(describing: h.events).contains(Self.secret))
        #expect(!String(describing: h.events).contains("4571"))
    }

    @Test("H2 a reveal is audited: an event names who and which variable, never the value")
    func revealAudited() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let reveal = h.run(.revealSecureValue(task, name: "accountNumber"), by: Fixture.alice)
        #expect(reveal.outcome == .success(.revealed(task, name: "accountNumber", value: "DK-99-1234")))
        let audit = h.lastEvents(.contactValueRevealed)
        #expect(audit.count == 1 && audit.first?.agentID == Fixture.alice)
        if case .task(_, let details) = audit.first?.data { #expect(details.variables == ["accountNumber"]) }
        #expect(h.refuse(.revealSecureValue(task, name: "topic"), by: Fixture.alice)?.reason == "not_secure")
        #expect(h.refuse(.revealSecureValue(task, name: "nope"), by: Fixture.alice)?.code == .notFound)
    }

    @Test("A5 routing's values replace the defaults; an invalid one is left out and the call still arrives")
    func routingValues() {
        let h = Harness(Self.configuration())
        h.login(Fixture.alice)
        let arrived = h.signal(.customerCallArrived(
            "call-r", ani: "+4512345678", dnis: Fixture.supportNumber,
            variables: ["customerName": "Ole Olsen", "priority": "urgent", "unknown": "x"]))
        #expect(arrived.outcome.failureCode == nil)
        let task = h.answer(Fixture.alice)
        #expect(value("customerName", of: h.task(task)) == "Ole Olsen")
        #expect(value("priority", of: h.task(task)) == "2", "not an integer: the default stays")
    }
}
