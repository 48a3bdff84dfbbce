import SwitchboardSIP
import Testing

/// L1 the transaction layer (RFC 3261 §17, RFC 6026): each machine's transitions, its timers as
/// actions, retransmissions over UDP and none over TCP, and who ACKs what.
@Suite("L1 SIP transactions")
struct SIPTransactionTests {
    static let timers = SIPTimerValues()

    static func request(_ method: SIPMethod, branch: String = "z9hG4bKc1") -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=\(branch)")
        headers.append("Max-Forwards", "70")
        headers.append("From", "<sip:switchboard@192.0.2.1>;tag=f1")
        headers.append("To", "<sip:1001@192.0.2.10>")
        headers.append("Call-ID", "call-1@192.0.2.1")
        headers.append("CSeq", "7 \(method)")
        headers.append("Route", "<sip:proxy.example;lr>")
        return SIPRequest(method: method, uri: "sip:1001@192.0.2.10:5060", headers: headers)
    }

    static func response(_ code: Int, to request: SIPRequest, tag: String? = "t9") -> SIPResponse {
        SIPResponse(answering: request, statusCode: code, reasonPhrase: "R", toTag: tag)
    }

    static func sent(_ actions: [SIPTransactionAction]) -> [SIPMessage] {
        actions.compactMap { if case .send(let message) = $0 { message } else { nil } }
    }

    @Test("L1 INVITE client over UDP: Timer A doubles from T1; Timer B times out; a 1xx stops both")
    func inviteClientRetransmits() {
        let invite = Self.request(.invite)
        var (transaction, actions) = ClientInviteTransaction.start(invite, reliable: false)
        #expect(actions == [.send(.request(invite)), .startTimer(.a, after: .milliseconds(500)), .startTimer(.b, after: .seconds(32))])
        #expect(transaction.fire(.a) == [.send(.request(invite)), .startTimer(.a, after: .seconds(1))])
        #expect(transaction.fire(.a) == [.send(.request(invite)), .startTimer(.a, after: .seconds(2))])
        let ringing = Self.response(180, to: invite)
        #expect(transaction.receive(ringing) == [.stopTimer(.a), .stopTimer(.b), .deliver(.response(ringing))])
        #expect(transaction.state == .proceeding && transaction.fire(.b).isEmpty, "no timeout once proceeding")
        var (silent, _) = ClientInviteTransaction.start(invite, reliable: false)
        #expect(silent.fire(.b) == [.stopTimer(.a), .timedOut, .terminated])
    }

    @Test("L1 K1 an INVITE client taken up after a restart sends nothing, ACKs a 487, passes a 2xx up, and times out at Timer B")
    func inviteClientResumed() {
        let invite = Self.request(.invite)
        var (transaction, actions) = ClientInviteTransaction.resume(invite, reliable: false)
        #expect(actions == [.startTimer(.b, after: .seconds(32))] && transaction.state == .proceeding)
        let ringing = Self.response(180, to: invite)
        #expect(transaction.receive(ringing) == [.deliver(.response(ringing))])
        var timedOut = transaction
        #expect(timedOut.fire(.b) == [.stopTimer(.a), .timedOut, .terminated] && timedOut.state == .terminated)
        var answered = transaction
        let ok = Self.response(200, to: invite)
        #expect(answered.receive(ok).contains(.deliver(.response(ok))) && answered.state == .accepted)
        let terminated = Self.response(487, to: invite)
        let sent = Self.sent(transaction.receive(terminated))
        #expect(sent.count == 1 && sent.first.map { if case .request(let ack) = $0 { ack.method == .ack } else { false } } == true)
        #expect(transaction.state == .completed)
    }

    @Test("L1 INVITE client over TCP: no retransmissions")
    func inviteClientReliable() {
        let invite = Self.request(.invite)
        let (_, actions) = ClientInviteTransaction.start(invite, reliable: true)
        #expect(actions == [.send(.request(invite)), .startTimer(.b, after: .seconds(32))])
    }

    @Test("L1 E5 a 486 from the phone: the transaction ACKs it (same branch, the response's To tag, Route kept) and absorbs its retransmissions until Timer D")
    func inviteClientAcksFailures() throws {
        let invite = Self.request(.invite)
        var (transaction, _) = ClientInviteTransaction.start(invite, reliable: false)
        let busy = Self.response(486, to: invite)
        let actions = transaction.receive(busy)
        guard case .request(let ack)? = Self.sent(actions).first else {
            Issue.record("no ACK")
            return
        }
        #expect(ack.method == .ack && ack.uri == invite.uri && ack.headers["cseq"] == "7 ACK")
        #expect(ack.headers["via"] == invite.headers["via"] && ack.headers["route"] == "<sip:proxy.example;lr>")
        #expect(try SIPNameAddress(parsing: ack.headers["to"]!).tag == "t9")
        #expect(actions.contains(.deliver(.response(busy))) && actions.contains(.startTimer(.d, after: .seconds(32))))
        #expect(Self.sent(transaction.receive(busy)) == [.request(ack)], "a retransmitted 486 is ACKed again, not passed up")
        #expect(transaction.fire(.d) == [.terminated])
    }

    @Test("L1 RFC 6026 a 2xx goes up, and so does each retransmission, for the dialog to ACK; Timer M ends it")
    func inviteClientAccepted() {
        let invite = Self.request(.invite)
        var (transaction, _) = ClientInviteTransaction.start(invite, reliable: false)
        let ok = Self.response(200, to: invite)
        let actions = transaction.receive(ok)
        #expect(Self.sent(actions).isEmpty, "the transaction does not ACK a 2xx")
        #expect(actions.contains(.deliver(.response(ok))) && transaction.state == .accepted)
        #expect(transaction.receive(ok) == [.deliver(.response(ok))])
        #expect(transaction.fire(.m) == [.terminated])
    }

    @Test("L1 INVITE server: 100 Trying at once; a retransmitted INVITE gets the last response; a 486 is retransmitted (G, capped at T2) until the ACK")
    func inviteServer() {
        let invite = Self.request(.invite, branch: "z9hG4bKs1")
        var (transaction, actions) = ServerInviteTransaction.start(invite, reliable: false)
        guard case .response(let trying)? = Self.sent(actions).first else {
            Issue.record("no 100")
            return
        }
        #expect(trying.statusCode == 100 && actions.last == .deliver(.request(invite)))
        let ringing = Self.response(180, to: invite)
        #expect(transaction.respond(ringing) == [.send(.response(ringing))])
        #expect(transaction.receive(invite) == [.send(.response(ringing))])
        let busy = Self.response(486, to: invite)
        #expect(transaction.respond(busy) == [.send(.response(busy)), .startTimer(.g, after: .milliseconds(500)), .startTimer(.h, after: .seconds(32))])
        var interval: [Duration] = []
        for _ in 0..<5 {
            for case .startTimer(.g, let after) in transaction.fire(.g) { interval.append(after) }
        }
        #expect(interval == [.seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        #expect(transaction.receive(Self.request(.ack, branch: "z9hG4bKs1")) == [.stopTimer(.g), .stopTimer(.h), .startTimer(.i, after: .seconds(5))])
        #expect(transaction.state == .confirmed && transaction.fire(.i) == [.terminated])
    }

    @Test("L1 INVITE server: no ACK for the final response within Timer H is a timeout")
    func inviteServerNoAck() {
        let invite = Self.request(.invite)
        var (transaction, _) = ServerInviteTransaction.start(invite, reliable: true)
        #expect(!transaction.respond(Self.response(603, to: invite)).contains { if case .startTimer(.g, _) = $0 { true } else { false } })
        #expect(transaction.fire(.h) == [.stopTimer(.g), .timedOut, .terminated])
    }

    @Test("L1 RFC 6026 INVITE server after a 2xx: retransmitted INVITEs are absorbed, the ACK goes to the dialog, Timer L ends it")
    func inviteServerAccepted() {
        let invite = Self.request(.invite)
        var (transaction, _) = ServerInviteTransaction.start(invite, reliable: false)
        let ok = Self.response(200, to: invite)
        #expect(transaction.respond(ok) == [.send(.response(ok)), .startTimer(.l, after: .seconds(32))])
        #expect(transaction.receive(invite).isEmpty)
        let ack = Self.request(.ack)
        #expect(transaction.receive(ack) == [.deliver(.request(ack))])
        #expect(transaction.fire(.l) == [.terminated])
    }

    @Test("L1 non-INVITE client: Timer E doubles to T2 then stays at T2 once proceeding; Timer F times out; Timer K absorbs")
    func nonInviteClient() {
        let options = Self.request(.options)
        var (transaction, actions) = ClientNonInviteTransaction.start(options, reliable: false)
        #expect(actions == [.send(.request(options)), .startTimer(.e, after: .milliseconds(500)), .startTimer(.f, after: .seconds(32))])
        var intervals: [Duration] = []
        for _ in 0..<4 {
            for case .startTimer(.e, let after) in transaction.fire(.e) { intervals.append(after) }
        }
        #expect(intervals == [.seconds(1), .seconds(2), .seconds(4), .seconds(4)])
        _ = transaction.receive(Self.response(100, to: options))
        #expect(transaction.fire(.e) == [.send(.request(options)), .startTimer(.e, after: .seconds(4))])
        let ok = Self.response(200, to: options)
        #expect(transaction.receive(ok) == [.stopTimer(.e), .stopTimer(.f), .deliver(.response(ok)), .startTimer(.k, after: .seconds(5))])
        #expect(transaction.receive(ok).isEmpty && transaction.fire(.k) == [.terminated])
        var (silent, _) = ClientNonInviteTransaction.start(options, reliable: true)
        #expect(silent.fire(.f) == [.stopTimer(.e), .timedOut, .terminated])
    }

    @Test("L1 non-INVITE server: the request goes up once; a retransmission gets the last response; Timer J absorbs")
    func nonInviteServer() {
        let register = Self.request(.register)
        var (transaction, actions) = ServerNonInviteTransaction.start(register, reliable: false)
        #expect(actions == [.deliver(.request(register))])
        #expect(transaction.receive(register).isEmpty, "nothing sent yet: absorbed")
        let ok = Self.response(200, to: register)
        #expect(transaction.respond(ok) == [.send(.response(ok)), .startTimer(.j, after: .seconds(32))])
        #expect(transaction.receive(register) == [.send(.response(ok))])
        #expect(transaction.respond(Self.response(500, to: register)).isEmpty, "one final response")
        #expect(transaction.fire(.j) == [.terminated])
    }

    @Test("L1 transaction keys: an ACK finds its INVITE's server transaction, a CANCEL its own; a response its client transaction")
    func keys() {
        let invite = Self.request(.invite, branch: "z9hG4bKk1")
        let key = SIPTransactionKey(request: invite)
        #expect(key != nil && SIPTransactionKey(request: Self.request(.ack, branch: "z9hG4bKk1")) == key)
        #expect(SIPTransactionKey(request: Self.request(.cancel, branch: "z9hG4bKk1")) != key)
        #expect(SIPTransactionKey(request: Self.request(.invite, branch: "z9hG4bK")) == nil, "RFC 4475 badbranch: no key, no trap")
        #expect(SIPTransactionKey(response: Self.response(180, to: invite))?.method == .invite)
    }
}
