import SwitchboardCore
import Testing

@Suite("B agent state")
struct AgentStateTests {
    @Test("B1 station login leaves the agent Idle with a reason; Available, Idle and Logged out follow")
    func states() {
        let h = Harness()
        #expect(h.state(Fixture.alice) == .loggedOut)
        h.login(Fixture.alice, available: false)
        #expect(h.state(Fixture.alice) == .idle)
        #expect(h.center.agentSnapshot(Fixture.alice)?.idleReasonID == Fixture.lunch)
        h.run(.setState(.available), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .available)
        h.run(.setState(.idle(Fixture.meeting)), by: Fixture.alice)
        #expect(h.center.agentSnapshot(Fixture.alice)?.idleReasonID == Fixture.meeting)
        h.run(.logout, by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .loggedOut)
    }

    @Test("B1 only an Available agent is offered calls")
    func onlyAvailableOffered() {
        let h = Harness()
        h.login(Fixture.alice, available: false)
        h.call()
        #expect(h.ringing(Fixture.alice) == nil)
        h.run(.setState(.available), by: Fixture.alice)
        #expect(h.ringing(Fixture.alice) != nil)
    }

    @Test("B1 Engaged while on a call, Wrap-up after it")
    func engagedAndWrapUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        #expect(h.state(Fixture.alice) == .engaged)
        h.run(.end(task), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .wrapUp)
        #expect(h.center.agentSnapshot(Fixture.alice)?.state == .wrapUp)
    }

    @Test("B1 Idle needs a known idle reason; unknown states are refused")
    func idleReasonRequired() {
        let h = Harness()
        h.login(Fixture.alice)
        #expect(h.refuse(.setState(.idle("nope")), by: Fixture.alice)?.code == .invalidRequest)
        #expect(h.state(Fixture.alice) == .available)
        #expect(h.lastEvents(.agentStateChangeFailed).count == 1)
    }

    @Test("B2 RONA lasts until the agent changes state by hand, to Available or Idle")
    func ronaIsSticky() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        h.advance(seconds: 15)
        #expect(h.state(Fixture.alice) == .rona)
        h.advance(seconds: 600)
        #expect(h.state(Fixture.alice) == .rona)
        #expect(h.ringing(Fixture.alice) == nil, "a RONA agent is offered nothing")
        h.run(.setState(.idle(Fixture.lunch)), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .idle)
        h.run(.setState(.available), by: Fixture.alice)
        #expect(h.ringing(Fixture.alice) != nil, "the waiting call is offered again")
    }

    @Test("B3 logout is refused while a connecting or contact-request popover shows")
    func logoutBlockedByOffer() {
        let h = Harness()
        h.login(Fixture.alice)
        h.call()
        #expect(h.ringing(Fixture.alice) != nil)
        #expect(h.refuse(.logout, by: Fixture.alice)?.code == .logoutBlockedByOffer)
        #expect(h.lastEvents(.agentLogoutFailed).count == 1)
        let task = h.answer(Fixture.alice)
        #expect(h.refuse(.logout, by: Fixture.alice)?.reason == "has_open_tasks")
        h.run(.end(task), by: Fixture.alice)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        h.run(.logout, by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .loggedOut)
    }

    @Test("B3 a consult request popover blocks logout too")
    func logoutBlockedByConsultOffer() {
        let h = Harness()
        h.login(Fixture.alice)
        h.login(Fixture.bob, available: false)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.consult(task, to: .agent(Fixture.bob)), by: Fixture.alice)
        #expect(h.refuse(.logout, by: Fixture.bob)?.code == .logoutBlockedByOffer)
    }

    @Test("B4 after wrap-up the agent is Available again")
    func availableAfterWrapUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.end(task), by: Fixture.alice)
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .available)
    }

    @Test("B4 a state chosen during the call applies after wrap-up")
    func chosenStateAppliesAfterWrapUp() {
        let h = Harness()
        h.login(Fixture.alice)
        let task = h.connectedCall(to: Fixture.alice)
        h.run(.setState(.idle(Fixture.meeting)), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .engaged)
        #expect(h.center.agentSnapshot(Fixture.alice)?.chosenState == .idle)
        h.run(.end(task), by: Fixture.alice)
        h.call()
        h.run(.wrapUp(task, reasonID: Fixture.resolved), by: Fixture.alice)
        #expect(h.state(Fixture.alice) == .idle)
        #expect(h.center.agentSnapshot(Fixture.alice)?.idleReasonID == Fixture.meeting)
        #expect(h.ringing(Fixture.alice) == nil)
    }

    @Test("Station login checks the team, the dial number and that nobody else uses it")
    func stationLoginValidation() {
        let h = Harness()
        let error = h.refuse(.stationLogin(teamID: Fixture.salesTeam, dialNumber: "1001", canAnswerRemotely: false), by: Fixture.alice)
        #expect(error?.code == .invalidRequest)
        #expect(h.refuse(.stationLogin(teamID: Fixture.supportTeam, dialNumber: "12", canAnswerRemotely: false), by: Fixture.alice)?.code == .invalidDialNumber)
        h.login(Fixture.alice)
        #expect(h.refuse(.stationLogin(teamID: Fixture.supportTeam, dialNumber: "1001", canAnswerRemotely: false), by: Fixture.bob)?.reason == "dial_number_in_use")
        #expect(h.refuse(.stationLogin(teamID: Fixture.supportTeam, dialNumber: "1009", canAnswerRemotely: false), by: Fixture.alice)?.reason == "already_logged_in")
        #expect(h.refuse(.setState(.available), by: Fixture.carol)?.reason == "not_logged_in")
    }
}
