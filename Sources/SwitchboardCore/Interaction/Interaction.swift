/// One customer contact from arrival to its end, as a machine: queued, offered to an agent,
/// connected to the agent who owns it (with at most one consult), transferred outside, or ended.
/// An owner exists only while connected, a consult only inside a connected call. A callback
/// (`callback`) adds two states: calling the customer back, and waiting to try again.
public struct Interaction: Hashable, Sendable, Codable, Identifiable {
    public let id: InteractionID
    /// The customer's call now: none for a callback while nobody is dialling the customer.
    public private(set) var callID: CallID?
    /// `callback` once the caller chose a courtesy callback (I1), or from the start for a web one.
    public private(set) var contactType: ContactType
    /// The customer's number.
    public let ani: String
    /// The dialled entry-point number.
    public let dnis: String
    public let entryPointID: EntryPointID?
    public let arrivedAt: Instant
    /// The queue the call waits in or was last routed from.
    public private(set) var queueID: QueueID?
    /// Where the call stands in its queue: it keeps this place after a RONA (C2).
    public private(set) var queuePosition: QueuePosition?
    /// Agents never offered this call again (E7: transferred to an entry point by them).
    public private(set) var excludedAgentIDs: Set<AgentID> = []
    /// Every task the interaction ever had, in order.
    public private(set) var taskIDs: [TaskID] = []
    /// The call-associated data (H): values and the version a save must name.
    public internal(set) var cad: CallData
    public internal(set) var recording: Recording = .off
    /// I1, I2: the customer is to be called back.
    public private(set) var callback: Callback?
    /// J2: the campaign contact this interaction previews or calls.
    public private(set) var campaignContact: CampaignContactReference?
    public private(set) var state: State = .queued

    public enum State: Hashable, Sendable, Codable {
        /// Waiting in its queue.
        case queued
        /// The customer call rings for an agent: routed from the queue, or a blind transfer.
        case offered(TaskID, origin: OfferOrigin)
        /// An agent and the customer are connected.
        case connected(Call)
        /// Transferred to a dial number or expert outside the contact center.
        case external(OutsideParty)
        /// I3: a callback's agent is on the phone and the customer is being dialled.
        case callingBack(TaskID)
        /// I4: the customer did not answer; the callback waits until then to queue again.
        case awaitingRetry(until: Instant)
        case ended(Ending)
    }

    /// A call between the customer and the agent who owns it.
    public struct Call: Hashable, Sendable, Codable {
        /// The task of the agent who talks to the customer (agent 1).
        public let ownerTaskID: TaskID
        public internal(set) var line: Line

        /// The consult on the call, if one is on.
        public var consult: Consult? {
            if case .consulting(let consult) = line { consult } else { nil }
        }

        /// The customer's leg (D2, E3).
        public var customerLeg: LegState {
            switch line {
            case .direct(let customerHeld): customerHeld ? .held : .connected
            case .consulting(let consult): consult.customerLeg
            }
        }

        /// The consult on the call, changed in place.
        mutating func modifyConsult<Result>(_ change: (inout Consult) throws(CommandError) -> Result)
            throws(CommandError) -> Result
        {
            guard case .consulting(var consult) = line else { throw .illegal("change the consult", in: line) }
            let result = try change(&consult)
            line = .consulting(consult)
            return result
        }

        /// D2, E3: on a consult, holding the customer resumes the consulted party.
        mutating func holdCustomer() throws(CommandError) {
            switch line {
            case .direct(customerHeld: false): line = .direct(customerHeld: true)
            case .direct: throw .illegal("hold", in: line)
            case .consulting(var consult):
                try consult.holdCustomer()
                line = .consulting(consult)
            }
        }

        /// D2, E3: on an accepted consult, resuming the customer holds the consulted party.
        mutating func resumeCustomer() throws(CommandError) {
            switch line {
            case .direct(customerHeld: true): line = .direct(customerHeld: false)
            case .direct: throw .illegal("resume", in: line)
            case .consulting(var consult):
                try consult.resumeCustomer()
                line = .consulting(consult)
            }
        }

