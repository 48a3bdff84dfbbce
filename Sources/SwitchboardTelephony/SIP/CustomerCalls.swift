import NIOCore
import Synchronization
public import SwitchboardCore
import SwitchboardEngine
import SwitchboardMedia
import SwitchboardSIP

/// L1, SIP.md "Calls": customers' calls from trunk peers. An INVITE from a trunk peer of a tenant
/// to one of its entry points' numbers is a customer call (`ani` the user of P-Asserted-Identity,
/// else of From; `dnis` the Request-URI's user); to any other number 404; from an address that is
/// no tenant's trunk peer 403. The call is answered (200 with our SDP answer, an RTP port of ours)
/// when the contact center queues it; a refused one gets 480. A BYE or CANCEL from the customer
/// is the customer hanging up; the contact center hangs up with a BYE (or a final answer, before
/// the 200).
public final class CustomerCalls: Sendable {
    private let endpoint: SIPEndpoint
    private let directory: any TenantDirectory
    private let reports: EngineReports
    private let ledger: SIPLegLedger
    private let group: any EventLoopGroup
    private let state = Mutex(Calls())
    private let address = Mutex<(host: String, port: Int)>(("127.0.0.1", 5060))

    private struct Call {
        let engine: TenantEngine
        let invite: SIPIncomingRequest
        let localTag: String
        /// The call's media: the customer and the agents' phone legs on it.
        let bridge: MediaBridge
        let answer: SessionDescription
        var dialog: SIPDialog?
        /// The customer ACKed our 200 (until then it is sent again, §13.3.1.4).
        var isAcknowledged = false
        var isEnded = false
        var interactionID: InteractionID?
        /// The agents' phone legs in the bridge, by task.
        var agents: [TaskID: AgentID] = [:]
        /// Who hears whom, as the contact center last said.
        var plan: MediaPlan?

        var sipCallID: String { invite.request.headers["call-id"] ?? "" }

        /// The parties of the bridge that talk under `plan`: those it bridges and does not hold.
        var talking: Set<String> {
            guard let plan else { return [] }
            var parties: Set<String> = []
            for party in plan.bridged {
                switch party {
                case .customer: parties.insert(CustomerCalls.customerParty)
                case .agent(let agentID):
                    for (task, agent) in agents where agent == agentID { parties.insert(CustomerCalls.party(task)) }
                case .external: break
                }
            }
            return parties
        }
    }

    private struct Calls {
        var calls: [CallID: Call] = [:]
        var bySIPCallID: [String: CallID] = [:]
        var byInteraction: [InteractionID: CallID] = [:]

        mutating func remove(_ callID: CallID) -> Call? {
            guard let call = calls.removeValue(forKey: callID) else { return nil }
            bySIPCallID[call.sipCallID] = nil
            if let interactionID = call.interactionID { byInteraction[interactionID] = nil }
            return call
        }
    }

    init(
        endpoint: SIPEndpoint, directory: any TenantDirectory, reports: EngineReports, ledger: SIPLegLedger,
        group: any EventLoopGroup
    ) {
        self.endpoint = endpoint
        self.directory = directory
        self.reports = reports
        self.ledger = ledger
        self.group = group
    }

    func listening(host: String, port: Int) { address.withLock { $0 = (host, port) } }

    /// What the contact center's id of every SIP customer call starts with.
    static let callIDPrefix = "sip-"

    /// Whether `callID` is a SIP customer's call (ours now, or a previous process's).
    public static func isSIP(_ callID: CallID) -> Bool { callID.rawValue.hasPrefix(callIDPrefix) }

    /// Whether `callID` is a customer call of ours (the router sends its commands here).
    public func owns(_ callID: CallID) -> Bool { state.withLock { $0.calls[callID] != nil } }

    /// The customer calls up now (for tests and metrics).
    public var count: Int { state.withLock { $0.calls.count } }

    // MARK: Arrival

