@testable import SwitchboardCore
import Testing

/// One-line transitions of the consult machine (E2, E3, E9): never both legs held.
@Suite("Consult machine")
struct ConsultMachineTests {
    static func requested(_ request: Consult.Request = .ringingAgent("t2")) -> Consult {
        Consult(destination: .agent("b"), at: .seconds(1), queueID: nil, externalLeg: nil, request: request)
    }

    static func accepted() -> Consult {
        var consult = requested()
        try! consult.accept(by: .agent("t2"))
        return consult
    }

    @Test("E2 a new consult holds the customer and rings")
    func new() {
        let consult = Self.requested()
        #expect(consult.customerLeg == .held && consult.leg == .ringing && !consult.isAccepted)
    }

    @Test("E2 before it is accepted, Resume takes the customer off hold and the consult keeps ringing")
    func resumeBeforeAccept() throws {
        var consult = Self.requested()
        try consult.resumeCustomer()
        #expect(consult.customerLeg == .connected && consult.leg == .ringing)
        try consult.holdCustomer()
        #expect(consult.customerLeg == .held)
    }

    @Test("E3 accepted with the customer held: the consulted party talks")
    func acceptHeld() {
        let consult = Self.accepted()
        #expect(consult.state == .accepted(.agent("t2"), held: .customer))
        #expect(consult.customerLeg == .held && consult.leg == .connected)
    }

    @Test("E3 accepted after the customer was resumed: the consult leg is the held one")
    func acceptResumed() throws {
        var consult = Self.requested()
        try consult.resumeCustomer()
        try consult.accept(by: .agent("t2"))
        #expect(consult.customerLeg == .connected && consult.leg == .held)
    }

    @Test("E3 holding one leg resumes the other, both ways")
    func swapLegs() throws {
        var consult = Self.accepted()
        try consult.holdConsulted()
        #expect(consult.customerLeg == .connected && consult.leg == .held)
        try consult.resumeConsulted()
        #expect(consult.customerLeg == .held && consult.leg == .connected)
        try consult.resumeCustomer()
        #expect(consult.customerLeg == .connected && consult.leg == .held)
        try consult.holdCustomer()
        #expect(consult.customerLeg == .held && consult.leg == .connected)
    }

    @Test("E3 holding a leg already held is not a transition")
    func holdHeld() {
        var consult = Self.accepted()
        #expect(throwsCode(.internalFault) { try consult.holdCustomer() })
        #expect(throwsCode(.internalFault) { try consult.resumeConsulted() })
    }

    @Test("E2 the consult legs cannot be held before it is accepted")
    func holdConsultBeforeAccept() {
        var consult = Self.requested()
        #expect(throwsCode(.internalFault) { try consult.holdConsulted() })
        #expect(throwsCode(.internalFault) { try consult.conference() })
    }

    @Test("Only the party that was asked accepts")
    func wrongParty() {
        var consult = Self.requested()
        #expect(throwsCode(.internalFault) { try consult.accept(by: .agent("t3")) })
        #expect(throwsCode(.internalFault) { try consult.accept(by: .outside) })
        var dialling = Self.requested(.dialling)
        #expect(throwsCode(.internalFault) { try dialling.accept(by: .agent("t2")) })
    }

    @Test("E1 a queued consult is offered to an agent once, then rings")
    func queuedOffer() throws {
        var consult = Self.requested(.queued)
        #expect(consult.leg == .queued && consult.isQueued)
        try consult.offer(to: "t5")
        #expect(consult.consultedTaskID == "t5" && consult.leg == .ringing)
        #expect(throwsCode(.internalFault) { try consult.offer(to: "t6") })
    }

    @Test("E9 a conference bridges everyone; nobody is held")
    func conference() throws {
        var consult = Self.accepted()
        try consult.holdConsulted()
        try consult.conference()
        #expect(consult.isConferenced && consult.customerLeg == .connected && consult.leg == .connected)
        #expect(throwsCode(.internalFault) { try consult.holdCustomer() })
    }
}