        /// E1, E2: a consult starts; the customer goes on hold.
        mutating func startConsult(_ consult: Consult) throws(CommandError) {
            guard case .direct = line else { throw .illegal("consult", in: line) }
            line = .consulting(consult)
        }

        /// E4: the consult is over; agent 1 talks to the customer again.
        mutating func endConsult() throws(CommandError) {
            guard case .consulting = line else { throw .illegal("end the consult", in: line) }
            line = .direct(customerHeld: false)
        }

        /// E5: the consult failed; the customer's leg stays as it was.
        mutating func dropConsult() throws(CommandError) {
            guard case .consulting(let consult) = line else { throw .illegal("drop the consult", in: line) }
            line = .direct(customerHeld: consult.customerLeg == .held)
        }
    }

    /// The customer's line to the owner: direct, or with a consult on it.
    public enum Line: Hashable, Sendable, Codable {
        case direct(customerHeld: Bool)
        case consulting(Consult)
    }

    /// A party outside the contact center the customer talks to, and the outside call to it.
    public struct OutsideParty: Hashable, Sendable, Codable {
        public let number: DialNumber
        public let leg: UInt64
    }

    /// How the interaction ended; the outside party it was transferred to, if any.
    public struct Ending: Hashable, Sendable, Codable {
        public let reason: EndReason
        public let at: Instant
        public let outsideParty: OutsideParty?
    }

    /// Why an offer of the customer call was made: decides what a RONA does with the call.
    public enum OfferOrigin: String, Hashable, Sendable, Codable {
        /// Routed from the queue: RONA puts it back in place (C2).
        case routing
        /// Blind transfer to an agent: RONA drops it, or requeues it (E7).
        case blindTransfer
        /// J2: the agent's own outdial rings their phone first: not answering it ends it, no RONA.
        /// A campaign's contact becomes one when the agent chooses Call.
        case outdial
        /// J2: a campaign's contact is previewed: Call places it, Skip passes it by, and a preview
        /// left alone is a RONA.
        case preview
    }

    /// A customer call that just arrived at an entry point: it waits in the entry point's queue.
    init(
        id: InteractionID, callID: CallID, ani: String, dnis: String, entryPoint: EntryPoint, at now: Instant,
        position: QueuePosition, cad: CallData
    ) {
        self.init(
            id: id, callID: callID, contactType: .inbound, ani: ani, dnis: dnis, entryPointID: entryPoint.id,
            arrivedAt: now, queueID: entryPoint.queueID, queuePosition: position, excludedAgentIDs: [], taskIDs: [],
            cad: cad, recording: .off, state: .queued)
    }

    /// J2: an agent's outdial to `callback.number`, shown with `entryPoint`'s number (none: the
    /// contact center's own); it is offered to the agent at once and never queued.
    init(id: InteractionID, outdial callback: Callback, entryPoint: EntryPoint?, cad: CallData) {
        self.init(
            id: id, callID: nil, contactType: .outbound, ani: callback.number.value,
            dnis: entryPoint?.dialNumber.value ?? "", entryPointID: entryPoint?.id, arrivedAt: callback.requestedAt,
            queueID: entryPoint?.queueID, queuePosition: nil, excludedAgentIDs: [], taskIDs: [], cad: cad, recording: .off,
            state: .queued)
        self.callback = callback
    }

    /// J2: a campaign's contact previewed by an agent: an outbound call placed only once the
    /// agent chooses Call, shown with `entryPoint`'s number.
    init(
        id: InteractionID, preview callback: Callback, of contact: CampaignContactReference, entryPoint: EntryPoint?,
        cad: CallData
    ) {
        self.init(id: id, outdial: callback, entryPoint: entryPoint, cad: cad)
        self.campaignContact = contact
    }

