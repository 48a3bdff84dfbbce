@testable import SwitchboardCore
import Testing

/// One-line transitions of the interaction machine: queued → offered → connected(owner, line) →
/// external | ended.
@Suite("Interaction machine")
struct InteractionMachineTests {
    static let entryPoint = EntryPoint(id: "ep", name: "EP", dialNumber: DialNumber.valid("+4570100100")!, queueID: "q")
    static let position = QueuePosition(queueID: "q", enqueuedAt: .seconds(1), order: 1)
    static let outside = Interaction.OutsideParty(number: DialNumber.valid("2000")!, leg: 9)

    static func queued() -> Interaction {
        Interaction(
            id: "ix", callID: "call", ani: "+4512345678", dnis: "+4570100100", entryPoint: entryPoint, at: .seconds(1),
            position: position, cad: CallData(values: [:]))
    }

    static func connected() -> Interaction {
        var interaction = queued()
        try! interaction.offer("t1", origin: .routing)
        try! interaction.connect("t1")
        return interaction
    }

    @Test("A new call waits in its entry point's queue")
    func new() {
        let interaction = Self.queued()
        #expect(interaction.state == .queued && interaction.customerLeg == .queued && interaction.queueID == "q")
    }

    @Test("C1 D1 offered, then connected to the agent it rang for")
    func offerAndConnect() throws {
        var interaction = Self.queued()
        try interaction.offer("t1", origin: .routing)
        #expect(interaction.offer?.taskID == "t1" && interaction.ownerTaskID == nil)
        #expect(throwsCode(.internalFault) { try interaction.connect("t2") })
        try interaction.connect("t1")
        #expect(interaction.ownerTaskID == "t1" && interaction.customerLeg == .connected)
    }

    @Test("C2 a RONA returns an offered call to its queue at its place")
    func returnToQueue() throws {
        var interaction = Self.queued()
        try interaction.offer("t1", origin: .routing)
        try interaction.returnToQueue()
        #expect(interaction.state == .queued && interaction.queuePosition == Self.position)
        #expect(throwsCode(.internalFault) { try interaction.returnToQueue() })
    }

    @Test("D2 hold and resume on the direct line")
    func holdResume() throws {
        var interaction = Self.connected()
        try interaction.modifyCall { call throws(CommandError) in try call.holdCustomer() }
        #expect(interaction.customerLeg == .held)
        #expect(throwsCode(.internalFault) { try interaction.modifyCall { call throws(CommandError) in try call.holdCustomer() } })
        try interaction.modifyCall { call throws(CommandError) in try call.resumeCustomer() }
        #expect(interaction.customerLeg == .connected)
    }

    @Test("E7 a blind transfer needs a call without a consult")
    func transferNeedsDirectLine() throws {
        var interaction = Self.connected()
        let consult = Consult(destination: .queue("q2"), at: .seconds(2), queueID: "q2", externalLeg: nil, request: .queued)
        try interaction.modifyCall { call throws(CommandError) in try call.startConsult(consult) }
        let later = QueuePosition(queueID: "q2", enqueuedAt: .seconds(3), order: 5)
        #expect(throwsCode(.internalFault) { try interaction.transfer(to: later, excluding: nil) })
        #expect(throwsCode(.internalFault) { try interaction.offer("t2", origin: .blindTransfer) })
        try interaction.modifyCall { call throws(CommandError) in try call.endConsult() }
        try interaction.transfer(to: later, excluding: "a1")
        #expect(interaction.state == .queued && interaction.queueID == "q2" && interaction.excludedAgentIDs == ["a1"])
    }

    @Test("E5 a failed consult leaves the customer's leg as it was")
    func dropConsult() throws {
        var interaction = Self.connected()
        let consult = Consult(destination: .agent("b"), at: .seconds(2), queueID: nil, externalLeg: nil, request: .ringingAgent("t2"))
        try interaction.modifyCall { call throws(CommandError) in try call.startConsult(consult) }
        #expect(interaction.customerLeg == .held)
        try interaction.modifyCall { call throws(CommandError) in try call.dropConsult() }
        #expect(interaction.consult == nil && interaction.customerLeg == .held)
    }

    @Test("E4 a consult transfer hands the call to the consulted agent; not before it is accepted")
    func handOver() throws {
        var interaction = Self.connected()
        let consult = Consult(destination: .agent("b"), at: .seconds(2), queueID: nil, externalLeg: nil, request: .ringingAgent("t2"))
        try interaction.modifyCall { call throws(CommandError) in try call.startConsult(consult) }
        #expect(throwsCode(.internalFault) { try interaction.handOver(to: "t2") })
        try interaction.modifyConsult { consult throws(CommandError) in try consult.accept(by: .agent("t2")) }
        try interaction.handOver(to: "t2")
        #expect(interaction.ownerTaskID == "t2" && interaction.consult == nil && interaction.customerLeg == .connected)
    }

    @Test("E7 outside, the party stays known after the end; an ended interaction stays ended")
    func outsideAndEnd() throws {
        var interaction = Self.connected()
        try interaction.transferOutside(to: Self.outside)
        #expect(interaction.phase == .external && interaction.customerLeg == .connected)
        try interaction.end(.externalHungUp, at: .seconds(9))
        #expect(interaction.ending == .init(reason: .externalHungUp, at: .seconds(9), outsideParty: Self.outside))
        #expect(interaction.outsideParty == Self.outside && interaction.recording == .off)
        #expect(throwsCode(.internalFault) { try interaction.end(.customerHungUp, at: .seconds(10)) })
    }
}
