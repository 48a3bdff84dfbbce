import NIOCore
import Synchronization
public import SwitchboardCore
public import SwitchboardEngine
import SwitchboardMedia
import SwitchboardSIP

/// L2, SIP.md "Calls": the legs to agents' registered SIP phones. An offer sends the phone an
/// INVITE with an SDP offer (early offer) on an RTP port of ours — for a customer who called over
/// SIP, a party of that call's media bridge, so the phone hears whom the call plan says; picking
/// up is answer, a BYE from the phone is its hang-up; 486 or 600 is busy, 603 declined, anything else (480 among them,
/// or no answer at all) unreachable. Withdrawing an offer CANCELs the INVITE (after its first
/// provisional answer, RFC 3261 §9.1); a 200 that crosses the CANCEL is ACKed and hung up at once.
/// Hold and resume are the desktop's: a re-INVITE from the phone that would hold is refused (488),
/// one that keeps the call as it is (a session refresh) is answered.
public final class PhoneLegs: Sendable {
    private let endpoint: SIPEndpoint
    private let registrations: PhoneRegistrations
    private let customers: CustomerCalls
    private let reports: EngineReports
    private let ledger: SIPLegLedger
    private let group: any EventLoopGroup
    private let state = Mutex(Legs())
    /// Where peers reach us (`host`, SIP port): Via, Contact and SDP say it.
    private let address = Mutex<(host: String, port: Int)>(("127.0.0.1", 5060))

    private struct Key: Hashable {
        let tenant: String
        let task: TaskID
    }

    private enum Phase {
        /// The RTP port is being opened; nothing sent yet.
        case preparing
        case inviting
        /// The offer was withdrawn: CANCEL sent (or due at the first provisional answer).
        case cancelling
        case answered
    }

    private struct Leg {
        let engine: TenantEngine
        let agent: AgentID
        let dialNumber: DialNumber
        let task: TaskID
        var phase = Phase.preparing
        var invite: SIPRequest?
        var peer: SIPPeer?
        /// A bridge of the leg's own, when it is not on a SIP customer's call (the phone's
        /// media has a port of ours, and no one to hear).
        var ownBridge: MediaBridge?
        /// The SIP customer's call whose bridge the leg's media is in.
        var customerCall: CallID?
        var hasProvisional = false
        var isCancelSent = false
        var dialog: SIPDialog?
        var offer: SessionDescription?
    }

    private struct Legs {
        var legs: [Key: Leg] = [:]
        var byCallID: [String: Key] = [:]

        mutating func remove(_ key: Key) -> Leg? {
            guard let leg = legs.removeValue(forKey: key) else { return nil }
            if let callID = leg.invite?.headers["call-id"] { byCallID[callID] = nil }
            return leg
        }
    }

    init(
        endpoint: SIPEndpoint, registrations: PhoneRegistrations, customers: CustomerCalls, reports: EngineReports,
        ledger: SIPLegLedger, group: any EventLoopGroup
    ) {
        self.endpoint = endpoint
        self.registrations = registrations
        self.customers = customers
        self.reports = reports
        self.ledger = ledger
        self.group = group
    }

    /// Where we are reached, once the endpoint listens.
    func listening(host: String, port: Int) { address.withLock { $0 = (host, port) } }

    /// Whether the phone leg of `task` is ringing or up now.
    public func carries(task: TaskID, of engine: TenantEngine) -> Bool {
        state.withLock { $0.legs[Key(tenant: engine.tenant, task: task)] != nil }
    }

    /// The legs up or ringing now (for tests and metrics).
    public var count: Int { state.withLock { $0.legs.count } }

    // MARK: Commands

    /// Rings `agent`'s phone registered at `dialNumber` for `task`; a number with no phone is unreachable.
    public func ring(_ dialNumber: DialNumber, agent: AgentID, task: TaskID, of engine: TenantEngine) {
        let key = Key(tenant: engine.tenant, task: task)
        let isNew = state.withLock { legs in
            guard legs.legs[key] == nil else { return false }
            legs.legs[key] = Leg(engine: engine, agent: agent, dialNumber: dialNumber, task: task)
            return true
        }
        guard isNew else { return }
        Task { await invite(key) }
    }