    /// I2: a web callback asked for at an entry point; it waits in the entry point's queue with
    /// no call until an agent takes it.
    init(
        id: InteractionID, callback: Callback, entryPoint: EntryPoint, position: QueuePosition, cad: CallData
    ) {
        self.init(
            id: id, callID: nil, contactType: .callback, ani: callback.number.value, dnis: entryPoint.dialNumber.value,
            entryPointID: entryPoint.id, arrivedAt: callback.requestedAt, queueID: entryPoint.queueID,
            queuePosition: position, excludedAgentIDs: [], taskIDs: [], cad: cad, recording: .off, state: .queued)
        self.callback = callback
    }

    /// An interaction in any state (a snapshot of an earlier format, upgraded).
    init(
        id: InteractionID, callID: CallID?, contactType: ContactType, ani: String, dnis: String,
        entryPointID: EntryPointID?, arrivedAt: Instant, queueID: QueueID?, queuePosition: QueuePosition?,
        excludedAgentIDs: Set<AgentID>, taskIDs: [TaskID], cad: CallData,
        recording: Recording, state: State
    ) {
        self.id = id
        self.callID = callID
        self.contactType = contactType
        self.ani = ani
        self.dnis = dnis
        self.entryPointID = entryPointID
        self.arrivedAt = arrivedAt
        self.queueID = queueID
        self.queuePosition = queuePosition
        self.excludedAgentIDs = excludedAgentIDs
        self.taskIDs = taskIDs
        self.cad = cad
        self.recording = recording
        self.state = state
    }

    // MARK: Transitions

    mutating func add(_ taskID: TaskID) { taskIDs.append(taskID) }

    /// The customer call rings for an agent: from its queue, or blind-transferred by the owner (E7).
    mutating func offer(_ taskID: TaskID, origin: OfferOrigin) throws(CommandError) {
        switch state {
        case .queued: state = .offered(taskID, origin: origin)
        case .connected(let call) where call.consult == nil: state = .offered(taskID, origin: origin)
        default: throw .illegal("offer \(taskID)", in: state)
        }
    }

    /// J2: the agent chose Call on the preview: from now on it is their outdial.
    mutating func placePreviewedCall(_ taskID: TaskID) throws(CommandError) {
        guard case .offered(taskID, .preview) = state else { throw .illegal("call the previewed contact", in: state) }
        state = .offered(taskID, origin: .outdial)
    }

    /// C2: the offer was not taken; the call waits at its place again.
    mutating func returnToQueue() throws(CommandError) {
        guard case .offered = state else { throw .illegal("requeue", in: state) }
        state = .queued
    }

    /// D1: the agent the call rang for answered and owns it now.
    mutating func connect(_ taskID: TaskID) throws(CommandError) {
        guard case .offered(taskID, _) = state else { throw .illegal("connect \(taskID)", in: state) }
        state = .connected(Call(ownerTaskID: taskID, line: .direct(customerHeld: false)))
    }

    /// E7: a blind transfer to a queue or entry point waits there from now, never offered to the
    /// agents in `excluding`.
    mutating func transfer(to position: QueuePosition, excluding agentID: AgentID?) throws(CommandError) {
        guard case .connected(let call) = state, call.consult == nil else { throw .illegal("transfer", in: state) }
        if let agentID { excludedAgentIDs.insert(agentID) }
        queueID = position.queueID
        queuePosition = position
        state = .queued
    }

    /// E7: the customer goes on with a party outside (a blind or a consult transfer).
    mutating func transferOutside(to party: OutsideParty) throws(CommandError) {
        guard case .connected = state else { throw .illegal("transfer outside", in: state) }
        state = .external(party)
    }

    /// The owner's call, changed in place.
    mutating func modifyCall<Result>(_ change: (inout Call) throws(CommandError) -> Result) throws(CommandError) -> Result {
        guard case .connected(var call) = state else { throw .illegal("change the call", in: state) }
        let result = try change(&call)
        state = .connected(call)
        return result
    }

