@testable import SwitchboardCore
import Testing

/// One-line transitions of the task machine: reserved → ringing → connected → wrap-up → closed.
@Suite("Task machine")
struct TaskMachineTests {
    static func task(_ role: AgentTask.Role = .owner) -> AgentTask {
        AgentTask(
            id: "t", agentID: "a", interactionID: "ix", contactType: role == .owner ? .inbound : .consult, role: role,
            reservedAt: .seconds(10), popoverVariables: [])
    }

    static func connected(_ role: AgentTask.Role = .owner) -> AgentTask {
        var task = task(role)
        try! task.ring(until: .seconds(25))
        try! task.answer(at: .seconds(12))
        return task
    }

    @Test("C1 a reserved task rings until its deadline")
    func ring() throws {
        var task = Self.task()
        try task.ring(until: .seconds(25))
        #expect(task.status == .offered && task.ringDeadline == .seconds(25) && task.isOffer)
    }

    @Test("D1 answering connects; the owner of a customer call talks to the customer")
    func answer() {
        let task = Self.connected()
        #expect(task.status == .connected && task.connectedAt == .seconds(12) && task.ringDeadline == nil)
        #expect(task.hasTalkedToCustomer && task.holdsDevice)
    }

    @Test("E4 a consulted agent who answers has not talked to the customer")
    func consultedAnswer() {
        #expect(!Self.connected(.consulted(viaEntryPoint: false)).hasTalkedToCustomer)
    }

    @Test("D1 a task that does not ring cannot be answered")
    func answerReserved() {
        var task = Self.task()
        #expect(throwsCode(.internalFault) { try task.answer(at: .seconds(11)) })
    }

    @Test("D3 wrap-up only from a connected call, keeping when it connected and ended")
    func wrapUp() throws {
        var ringing = Self.task()
        try ringing.ring(until: .seconds(25))
        #expect(throwsCode(.internalFault) { try ringing.startWrapUp(at: .seconds(20)) })
        var task = Self.connected()
        try task.startWrapUp(at: .seconds(40))
        #expect(task.status == .wrapup && !task.holdsDevice)
        try task.close(.wrappedUp, at: .seconds(50), wrapUpReason: "resolved")
        #expect(task.phase == .closed(.init(reason: .wrappedUp, connectedAt: .seconds(12), endedAt: .seconds(40), wrapUpReasonID: "resolved")))
    }

    @Test("C2 an offer closes without ever connecting")
    func closeOffer() throws {
        var task = Self.task()
        try task.ring(until: .seconds(25))
        try task.close(.rona, at: .seconds(25))
        #expect(task.closeReason == .rona && task.connectedAt == nil && task.status == .closed)
    }

    @Test("A closed task stays closed")
    func closeTwice() throws {
        var task = Self.task()
        try task.close(.declined, at: .seconds(11))
        #expect(throwsCode(.internalFault) { try task.close(.rona, at: .seconds(12)) })
        #expect(throwsCode(.internalFault) { try task.ring(until: .seconds(30)) })
    }

    @Test("E4 E9 the consulted agent takes the call over and joins conferences only while connected")
    func consultedRoles() throws {
        var consulted = Self.connected(.consulted(viaEntryPoint: true))
        try consulted.becomeOwner()
        #expect(consulted.isOwner && consulted.hasTalkedToCustomer)
        var ringing = Self.task(.consulted(viaEntryPoint: false))
        #expect(throwsCode(.internalFault) { try ringing.joinConference() })
        var owner = Self.connected()
        #expect(throwsCode(.internalFault) { try owner.becomeOwner() })
    }
}