    /// A new INVITE (outside any dialog).
    func arrive(_ incoming: SIPIncomingRequest) async {
        let request = incoming.request
        let toTag = PhoneLegs.token()
        func refuse(_ code: Int, _ phrase: String) {
            incoming.respond(SIPResponse(answering: request, statusCode: code, reasonPhrase: phrase, toTag: toTag))
        }
        let sourceAddress = incoming.peer.address.ipAddress ?? ""
        let sourcePort = incoming.peer.address.port ?? 0
        var trunkEngines: [TenantEngine] = []
        for engine in directory.engines()
        where await engine.configuration.inboundTrunk(fromAddress: sourceAddress, port: sourcePort) != nil {
            trunkEngines.append(engine)
        }
        guard !trunkEngines.isEmpty else { return refuse(403, "Forbidden") }
        let dnis = (try? SIPURI(parsing: request.uri))?.user ?? ""
        var found: TenantEngine?
        for engine in trunkEngines where await engine.configuration.entryPoint(dialing: dnis) != nil {
            found = engine
            break
        }
        guard let engine = found else { return refuse(404, "Not Found") }
        incoming.respond(SIPResponse(answering: request, statusCode: 100, reasonPhrase: "Trying"))
        let host = address.withLock { $0.host }
        let bridge = MediaBridge(host: host, on: group)
        guard let offer = try? SessionDescription(parsing: String(decoding: request.body, as: UTF8.self)),
            let mediaPort = try? await bridge.add(Self.customerParty)
        else {
            await bridge.close()
            return refuse(488, "Not Acceptable Here")
        }
        guard let (answer, agreement) = MediaNegotiation.answer(
            to: offer, address: host, port: mediaPort, sessionID: String(UInt32.random(in: 1...UInt32.max)), version: 1)
        else {
            await bridge.close()
            return refuse(488, "Not Acceptable Here")
        }
        if let (remote, format) = PhoneLegs.media(of: agreement) { bridge.connect(Self.customerParty, to: remote, format: format) }
        let callID = CallID(Self.callIDPrefix + PhoneLegs.token() + PhoneLegs.token())
        let call = Call(engine: engine, invite: incoming, localTag: toTag, bridge: bridge, answer: answer)
        state.withLock { calls in
            calls.calls[callID] = call
            calls.bySIPCallID[call.sipCallID] = callID
        }
        // Kept from now on: a restart after a crash answers or hangs it up (`LeftoverLegs`).
        ledger.keep(
            SIPLegRecord(side: .customer, invite: request, peer: incoming.peer, localTag: toTag),
            callID: call.sipCallID)
        let result = await engine.signal(.customerCallArrived(callID, ani: Self.ani(of: request), dnis: dnis))
        switch result.outcome {
        case .success(.interaction(let interactionID)):
            state.withLock { calls in
                guard calls.calls[callID] != nil else { return }
                calls.calls[callID]?.interactionID = interactionID
                calls.byInteraction[interactionID] = callID
            }
        default:
            if let refused = state.withLock({ $0.remove(callID) }) {
                ledger.forget(refused.sipCallID)
                refuse(480, "Temporarily Unavailable")
                await refused.bridge.close()
            }
        }
    }

    // MARK: Media

    /// The customer's party in the call's bridge.
    static let customerParty = "customer"

    /// The party of the agent's phone leg of `task`.
    static func party(_ task: TaskID) -> String { "task:\(task)" }

    /// Adds the phone leg of `agent`'s `task` to the call's bridge; answers the RTP port it
    /// takes, nil when the call is not ours (or gone).
    func join(_ callID: CallID, task: TaskID, agent: AgentID) async -> Int? {
        let bridge = state.withLock { calls -> MediaBridge? in
            guard calls.calls[callID] != nil else { return nil }
            calls.calls[callID]?.agents[task] = agent
            return calls.calls[callID]?.bridge
        }
        guard let bridge else { return nil }
        do { return try await bridge.add(Self.party(task)) } catch {
            leave(callID, task: task)
            return nil
        }
    }

    /// The phone answered: its media goes to `address`, in `format`.
    func connect(_ callID: CallID, task: TaskID, to address: SocketAddress, format: BridgeRouting.Format) {
        state.withLock { calls in
            guard let call = calls.calls[callID], call.agents[task] != nil else { return }
            call.bridge.connect(Self.party(task), to: address, format: format)
            call.bridge.setTalking(call.talking)
        }
    }

    /// The phone leg of `task` is over.
    func leave(_ callID: CallID, task: TaskID) {
        let bridge = state.withLock { calls -> MediaBridge? in
            guard calls.calls[callID]?.agents.removeValue(forKey: task) != nil else { return nil }
            return calls.calls[callID]?.bridge
        }
        if let bridge { Task { await bridge.remove(Self.party(task)) } }
    }

    /// Who hears whom now (`updateMedia`): the parties the plan bridges hear each other; a held
    /// one hears nothing.
    public func updateMedia(_ interactionID: InteractionID, _ plan: MediaPlan) -> Bool {
        state.withLock { calls in
            guard let callID = calls.byInteraction[interactionID], var call = calls.calls[callID] else { return false }
            call.plan = plan
            calls.calls[callID] = call
            call.bridge.setTalking(call.talking)
            return true
        }
    }

    /// `ani`: the user of P-Asserted-Identity, else of From, as received.
    static func ani(of request: SIPRequest) -> String {
        for name in ["p-asserted-identity", "from"] {
            if let value = request.headers[name], let user = (try? SIPNameAddress(parsing: value))?.sipURI?.user { return user }
        }
        return ""
    }

    // MARK: Commands

