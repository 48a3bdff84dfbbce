import SwitchboardSIP
import Testing

/// L1 the SIP message module (RFC 3261 §7, §19, §20, §25): requests and responses read and
/// written, the structured fields, and bad input answered with a clear 400 or 505.
@Suite("L1 SIP messages")
struct SIPMessageTests {
    static let invite = """
        INVITE sip:+4570100100@switchboard.example;transport=udp SIP/2.0\r
        Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r
        Max-Forwards: 70\r
        To: <sip:+4570100100@switchboard.example>\r
        From: "Mette Holm" <sip:+4512345678@carrier.example>;tag=1928301774\r
        Call-ID: a84b4c76e66710@pc33.carrier.example\r
        CSeq: 314159 INVITE\r
        Contact: <sip:+4512345678@192.0.2.10:5060>\r
        Content-Type: application/sdp\r
        Content-Length: 4\r
        \r
        v=0\r

        """

    static func parse(_ text: String) throws(SIPParseError) -> SIPMessage {
        try SIPParser.parse(datagram: Array(text.utf8))
    }

    static func request(_ text: String) throws -> SIPRequest {
        guard case .request(let request) = try parse(text) else { throw SIPParseError("not a request") }
        return request
    }

    @Test("L1 a request is read: method, Request-URI, fields in order, the body by Content-Length")
    func readsARequest() throws {
        let request = try Self.request(Self.invite)
        #expect(request.method == .invite && request.uri == "sip:+4570100100@switchboard.example;transport=udp")
        #expect(request.headers.fields.map(\.name) == [
            "Via", "Max-Forwards", "To", "From", "Call-ID", "CSeq", "Contact", "Content-Type", "Content-Length",
        ])
        #expect(request.body == Array("v=0\r".utf8), "Content-Length bytes, and what follows them is ignored")
        let from = try SIPNameAddress(parsing: request.headers["from"]!)
        #expect(from.displayName == "Mette Holm" && from.tag == "1928301774" && from.sipURI?.user == "+4512345678")
        let via = try request.headers.vias()
        #expect(via.map(\.transport) == ["UDP"] && via.first?.branch == "z9hG4bK776asdhds" && via.first?.port == 5060)
        #expect(via.first?.parameters["rport"] == "", "a flag parameter")
        #expect(try SIPCSeq(parsing: request.headers["CSeq"]!) == SIPCSeq(sequence: 314159, method: .invite))
    }

    @Test("L1 compact forms are the same fields; folded lines join; lists split outside quotes and <>")
    func compactFormsFoldingLists() throws {
        let request = try Self.request("""
            OPTIONS sip:switchboard.example SIP/2.0\r
            v: SIP/2.0/TCP a.example;branch=z9hG4bK1, SIP/2.0/UDP b.example:5070;branch=z9hG4bK2\r
            f: <sip:a@a.example>;tag=1\r
            t: <sip:switchboard.example>\r
            i: 1@a.example\r
            CSeq: 1\r
              OPTIONS\r
            m: "Doe, John" <sip:john@a.example>, <sip:other@b.example;x=1,2>\r
            l: 0\r
            \r

            """)
        #expect(request.headers["Call-ID"] == "1@a.example" && request.headers["cseq"] == "1 OPTIONS")
        #expect(try request.headers.vias().map(\.host) == ["a.example", "b.example"])
        #expect(request.headers.values("contact") == [#""Doe, John" <sip:john@a.example>"#, "<sip:other@b.example;x=1,2>"])
    }

    @Test("L1 a response is read; its reason phrase may be empty")
    func readsAResponse() throws {
        let text = "SIP/2.0 180 \r\nVia: SIP/2.0/UDP a.example;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n"
        guard case .response(let response) = try Self.parse(text) else {
            Issue.record("not a response")
            return
        }
        #expect(response.statusCode == 180 && response.reasonPhrase == "" && response.isProvisional)
        #expect(throws: SIPParseError.self) { try Self.parse("SIP/2.0 99 Low\r\n\r\n") }
        #expect(throws: SIPParseError.self) { try Self.parse("SIP/2.0 2000 OK\r\n\r\n") }
    }

    @Test("L1 writing and reading again gives the same message; Content-Length follows the body")
    func roundTrip() throws {
        let message = try Self.parse(Self.invite)
        let written = message.bytes
        let again = try SIPParser.parse(datagram: written)
        #expect(again.bytes == written)
        #expect(again.body == message.body && again.headers["content-length"] == "4")
        var headers = message.headers
        headers.set("cseq", "314160 INVITE")
        #expect(headers["CSeq"] == "314160 INVITE" && headers.count == message.headers.count)
    }

    @Test("L1 a URI: user unescaped, host in lower case, port, parameters, headers; bad ones refused",
          arguments: [
              ("sip:%2B4512%2034@Example.COM:5070;transport=TCP;lr?Subject=Hi%20there", true),
              ("sips:[2001:db8::1]:5061", true),
              ("sip:user;par=u%40example.net@example.com", true),
              ("sip:example.com:99999", false), ("sip:[2001:db8::1", false), ("sip:us%zzer@example.com", false),
              ("http://example.com", false), ("sip:exa mple.com", false),
          ])
    func uris(text: String, valid: Bool) throws {
        let uri = try? SIPURI(parsing: text)
        #expect((uri != nil) == valid, "\(text)")
        guard let uri, text.hasPrefix("sip:%2B") else { return }
        #expect(uri.user == "+4512 34" && uri.host == "example.com" && uri.port == 5070)
        #expect(uri.parameters["transport"] == "TCP" && uri.parameters.contains("lr") && uri.headers["Subject"] == "Hi there")
        #expect(uri.description == "sip:+4512%2034@example.com:5070;transport=TCP;lr?Subject=Hi%20there")
        #expect(try SIPURI(parsing: uri.description) == uri)
    }

    @Test("L1 bad requests are refused with 400 and the reason; another SIP version with 505",
          arguments: [
              ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n", 400, "No empty line"),
              ("INVITE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n", 400, "Missing Via"),
              ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 BYE\r\n\r\n", 400, "CSeq method"),
              ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 4294967301 INVITE\r\n\r\n", 400, "2**31"),
              ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\nContent-Length: 10\r\n\r\nshort", 400, "larger"),
              ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\nContent-Length: 2\r\nl: 3\r\n\r\nabc", 400, "disagree"),
              ("INVITE <sip:a@b> SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n", 400, "absolute URI"),
              ("INVITE sip:a@b  SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n\r\n", 400, "request line"),
              ("INVITE sip:a@b SIP/7.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n", 505, "Version"),
              ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nBad Name: x\r\n\r\n", 400, "token"),
          ])
    func refusals(text: String, status: Int, reason: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.statusCode == status && error.reason.contains(reason), "\(error)")
        }
    }

    @Test("L1 the 400 to a malformed request copies what could be read, so it reaches the sender")
    func answersMalformedRequests() throws {
        let text = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=f\r\nCall-ID: c1\r\nCSeq: 9 BYE\r\n\r\n"
        do {
            _ = try Self.parse(text)
            Issue.record("accepted")
        } catch {
            let answer = SIPResponse(
                answering: error.headers ?? SIPHeaders(), statusCode: error.statusCode, reasonPhrase: error.reason, toTag: "t1")
            let written = String(decoding: SIPMessage.response(answer).bytes, as: UTF8.self)
            #expect(written.hasPrefix("SIP/2.0 400 The CSeq method is not the request's\r\n"))
            #expect(written.contains("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\n") && written.contains("To: <sip:a@b>;tag=t1\r\n"))
            #expect(written.contains("Call-ID: c1\r\n") && written.hasSuffix("Content-Length: 0\r\n\r\n"))
        }
    }

    @Test("L1 a stream frames messages by Content-Length and waits for the rest")
    func streams() throws {
        let one = Array(Self.invite.utf8.prefix(Self.invite.utf8.count - 1))  // the 4 body bytes, no trailing LF
        var stream = one + one
        #expect(try SIPParser.parse(stream: stream.prefix(40)) == nil, "the header section is not complete")
        #expect(try SIPParser.parse(stream: one.dropLast()) == nil, "the body is not complete")
        guard let (first, consumed) = try SIPParser.parse(stream: stream) else {
            Issue.record("no message")
            return
        }
        #expect(consumed == one.count && first.body == Array("v=0\r".utf8))
        stream.removeFirst(consumed)
        #expect(try SIPParser.parse(stream: stream)?.consumed == one.count)
        #expect(throws: SIPParseError.self) {
            try SIPParser.parse(stream: Array("OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n\r\n".utf8))
        }
    }
}