    /// Stops ringing, or hangs up, the phone's leg of `task` (the offer was withdrawn or the call ended).
    public func hangUp(task: TaskID, of engine: TenantEngine) {
        let key = Key(tenant: engine.tenant, task: task)
        let (host, port) = address.withLock { $0 }
        let (messages, ended): ([SIPRequest], Leg?) = state.withLock { legs in
            guard var leg = legs.legs[key] else { return ([], nil) }
            switch leg.phase {
            case .preparing, .cancelling:
                leg.phase = .cancelling
                legs.legs[key] = leg
                return ([], nil)
            case .inviting:
                leg.phase = .cancelling
                var cancel: [SIPRequest] = []
                if leg.hasProvisional, let invite = leg.invite {
                    cancel = [Self.cancel(of: invite)]
                    leg.isCancelSent = true
                }
                legs.legs[key] = leg
                return (cancel, nil)
            case .answered:
                guard var dialog = leg.dialog else { return ([], legs.remove(key)) }
                let bye = dialog.makeRequest(.bye, via: SIPVia(transport: "UDP", host: host, port: port, branch: Self.branch()))
                return ([bye], legs.remove(key))
            }
        }
        let leg = ended ?? state.withLock { $0.legs[key] }
        ledger.afterQueued { [self] in send(messages, for: leg) }
        if let ended { close(ended) }
    }

    // MARK: The INVITE

    private func invite(_ key: Key) async {
        guard let leg = state.withLock({ $0.legs[key] }) else { return }
        let (host, port) = address.withLock { $0 }
        var customerCall = await leg.engine.task(leg.task)?.callID
        var mediaPort: Int?
        if let call = customerCall { mediaPort = await customers.join(call, task: leg.task, agent: leg.agent) }
        var ownBridge: MediaBridge?
        if mediaPort == nil {
            customerCall = nil
            let bridge = MediaBridge(host: host, on: group)
            ownBridge = bridge
            mediaPort = try? await bridge.add(Self.phoneParty)
        }
        func release() async {
            if let customerCall { customers.leave(customerCall, task: leg.task) }
            await ownBridge?.close()
        }
        guard let binding = registrations.binding(of: leg.dialNumber, tenant: key.tenant),
            let peer = Self.peer(binding.source), let mediaPort
        else {
            await release()
            if state.withLock({ $0.remove(key) })?.phase == .preparing {
                reports.queue(.deviceFailed(dialNumber: leg.dialNumber, reason: .unreachable, task: leg.task), to: leg.engine)
            }
            return
        }
        let offer = MediaNegotiation.offer(
            address: host, port: mediaPort, sessionID: String(UInt32.random(in: 1...UInt32.max)), version: 1)
        let invite = Self.inviteRequest(to: binding.contact, dialNumber: leg.dialNumber, host: host, port: port, offer: offer)
        let sent = state.withLock { legs -> Bool in
            guard var current = legs.legs[key], current.phase == .preparing else {
                _ = legs.remove(key)
                return false
            }
            current.phase = .inviting
            current.invite = invite
            current.peer = peer
            current.ownBridge = ownBridge
            current.customerCall = customerCall
            current.offer = offer
            legs.legs[key] = current
            legs.byCallID[invite.headers["call-id"] ?? ""] = key
            return true
        }
        guard sent else { return await release() }
        // Kept before it goes: a restart after a crash CANCELs it (`LeftoverLegs`).
        ledger.keep(SIPLegRecord(side: .phone, invite: invite, peer: peer), callID: invite.headers["call-id"] ?? "") {
            [self] in
            endpoint.send(invite, to: peer) { [self] event in answered(key, event) }
        }
    }

