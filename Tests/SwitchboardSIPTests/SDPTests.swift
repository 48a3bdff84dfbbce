import SwitchboardSIP
import Testing

/// L1 SDP offer/answer (RFC 3264, RFC 4566, SIP.md "Media"): PCMU, PCMA, telephone-event at
/// 20 ms offered; an offer answered with its first codec we speak; hold's direction mirrored;
/// other streams refused; no common codec, no answer.
@Suite("L1 SDP offer and answer")
struct SDPTests {
    static let phoneOffer = """
        v=0\r
        o=alice 2890844526 2890844526 IN IP4 198.51.100.7\r
        s=call\r
        c=IN IP4 198.51.100.7\r
        t=0 0\r
        m=audio 49170 RTP/AVP 9 8 0 96\r
        a=rtpmap:9 G722/8000\r
        a=rtpmap:8 PCMA/8000\r
        a=rtpmap:96 telephone-event/8000\r
        a=fmtp:96 0-15\r
        a=ptime:20\r
        a=sendonly\r
        m=video 51372 RTP/AVP 31\r
        a=rtpmap:31 H261/90000\r

        """

    @Test("L1 our offer: PCMU, PCMA, telephone-event/8000, ptime 20, and it reads back")
    func offer() throws {
        let offer = MediaNegotiation.offer(address: "192.0.2.1", port: 20000, sessionID: "1", version: 1)
        let text = offer.text
        #expect(text.contains("m=audio 20000 RTP/AVP 0 8 101\r\n") && text.contains("a=rtpmap:101 telephone-event/8000\r\n"))
        #expect(text.contains("c=IN IP4 192.0.2.1\r\n") && text.contains("a=ptime:20\r\n") && text.contains("a=sendrecv\r\n"))
        #expect(try SessionDescription(parsing: text) == offer)
    }

    @Test("L1 D2 an offer is answered with its first codec we speak and its telephone-event; sendonly (hold) is answered recvonly; video refused")
    func answer() throws {
        let offer = try SessionDescription(parsing: Self.phoneOffer)
        guard let (answer, agreement) = MediaNegotiation.answer(to: offer, address: "192.0.2.1", port: 20002, sessionID: "7", version: 1) else {
            Issue.record("no answer")
            return
        }
        #expect(agreement.codec == .pcma && agreement.payloadType == 8 && agreement.telephoneEventPayloadType == 96)
        #expect(agreement.remoteAddress == "198.51.100.7" && agreement.remotePort == 49170 && agreement.direction == .recvonly)
        #expect(answer.media.count == 2 && answer.media[1].port == 0, "every offered stream is answered; video with port 0")
        #expect(answer.media[0].formats == [8, 96] && answer.media[0].direction == .recvonly)
        #expect(MediaNegotiation.agreement(fromAnswer: answer)?.codec == .pcma)
    }

    @Test("L1 no codec in common: no answer (488); malformed SDP is an error")
    func refusals() throws {
        let g722 = try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n")
        #expect(MediaNegotiation.answer(to: g722, address: "192.0.2.1", port: 20004, sessionID: "1", version: 1) == nil)
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=0\r\nthis is not sdp\r\n") }
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=1\r\no=- 1 1 IN IP4 a\r\n") }
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=0\r\ns=-\r\n") }
    }
}