    /// The contact center queued the call: 200 with our SDP.
    public func answer(_ callID: CallID) {
        let (host, port) = address.withLock { $0 }
        let response: (SIPIncomingRequest, SIPResponse, SIPLegRecord, String)? = state.withLock { calls in
            guard var call = calls.calls[callID], call.dialog == nil, !call.isEnded,
                let dialog = try? SIPDialog(
                    received: call.invite.request, localTag: call.localTag, localContact: PhoneLegs.contact(host, port))
            else { return nil }
            call.dialog = dialog
            calls.calls[callID] = call
            var extra = SIPHeaders()
            extra.append("Contact", "<\(PhoneLegs.contact(host, port))>")
            extra.append("Allow", SIPProvider.allowed)
            extra.append("Content-Type", "application/sdp")
            let ok = SIPResponse(
                answering: call.invite.request, statusCode: 200, reasonPhrase: "OK", toTag: call.localTag, extra: extra,
                body: Array(call.answer.text.utf8))
            let record = SIPLegRecord(
                side: .customer, invite: call.invite.request, peer: call.invite.peer,
                localTag: call.localTag, dialog: dialog)
            return (call.invite, ok, record, call.sipCallID)
        }
        guard let (invite, ok, record, sipCallID) = response else { return }
        // The dialog is kept before the 200 makes it: a restart after a crash BYEs it.
        ledger.keep(record, callID: sipCallID) { [self] in
            invite.respond(ok)
            Task { await retransmit(ok, of: callID, to: invite.peer) }
        }
    }

    /// §13.3.1.4: our 200 goes again at T1, doubling up to T2, until the customer's ACK; with no
    /// ACK after 64·T1 the call is lost: it is hung up (a BYE) and the customer has left.
    private func retransmit(_ ok: SIPResponse, of callID: CallID, to peer: SIPPeer) async {
        let timers = SIPTimerValues()
        var interval = timers.t1
        var waited = Duration.zero
        while waited < timers.transactionTimeout {
            try? await Task.sleep(for: interval)
            waited += interval
            let isWaiting = state.withLock { $0.calls[callID].map { !$0.isAcknowledged } ?? false }
            guard isWaiting else { return }
            endpoint.resend(ok, to: peer)
            interval = min(interval * 2, timers.t2)
        }
        guard let call = state.withLock({ $0.calls[callID] }), !call.isAcknowledged else { return }
        hangUp(callID)
        reports.queue(.customerHungUp(callID), to: call.engine)
    }

    /// The contact center hangs the customer up.
    public func hangUp(_ callID: CallID) {
        let (host, port) = address.withLock { $0 }
        guard let call = state.withLock({ $0.remove(callID) }) else { return }
        ledger.afterQueued { [endpoint] in
            if var dialog = call.dialog {
                let bye = dialog.makeRequest(.bye, via: PhoneLegs.via(host, port))
                endpoint.send(bye, to: call.invite.peer) { _ in }
            } else {
                call.invite.respond(
                    SIPResponse(answering: call.invite.request, statusCode: 480, reasonPhrase: "Temporarily Unavailable", toTag: call.localTag))
            }
        }
        ledger.forget(call.sipCallID)
        Task { await call.bridge.close() }
    }

    // MARK: Requests from the customer

    /// A BYE, CANCEL, ACK or re-INVITE of one of our customer calls; false when it is none of them.
    func receive(_ incoming: SIPIncomingRequest) -> Bool {
        let request = incoming.request
        guard let sipCallID = request.headers["call-id"] else { return false }
        let found: (CallID, Call)? = state.withLock { calls in
            guard let callID = calls.bySIPCallID[sipCallID], let call = calls.calls[callID] else { return nil }
            return (callID, call)
        }
        guard let (callID, call) = found else { return false }
        switch request.method {
        case .ack:
            state.withLock { $0.calls[callID]?.isAcknowledged = true }
        case .cancel where call.dialog == nil:
            incoming.respond(SIPResponse(answering: request, statusCode: 200, reasonPhrase: "OK"))
            call.invite.respond(
                SIPResponse(answering: call.invite.request, statusCode: 487, reasonPhrase: "Request Terminated", toTag: call.localTag))
            ended(callID)
        case .bye:
            incoming.respond(SIPResponse(answering: request, statusCode: 200, reasonPhrase: "OK"))
            ended(callID)
        case .invite where call.dialog != nil:
            // A re-INVITE (a session refresh, or a hold from the carrier): our SDP again.
            var extra = SIPHeaders()
            let (host, port) = address.withLock { $0 }
            extra.append("Contact", "<\(PhoneLegs.contact(host, port))>")
            extra.append("Content-Type", "application/sdp")
            incoming.respond(SIPResponse(answering: request, statusCode: 200, reasonPhrase: "OK", extra: extra, body: Array(call.answer.text.utf8)))
        default:
            incoming.respond(SIPResponse(answering: request, statusCode: 481, reasonPhrase: "Call/Transaction Does Not Exist"))
        }
        return true
    }

    private func ended(_ callID: CallID) {
        guard let call = state.withLock({ $0.remove(callID) }) else { return }
        ledger.forget(call.sipCallID)
        reports.queue(.customerHungUp(callID), to: call.engine)
        Task { await call.bridge.close() }
    }
}