    private func answered(_ key: Key, _ event: SIPClientEvent) {
        let (host, port) = address.withLock { $0 }
        var signal: TelephonySignal?
        var media: (SocketAddress, BridgeRouting.Format)?
        var messages: [SIPRequest] = []
        /// The leg with its new dialog, kept before the ACK confirms it.
        var confirmed: SIPLegRecord?
        let ended: Leg? = state.withLock { legs in
            guard var leg = legs.legs[key], let invite = leg.invite else { return nil }
            switch event {
            case .response(let response) where response.statusCode < 200:
                leg.hasProvisional = true
                if leg.phase == .cancelling, !leg.isCancelSent {
                    messages.append(Self.cancel(of: invite))
                    leg.isCancelSent = true
                }
                legs.legs[key] = leg
                return nil
            case .response(let response) where response.statusCode < 300:
                if let dialog = leg.dialog {
                    // A retransmitted 2xx: ACK it again.
                    messages.append(dialog.makeACK(forInviteSequence: 1, via: Self.via(host, port)))
                    return nil
                }
                guard var dialog = try? SIPDialog(sent: invite, answer: response, localContact: Self.contact(host, port)) else {
                    signal = .deviceFailed(dialNumber: leg.dialNumber, reason: .unreachable, task: leg.task)
                    return legs.remove(key)
                }
                messages.append(dialog.makeACK(forInviteSequence: 1, via: Self.via(host, port)))
                if leg.phase == .cancelling {
                    // The 200 crossed our CANCEL: the call is taken and left at once.
                    messages.append(dialog.makeRequest(.bye, via: Self.via(host, port)))
                    return legs.remove(key)
                }
                leg.dialog = dialog
                leg.phase = .answered
                legs.legs[key] = leg
                if let peer = leg.peer {
                    confirmed = SIPLegRecord(side: .phone, invite: invite, peer: peer, dialog: dialog)
                }
                media = Self.media(answering: response)
                signal = .deviceAnswered(dialNumber: leg.dialNumber, task: leg.task)
                return nil
            case .response(let response):
                if leg.phase == .inviting {
                    signal = .deviceFailed(dialNumber: leg.dialNumber, reason: Self.failure(response.statusCode), task: leg.task)
                }
                return legs.remove(key)
            case .timedOut:
                if leg.phase == .inviting {
                    signal = .deviceFailed(dialNumber: leg.dialNumber, reason: .unreachable, task: leg.task)
                }
                return legs.remove(key)
            }
        }
        let leg = ended ?? state.withLock { $0.legs[key] }
        if let confirmed, let callID = leg?.invite?.headers["call-id"] {
            ledger.keep(confirmed, callID: callID) { [self, messages] in send(messages, for: leg) }
        } else {
            send(messages, for: leg)
        }
        if let (address, format) = media, let leg {
            if let call = leg.customerCall {
                customers.connect(call, task: leg.task, to: address, format: format)
            } else {
                leg.ownBridge?.connect(Self.phoneParty, to: address, format: format)
            }
        }
        if let signal, let leg { reports.queue(signal, to: leg.engine) }
        if let ended { close(ended) }
    }

    /// The phone's party in a bridge of the leg's own.
    static let phoneParty = "phone"

    /// Where the phone's answer says to send its audio, and in what format.
    static func media(answering response: SIPResponse) -> (SocketAddress, BridgeRouting.Format)? {
        guard let answer = try? SessionDescription(parsing: String(decoding: response.body, as: UTF8.self)),
            let agreement = MediaNegotiation.agreement(fromAnswer: answer)
        else { return nil }
        return media(of: agreement)
    }

    /// An agreed stream's address and format, for a bridge.
    static func media(of agreement: MediaNegotiation.Agreement) -> (SocketAddress, BridgeRouting.Format)? {
        guard let address = try? SocketAddress(ipAddress: agreement.remoteAddress, port: agreement.remotePort) else { return nil }
        let format = BridgeRouting.Format(
            law: agreement.codec == .pcmu ? .mu : .a, payloadType: UInt8(truncatingIfNeeded: agreement.payloadType),
            telephoneEventPayloadType: agreement.telephoneEventPayloadType.map { UInt8(truncatingIfNeeded: $0) })
        return (address, format)
    }

    // MARK: Requests from the phones

    /// A BYE or re-INVITE in one of our dialogs; false when it is in none.
    func receive(_ incoming: SIPIncomingRequest) -> Bool {
        let request = incoming.request
        guard let id = SIPDialog.id(ofReceived: request) else { return false }
        let (host, port) = address.withLock { $0 }
        let found: (Leg, Key)? = state.withLock { legs -> (Leg, Key)? in
            guard let key = legs.byCallID[id.callID], var leg = legs.legs[key], var dialog = leg.dialog, dialog.id == id else {
                return nil
            }
            do throws(SIPDialog.Refusal) { try dialog.receive(request) } catch {
                incoming.respond(SIPResponse(answering: request, statusCode: error.statusCode, reasonPhrase: error.reason))
                return nil
            }
            leg.dialog = dialog
            legs.legs[key] = leg
            return (leg, key)
        }
        guard let (leg, key) = found else { return false }
        switch request.method {
        case .bye:
            incoming.respond(SIPResponse(answering: request, statusCode: 200, reasonPhrase: "OK"))
            if let ended = state.withLock({ $0.remove(key) }) {
                reports.queue(.deviceHungUp(dialNumber: leg.dialNumber, task: leg.task), to: leg.engine)
                close(ended)
            }
        case .invite:
            incoming.respond(reInviteAnswer(request, leg: leg, host: host, port: port))
        case .ack:
            break
        default:
            var extra = SIPHeaders()
            extra.append("Allow", SIPProvider.allowed)
            incoming.respond(SIPResponse(answering: request, statusCode: 405, reasonPhrase: "Method Not Allowed", extra: extra))
        }
        return true
    }

