/// An interaction and its consult as snapshot format 1 stored them (see `ContactCenterV1`).
struct InteractionV1: Decodable, Sendable {
    let id: InteractionID
    let callID: CallID
    let contactType: ContactType
    let ani: String
    let dnis: String
    let entryPointID: EntryPointID?
    let arrivedAt: Instant
    let queueID: QueueID?
    let phase: Interaction.Phase
    let customerLeg: LegState
    let ownerTaskID: TaskID?
    let offerTaskID: TaskID?
    let offerOrigin: Interaction.OfferOrigin?
    let consult: ConsultV1?
    let externalNumber: DialNumber?
    let externalLeg: UInt64?
    let queuePosition: QueuePosition?
    let excludedAgentIDs: Set<AgentID>
    let taskIDs: [TaskID]
    let cad: [String: String]
    let cadVersion: Int
    let recording: Recording
    let endedAt: Instant?
    let endReason: EndReason?

    func upgraded() throws(UpgradeError) -> Interaction {
        let outside = externalNumber.flatMap { number in
            externalLeg.map { Interaction.OutsideParty(number: number, leg: $0) }
        }
        let state: Interaction.State
        switch phase {
        case .queued:
            state = offerTaskID.map { .offered($0, origin: offerOrigin ?? .routing) } ?? .queued
        case .connected:
            guard let ownerTaskID else { throw UpgradeError(description: "\(id) is connected without an owner") }
            let line: Interaction.Line =
                try consult.map { consult throws(UpgradeError) in .consulting(try consult.upgraded(customerLeg: customerLeg)) }
                ?? .direct(customerHeld: customerLeg == .held)
            state = .connected(Interaction.Call(ownerTaskID: ownerTaskID, line: line))
        case .external:
            guard let outside else { throw UpgradeError(description: "\(id) is outside without an outside party") }
            state = .external(outside)
        case .ended:
            guard let endReason, let endedAt else { throw UpgradeError(description: "\(id) ended without a reason") }
            state = .ended(Interaction.Ending(reason: endReason, at: endedAt, outsideParty: outside))
        }
        return Interaction(
            id: id, callID: callID, contactType: contactType, ani: ani, dnis: dnis, entryPointID: entryPointID,
            arrivedAt: arrivedAt, queueID: queueID, queuePosition: queuePosition, excludedAgentIDs: excludedAgentIDs,
            taskIDs: taskIDs, cad: CallData(values: cad, version: cadVersion), recording: recording, state: state)
    }
}

struct ConsultV1: Decodable, Sendable {
    let destination: Destination
    let startedAt: Instant
    let queueID: QueueID?
    let externalLeg: UInt64?
    let consultedTaskID: TaskID?
    let leg: LegState
    let isConferenced: Bool

    /// The consult's state from its leg and the customer's (E3: exactly one held once accepted).
    func upgraded(customerLeg: LegState) throws(UpgradeError) -> Consult {
        let party: Consult.Party = consultedTaskID.map { .agent($0) } ?? .outside
        let customerHeld = customerLeg == .held
        let state: Consult.State
        switch (isConferenced, leg) {
        case (true, _): state = .conferenced(party)
        case (false, .queued): state = .requested(.queued, customerHeld: customerHeld)
        case (false, .ringing):
            state = .requested(consultedTaskID.map { .ringingAgent($0) } ?? .dialling, customerHeld: customerHeld)
        case (false, .connected) where customerHeld: state = .accepted(party, held: .customer)
        case (false, .held) where !customerHeld: state = .accepted(party, held: .consulted)
        default: throw UpgradeError(description: "a consult with its leg \(leg) and the customer's \(customerLeg)")
        }
        return Consult(destination: destination, startedAt: startedAt, queueID: queueID, externalLeg: externalLeg, state: state)
    }
}
