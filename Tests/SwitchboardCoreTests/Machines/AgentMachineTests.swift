@testable import SwitchboardCore
import Testing

/// One-line transitions of the agent machine (B1–B4).
@Suite("Agent machine")
struct AgentMachineTests {
    static let station = StationLogin(teamID: "team", dialNumber: DialNumber.valid("1001")!)
    static let t0 = Instant.seconds(1_000)

    static func loggedIn(_ chosen: ChosenState = .available, task: TaskID? = nil) -> Agent {
        var agent = Agent(id: "a", since: t0)
        try! agent.logIn(at: station, idleReason: "lunch")
        try! agent.choose(chosen)
        if let task { try! agent.take(task) }
        return agent
    }

    @Test("B1 a station login starts Idle with the team's idle reason")
    func logIn() throws {
        var agent = Agent(id: "a", since: Self.t0)
        try agent.logIn(at: Self.station, idleReason: "lunch")
        #expect(agent.chosen == .idle("lunch") && agent.taskID == nil && agent.station == Self.station)
    }

    @Test("B1 a second login is refused")
    func loginTwice() {
        var agent = Self.loggedIn()
        #expect(throws: CommandError.self) { try agent.logIn(at: Self.station, idleReason: nil) }
        #expect((try? agent.logIn(at: Self.station, idleReason: nil)) == nil)
    }

    @Test("B1 only a logged-in, Available agent with a free phone is routable")
    func routable() {
        #expect(Self.loggedIn(.available).isRoutable)
        #expect(!Self.loggedIn(.idle(nil)).isRoutable)
        #expect(!Self.loggedIn(.rona).isRoutable)
        #expect(!Self.loggedIn(.available, task: "t").isRoutable)
        #expect(!Agent(id: "a", since: Self.t0).isRoutable)
    }

    @Test("One voice call at a time: a second task is a fault")
    func oneTask() {
        var agent = Self.loggedIn(task: "t1")
        #expect(throwsCode(.internalFault) { try agent.take("t2") })
    }

    @Test("B4 a state chosen during a call waits for the wrap-up")
    func choiceDuringCall() throws {
        var agent = Self.loggedIn(.available, task: "t")
        try agent.choose(.idle("lunch"))
        try agent.release("t", wrappedUp: true)
        #expect(agent.chosen == .idle("lunch"))
    }

    @Test("B4 after a wrap-up the agent is Available again")
    func availableAfterWrapUp() throws {
        var agent = Self.loggedIn(.rona, task: nil)
        try agent.choose(.idle(nil))
        try agent.take("t")
        try agent.release("t", wrappedUp: true)
        #expect(agent.chosen == .available)
    }

    @Test("A task closed without a wrap-up leaves the chosen state as it was")
    func releaseWithoutWrapUp() throws {
        var agent = Self.loggedIn(.idle("lunch"), task: "t")
        try agent.release("t", wrappedUp: false)
        #expect(agent.chosen == .idle("lunch") && agent.taskID == nil)
    }

    @Test("Releasing a task the agent does not hold is a fault")
    func releaseOther() {
        var agent = Self.loggedIn(task: "t1")
        #expect(throwsCode(.internalFault) { try agent.release("t2", wrappedUp: true) })
    }

    @Test("B3 logout is refused with a task open, and when not logged in")
    func logout() throws {
        var busy = Self.loggedIn(task: "t")
        #expect(throwsReason("has_open_tasks") { try busy.logOut() })
        var free = Self.loggedIn()
        try free.logOut()
        #expect(!free.isLoggedIn)
        #expect(throwsReason("not_logged_in") { try free.logOut() })
        #expect(throwsReason("not_logged_in") { try free.choose(.available) })
    }

    @Test("B2 RONA is a chosen state the agent leaves by hand")
    func rona() throws {
        var agent = Self.loggedIn(.available)
        try agent.ringOut()
        #expect(agent.chosen == .rona)
        try agent.choose(.available)
        #expect(agent.chosen == .available)
    }

    @Test("A published state changes its time only when it changes")
    func shown() {
        var agent = Agent(id: "a", since: Self.t0)
        let first = agent.show(.idle, idleReason: "lunch", at: .seconds(2_000))
        let same = agent.show(.idle, idleReason: "lunch", at: .seconds(3_000))
        #expect(first && !same && agent.shown.since == .seconds(2_000))
        let other = agent.show(.idle, idleReason: "meeting", at: .seconds(4_000))
        #expect(other && agent.shown.since == .seconds(4_000))
    }
}

/// Whether `body` throws a `CommandError` with `code`.
func throwsCode(_ code: CommandError.Code, _ body: () throws -> Void) -> Bool {
    do { try body() } catch { return (error as? CommandError)?.code == code }
    return false
}

/// Whether `body` throws a `CommandError` with `reason`.
func throwsReason(_ reason: String, _ body: () throws -> Void) -> Bool {
    do { try body() } catch { return (error as? CommandError)?.reason == reason }
    return false
}