    /// A re-INVITE from the phone: hold is the desktop's (488 keeps the call as it is, RFC 3261
    /// §14.2); one that keeps both directions (a session refresh) gets our SDP again.
    private func reInviteAnswer(_ request: SIPRequest, leg: Leg, host: String, port: Int) -> SIPResponse {
        let offered = (try? SessionDescription(parsing: String(decoding: request.body, as: UTF8.self)))?.media.first?.direction
        guard offered == nil || offered == .sendrecv, var answer = leg.offer else {
            return SIPResponse(answering: request, statusCode: 488, reasonPhrase: "Hold and resume from the Agent Desktop")
        }
        answer.origin.sessionVersion += 1
        var extra = SIPHeaders()
        extra.append("Contact", "<\(Self.contact(host, port))>")
        extra.append("Content-Type", "application/sdp")
        return SIPResponse(answering: request, statusCode: 200, reasonPhrase: "OK", extra: extra, body: Array(answer.text.utf8))
    }

    // MARK: Helpers

    /// Sends in-dialog requests and CANCELs in client transactions, ACKs of 2xx statelessly (§13.2.2.4).
    private func send(_ requests: [SIPRequest], for leg: Leg?) {
        guard let peer = leg?.peer else { return }
        for request in requests {
            if request.method == .ack {
                endpoint.sendStateless(request, to: peer)
            } else {
                endpoint.send(request, to: peer) { _ in }
            }
        }
    }

    /// The leg is over: its record goes, its own bridge closes, or it leaves the customer's.
    private func close(_ leg: Leg) {
        if let callID = leg.invite?.headers["call-id"] { ledger.forget(callID) }
        if let call = leg.customerCall { customers.leave(call, task: leg.task) }
        guard let bridge = leg.ownBridge else { return }
        Task { await bridge.close() }
    }

    /// E5: what a final failure of the INVITE means for the offer.
    static func failure(_ statusCode: Int) -> DeviceFailure {
        switch statusCode {
        case 486, 600: .busy
        case 603: .declined
        default: .unreachable
        }
    }

    /// The CANCEL of `invite` (§9.1): its Request-URI, Call-ID, From, To, top Via and CSeq number.
    static func cancel(of invite: SIPRequest) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = invite.headers.values("via").first { headers.append("Via", via) }
        headers.append("Max-Forwards", "70")
        for (name, field) in [("from", "From"), ("to", "To"), ("call-id", "Call-ID")] {
            if let value = invite.headers[name] { headers.append(field, value) }
        }
        let sequence = (try? SIPCSeq(parsing: invite.headers["cseq"] ?? ""))?.sequence ?? 1
        headers.append("CSeq", "\(sequence) CANCEL")
        return SIPRequest(method: .cancel, uri: invite.uri, headers: headers)
    }

    static func inviteRequest(
        to contact: String, dialNumber: DialNumber, host: String, port: Int, offer: SessionDescription
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", via(host, port).description)
        headers.append("Max-Forwards", "70")
        headers.append("From", "\"Switchboard\" <sip:switchboard@\(host):\(port)>;tag=\(token())")
        headers.append("To", "<sip:\(dialNumber.value)@\(host)>")
        headers.append("Call-ID", "\(token())\(token())@\(host)")
        headers.append("CSeq", "1 INVITE")
        headers.append("Contact", "<\(Self.contact(host, port))>")
        headers.append("Allow", SIPProvider.allowed)
        headers.append("Content-Type", "application/sdp")
        return SIPRequest(method: .invite, uri: contact, headers: headers, body: Array(offer.text.utf8))
    }

    static func via(_ host: String, _ port: Int) -> SIPVia {
        var via = SIPVia(transport: "UDP", host: host, port: port, branch: branch())
        via.parameters.set("rport", nil)
        return via
    }

    static func contact(_ host: String, _ port: Int) -> String { "sip:switchboard@\(host):\(port)" }

    static func branch() -> String { "z9hG4bK" + token() + token() }

    static func token() -> String { String(UInt64.random(in: .min ... .max), radix: 36) }

    /// A registration's source (`host:port`, `[v6]:port`) as a UDP peer.
    static func peer(_ source: String) -> SIPPeer? {
        guard let colon = source.lastIndex(of: ":"), let port = Int(source[source.index(after: colon)...]) else { return nil }
        var host = String(source[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return try? SIPEndpoint.udpPeer(host: host, port: port)
    }
}
