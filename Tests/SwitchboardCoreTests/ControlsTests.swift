import SwitchboardCore
import Testing

@Suite("K2 K3 controls and commands")
struct ControlsTests {
    @Test("K2 every task carries all 17 controls; each disabled one has a reason")
    func allControlsPresent() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let named = h.controls(task).named
        #expect(named.map(\.name.rawValue) == [
            "accept", "decline", "hold", "unhold", "end", "wrapup", "cancel", "consult", "consultAccept", "consultEnd",
            "consultHold", "consultUnhold", "consultTransfer", "consultConference", "transfer", "recordPause", "recordResume",
        ])
        let enabled = named.filter { $0.control.isEnabled }.map(\.name.rawValue)
        #expect(enabled == ["hold", "end", "consult", "transfer"])
    }

    @Test("K2 a control's command path is its name split at capitals; the body-less ones have a command each")
    func commandPaths() {
        #expect(ControlName.allCases.map(\.commandPath) == [
            "accept", "decline", "hold", "unhold", "end", "wrapup", "cancel", "consult", "consult/accept", "consult/end",
            "consult/hold", "consult/unhold", "consult/transfer", "consult/conference", "transfer", "record/pause",
            "record/resume",
        ])
        let task = TaskID("t1")
        #expect(Set(ControlName.plainCommands) == Set(ControlName.allCases).subtracting([.wrapup, .consult, .transfer]))
        #expect(ControlName.recordPause.command(on: task) == .pauseRecording(task))
        #expect(ControlName.consultConference.command(on: task) == .consultConference(task))
    }

    @Test("K2 a closed task has every control disabled")
    func closedTask() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.end(task), by: Fixture.alice)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.controls(task) == .allDisabled(.taskClosed))
        #expect(h.refuse(.hold(task), by: Fixture.alice)?.code == .taskNotFound, "closed tasks leave the core")
    }

    @Test("K3 a repeated hold or unhold succeeds and changes nothing")
    func idempotentHold() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.hold(task), by: Fixture.alice)
        let before = h.center.interactions
        let again = h.run(.hold(task), by: Fixture.alice)
        #expect(again.events.map(\.type) == [.agentContactHeld])
        if case .task(_, let details) = again.events.first?.data { #expect(details.changed == false) }
        #expect(again.effects.isEmpty)
        #expect(h.center.interactions == before)
        h.run(.unhold(task), by: Fixture.alice)
        let unheld = h.run(.unhold(task), by: Fixture.alice)
        #expect(unheld.events.map(\.type) == [.agentContactUnheld])
    }

    @Test("K3 every command ends in exactly one success or one failure event")
    func oneOutcomeEvent() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let failure = h.apply(.command(.consultHold(task), by: Fixture.alice))
        #expect(failure.events.map(\.type) == [.agentConsultHoldFailed])
        if case .failure(let error) = failure.events.first?.data {
            #expect(error.code == .notAllowedInState && error.reason == "no_consult")
        }
        let success = h.run(.hold(task), by: Fixture.alice)
        #expect(success.events.map(\.type) == [.agentContactHeld])
    }

    @Test("K3 a refused command changes nothing")
    func refusalChangesNothing() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        let before = (h.center.interactions, h.center.tasks, h.center.agents)
        _ = h.refuse(.transfer(task, to: .dialNumber("1")), by: Fixture.alice)
        _ = h.refuse(.consult(task, to: .queue("nope")), by: Fixture.alice)
        _ = h.refuse(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.center.interactions == before.0 && h.center.tasks == before.1 && h.center.agents == before.2)
    }
}

@Suite("G recording and Privacy Shield")
struct RecordingTests {
    func recordedCall(privacyShield: Bool = true) -> (Harness, TaskID) {
        let h = Harness(Fixture.configuration {
            $0.recordingEnabled = true
            $0.privacyShieldEnabled = privacyShield
            $0.privacyShieldSeconds = 30
        })
        h.login(Fixture.alice)
        return (h, h.connectedCall(to: Fixture.alice))
    }

    @Test("G1 a recorded call records from the moment it connects")
    func recordsOnConnect() {
        let (h, task) = recordedCall()
        #expect(h.task(task).recording == "recording")
        #expect(h.eventTypes().contains(.contactRecordingStarted))
    }

    @Test("G2 a pause lasts at most the administrator's duration, then recording resumes by itself")
    func privacyShieldAutoResumes() {
        let (h, task) = recordedCall()
        h.run(.pauseRecording(task), by: Fixture.alice)
        #expect(h.task(task).recording == "paused")
        #expect(h.controls(task).recordResume == .enabled)
        h.advance(seconds: 30)
        #expect(h.task(task).recording == "recording")
        let resumed = h.events.last { $0.type == .contactRecordingResumed }
        if case .task(_, let details) = resumed?.data { #expect(details.autoResumed == true) }
    }

    @Test("G2 without Privacy Shield there is no pause control")
    func noPrivacyShield() {
        let (h, task) = recordedCall(privacyShield: false)
        #expect(h.controls(task).recordPause == .disabled(.privacyShieldDisabled))
    }

    @Test("G3 pause and resume are refused during a consult or a conference")
    func notDuringConsult() {
        let (h, task) = recordedCall()
        h.login(Fixture.bob, available: false)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(h.refuse(.pauseRecording(task), by: Fixture.alice)?.reason == "consult_in_progress")
        h.answer(Fixture.bob)
        h.run(.consultConference(task), by: Fixture.alice)
        #expect(h.controls(task).recordPause == .disabled(.inConference))
    }
}

@Suite("G2 G3 recording controls")
struct MoreRecordingTests {
    @Test("G2 resuming by hand cancels the Privacy Shield timer")
    func manualResume() {
        let h = Harness(Fixture.configuration {
            $0.recordingEnabled = true
            $0.privacyShieldEnabled = true
        })
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.pauseRecording(task), by: Fixture.alice)
        #expect(h.timers[.privacyShield(h.task(task).interactionID)] != nil)
        h.run(.resumeRecording(task), by: Fixture.alice)
        #expect(h.timers[.privacyShield(h.task(task).interactionID)] == nil)
        if case .task(_, let details) = h.lastEvents(.contactRecordingResumed).first?.data { #expect(details.autoResumed == false) }
    }

    @Test("G3 resume is refused during a consult too")
    func resumeRefusedDuringConsult() {
        let h = Harness(Fixture.configuration {
            $0.recordingEnabled = true
            $0.privacyShieldEnabled = true
        })
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.pauseRecording(task), by: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(h.refuse(.resumeRecording(task), by: Fixture.alice)?.reason == "consult_in_progress")
    }
}