    /// The consult on the owner's call, changed in place.
    mutating func modifyConsult<Result>(_ change: (inout Consult) throws(CommandError) -> Result) throws(CommandError)
        -> Result
    {
        try modifyCall { call throws(CommandError) in try call.modifyConsult(change) }
    }

    /// E4, E9: the consulted agent keeps the customer (a consult transfer, or agent 1 leaving the
    /// conference), or, after an outside consult, the outside party does.
    mutating func handOver(to consultedTaskID: TaskID?) throws(CommandError) {
        guard case .connected(let call) = state, let consult = call.consult, consult.isAccepted else {
            throw .illegal("hand over", in: state)
        }
        if let consultedTaskID {
            state = .connected(Call(ownerTaskID: consultedTaskID, line: .direct(customerHeld: false)))
        } else if let number = consult.destination.externalNumber, let leg = consult.externalLeg {
            state = .external(OutsideParty(number: number, leg: leg))
        } else {
            throw .illegal("hand over to nobody", in: state)
        }
    }

    // MARK: Callbacks (I1–I4)

    /// I1: the queued caller chose to be called back on `number`: the call leaves the line, the
    /// place in the queue stays.
    mutating func chooseCallback(on number: DialNumber, at now: Instant) throws(CommandError) {
        guard case .queued = state, callback == nil else { throw .illegal("choose a callback", in: state) }
        callback = Callback(kind: .courtesy, number: number, name: nil, requestedAt: now)
        contactType = .callback
        callID = nil
    }

    /// I3: the agent the callback was offered to is on the phone; the customer is dialled on `callID`.
    mutating func callBack(
        on callID: CallID, for taskID: TaskID, by agentID: AgentID, until deadline: Instant, at now: Instant
    ) throws(CommandError) {
        guard case .offered(taskID, _) = state, var callback else { throw .illegal("call back", in: state) }
        try callback.dial(callID, for: taskID, by: agentID, until: deadline, at: now)
        self.callback = callback
        self.callID = callID
        state = .callingBack(taskID)
    }

    /// I3: the customer answered the callback; the agent owns the call from now on.
    mutating func customerAnswered(at now: Instant) throws(CommandError) {
        guard case .callingBack(let taskID) = state, var callback else { throw .illegal("answer a callback", in: state) }
        try callback.finish(.answered, at: now)
        self.callback = callback
        state = .connected(Call(ownerTaskID: taskID, line: .direct(customerHeld: false)))
    }

    /// I3, I4: the attempt ended without the customer (no answer, busy, the agent hung up, or
    /// cancelled); the customer's call is gone and the callback waits at its place in the queue.
    mutating func endAttempt(_ outcome: Callback.Outcome, at now: Instant) throws(CommandError) {
        guard case .callingBack = state, var callback, outcome != .answered else { throw .illegal("end an attempt", in: state) }
        try callback.finish(outcome, at: now)
        self.callback = callback
        callID = nil
        state = .queued
    }

    /// I4: the callback is tried again at `until`; it waits outside the queue until then.
    mutating func waitForRetry(until: Instant) throws(CommandError) {
        guard case .queued = state, callback != nil else { throw .illegal("wait for a retry", in: state) }
        state = .awaitingRetry(until: until)
    }

    /// I4: the retry is due; the callback waits in its queue again, at its first place.
    mutating func retry() throws(CommandError) {
        guard case .awaitingRetry = state else { throw .illegal("retry", in: state) }
        state = .queued
    }

    /// D3, D4: the interaction is over for everyone.
    mutating func end(_ reason: EndReason, at now: Instant) throws(CommandError) {
        let outsideParty: OutsideParty?
        switch state {
        case .ended: throw .illegal("end", in: state)
        case .external(let party): outsideParty = party
        default: outsideParty = nil
        }
        state = .ended(Ending(reason: reason, at: now, outsideParty: outsideParty))
        recording = .off
    }
}
