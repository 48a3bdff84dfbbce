import SwitchboardSIP
import Testing

/// L1 dialogs (RFC 3261 §12): made on either side, requests inside them (BYE, re-INVITE, the ACK
/// of a 2xx), the route set, CSeq order and target refresh.
@Suite("L1 SIP dialogs")
struct SIPDialogTests {
    static let invite: SIPRequest = {
        var headers = SIPHeaders()
        headers.append("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKi1")
        headers.append("Max-Forwards", "70")
        headers.append("From", "<sip:switchboard@192.0.2.1>;tag=sb")
        headers.append("To", "<sip:1001@192.0.2.1>")
        headers.append("Call-ID", "leg-1@192.0.2.1")
        headers.append("CSeq", "1 INVITE")
        headers.append("Contact", "<sip:switchboard@192.0.2.1:5060>")
        return SIPRequest(method: .invite, uri: "sip:1001@198.51.100.7:5062", headers: headers)
    }()

    static func answer(_ code: Int) -> SIPResponse {
        var extra = SIPHeaders()
        extra.append("Record-Route", "<sip:p2.example;lr>, <sip:p1.example;lr>")
        extra.append("Contact", "<sip:1001@198.51.100.7:5062;ob>")
        return SIPResponse(answering: invite, statusCode: code, reasonPhrase: "OK", toTag: "ph", extra: extra)
    }

    static func via(_ branch: String) -> SIPVia { SIPVia(transport: "UDP", host: "192.0.2.1", port: 5060, branch: branch) }

    @Test("L1 the caller's dialog: the 2xx's tag, Contact and reversed Record-Route; a BYE goes to the target through the routes with the next CSeq")
    func callerSide() throws {
        var dialog = try SIPDialog(sent: Self.invite, answer: Self.answer(200), localContact: "sip:switchboard@192.0.2.1:5060")
        #expect(dialog.state == .confirmed && dialog.id == SIPDialog.ID(callID: "leg-1@192.0.2.1", localTag: "sb", remoteTag: "ph"))
        #expect(dialog.routeSet == ["<sip:p1.example;lr>", "<sip:p2.example;lr>"])
        let ack = dialog.makeACK(forInviteSequence: 1, via: Self.via("z9hG4bKa1"))
        #expect(ack.uri == "sip:1001@198.51.100.7:5062;ob" && ack.headers["cseq"] == "1 ACK")
        let bye = dialog.makeRequest(.bye, via: Self.via("z9hG4bKb1"))
        #expect(bye.headers["cseq"] == "2 BYE" && bye.headers.values("route") == dialog.routeSet)
        #expect(bye.headers["to"] == "<sip:1001@192.0.2.1>;tag=ph" && bye.headers["from"] == "<sip:switchboard@192.0.2.1>;tag=sb")
        #expect(bye.headers["contact"] == nil)
        let reinvite = dialog.makeRequest(.invite, via: Self.via("z9hG4bKr1"), body: Array("v=0\r\n".utf8), contentType: "application/sdp")
        #expect(reinvite.headers["cseq"] == "3 INVITE" && reinvite.headers["contact"] == "<sip:switchboard@192.0.2.1:5060>")
        #expect(reinvite.headers["content-type"] == "application/sdp")
        // The parser takes what the dialog writes.
        let written = SIPMessage.request(bye).bytes
        guard case .request(let read) = try SIPParser.parse(datagram: written) else { throw SIPParseError("not a request") }
        #expect(read.method == .bye && read.uri == bye.uri && SIPMessage.request(read).bytes == written)
    }

    @Test("L1 a 180 with a tag makes an early dialog, the 2xx confirms it; no Contact or a strict route is refused")
    func earlyAndRefused() throws {
        var early = try SIPDialog(sent: Self.invite, answer: Self.answer(180), localContact: "sip:sb@192.0.2.1")
        #expect(early.state == .early)
        early.confirm()
        #expect(early.state == .confirmed)
        var strict = Self.answer(200)
        strict.headers.set("Record-Route", "<sip:p1.example>")
        #expect(throws: SIPDialog.Refusal.self) { try SIPDialog(sent: Self.invite, answer: strict, localContact: "sip:sb@x") }
        var noContact = Self.answer(200)
        noContact.headers.remove("contact")
        #expect(throws: SIPDialog.Refusal.self) { try SIPDialog(sent: Self.invite, answer: noContact, localContact: "sip:sb@x") }
    }

    @Test("L1 the callee's dialog: requests in order only (500 otherwise); a re-INVITE moves the remote target; BYE ends it")
    func calleeSide() throws {
        var incoming = Self.invite
        incoming.headers.set("From", "<sip:+4512345678@carrier.example>;tag=c1")
        incoming.headers.set("Contact", "<sip:+4512345678@203.0.113.5:5060>")
        var dialog = try SIPDialog(received: incoming, localTag: "sb2", localContact: "sip:switchboard@192.0.2.1")
        #expect(dialog.remoteSequence == 1 && dialog.remoteTarget == "sip:+4512345678@203.0.113.5:5060")
        var reinvite = incoming
        reinvite.headers.set("CSeq", "2 INVITE")
        reinvite.headers.set("Contact", "<sip:+4512345678@203.0.113.6:5060>")
        try dialog.receive(reinvite)
        #expect(dialog.remoteTarget == "sip:+4512345678@203.0.113.6:5060")
        #expect(throws: SIPDialog.Refusal.self) { try dialog.receive(reinvite) }
        var bye = incoming
        bye.method = .bye
        bye.headers.set("CSeq", "3 BYE")
        bye.headers.set("To", "<sip:1001@192.0.2.1>;tag=sb2")
        #expect(SIPDialog.id(ofReceived: bye) == dialog.id)
        try dialog.receive(bye)
        #expect(dialog.state == .terminated)
    }
}
