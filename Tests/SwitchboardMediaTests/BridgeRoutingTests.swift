import NIOCore
import SwitchboardMedia
import Testing

/// L1 and L3, the bridge's routing as a value: G.711 both ways, who hears whom, packets rewritten
/// in place between laws, and the conference mix.
@Suite("L3 bridge routing")
struct BridgeRoutingTests {
    static let pcmu = BridgeRouting.Format(law: .mu, payloadType: 0, telephoneEventPayloadType: 101)
    static let pcma = BridgeRouting.Format(law: .a, payloadType: 8)

    static func address(_ port: Int) -> SocketAddress { try! SocketAddress(ipAddress: "127.0.0.1", port: port) }

    @Test("L1 G.711: every code decodes and encodes back to itself; transcoding keeps the sound")
    func g711() {
        for byte in UInt8.min...UInt8.max {
            #expect(G711.encode(G711.decode(byte, .a), .a) == byte, "A-law \(byte)")
            // μ-law has two zeros (0x7F and 0xFF): the negative one encodes as the positive one.
            #expect(G711.encode(G711.decode(byte, .mu), .mu) == (byte == 0x7F ? 0xFF : byte), "μ-law \(byte)")
            let sample = Int(G711.decode(byte, .a))
            let transcoded = Int(G711.decode(G711.transcode(byte, to: .mu), .mu))
            #expect(abs(transcoded - sample) <= max(16, abs(sample) / 16), "A-law \(byte) as μ-law")
        }
        #expect(G711.decode(G711.encode(1000, .mu), .mu) == 988 && G711.decode(G711.encode(-1000, .a), .a) == -1008)
        #expect(G711.decode(G711.encode(.max, .mu), .mu) == 32124 && G711.decode(G711.encode(.min, .a), .a) == -32256)
    }

    @Test("L3 the parties that talk hear each other once connected; a held or unconnected party hears nothing")
    func hearing() {
        var routing = BridgeRouting()
        for party in ["customer", "agent1", "agent2"] { routing.add(party) }
        routing.setTalking(["customer", "agent1"])
        #expect(routing.heard(by: "customer").isEmpty, "no one is connected yet")
        routing.connect("customer", to: Self.address(4000), format: Self.pcma)
        routing.connect("agent1", to: Self.address(4002), format: Self.pcmu)
        #expect(routing.heard(by: "customer") == ["agent1"] && routing.heard(by: "agent1") == ["customer"])
        #expect(!routing.isMixing)
        // A consult: the customer on hold, the two agents talk.
        routing.connect("agent2", to: Self.address(4004), format: Self.pcmu)
        routing.setTalking(["agent1", "agent2"])
        #expect(routing.heard(by: "customer").isEmpty && routing.heard(by: "agent2") == ["agent1"])
        routing.setTalking(["customer", "agent1", "agent2"])
        #expect(routing.isMixing && routing.heard(by: "customer") == ["agent1", "agent2"])
        routing.remove("agent1")
        #expect(!routing.isMixing && routing.heard(by: "agent2") == ["customer"])
    }

    @Test("L1 a packet to a party of the other law is transcoded in place; events map to its event type or are dropped")
    func rewriting() {
        var routing = BridgeRouting()
        routing.add("customer")
        routing.add("agent")
        routing.connect("customer", to: Self.address(4000), format: Self.pcma)
        routing.connect("agent", to: Self.address(4002), format: Self.pcmu)
        routing.setTalking(["customer", "agent"])
        let alaw = (0..<160).map { UInt8(truncatingIfNeeded: $0) }
        var packet = MediaBridgeTests.packet(sequence: 1, payloadType: 8, payload: alaw, first: 0x80)
        let forward = routing.received(&packet, from: "customer", source: Self.address(5000))
        #expect(forward?.to == "agent" && forward?.1 == Self.address(4002))
        let header = RTPHeader(packet)
        #expect(header?.payloadType == 0 && header?.sequenceNumber == 1 && header?.ssrc == 0x1234_5678)
        #expect(packet.getBytes(at: 12, length: 160) == alaw.map { G711.transcode($0, to: .mu) })
        // The agent's DTMF (RFC 4733, type 101) reaches no one who has no event type.
        var event = MediaBridgeTests.packet(sequence: 2, payloadType: 101, payload: [1, 0x80, 0, 160])
        #expect(routing.received(&event, from: "agent", source: Self.address(5002)) == nil)
        #expect(routing.counters(for: "agent").dropped == 1 && routing.counters(for: "customer").forwarded == 1)
        // The customer sent from elsewhere than its SDP said: it is reached there now.
        var reply = MediaBridgeTests.packet(sequence: 3, payloadType: 0)
        #expect(routing.received(&reply, from: "agent", source: Self.address(5002))?.1 == Self.address(5000))
    }

    @Test("L3 a conference mix is the sum of the frames of the parties heard, clipped, in the listener's law")
    func mixing() {
        var routing = BridgeRouting()
        for party in ["customer", "agent1", "agent2"] {
            routing.add(party)
            routing.connect(party, to: Self.address(4000), format: party == "agent2" ? Self.pcmu : Self.pcma)
        }
        routing.setTalking(["customer", "agent1", "agent2"])
        #expect(routing.mix(allocator: ByteBufferAllocator()).isEmpty, "silence: nothing is sent")
        let loud = G711.encode(30000, .a)
        let quiet = G711.encode(-1000, .a)
        var first = MediaBridgeTests.packet(sequence: 1, payloadType: 8, payload: Array(repeating: loud, count: 160))
        var second = MediaBridgeTests.packet(sequence: 1, payloadType: 8, payload: Array(repeating: quiet, count: 160))
        #expect(routing.received(&first, from: "customer", source: Self.address(5000)) == nil)
        #expect(routing.received(&second, from: "agent1", source: Self.address(5002)) == nil)
        let packets = Dictionary(uniqueKeysWithValues: routing.mix(allocator: ByteBufferAllocator()).map { ($0.to, $0.2) })
        #expect(Set(packets.keys) == ["customer", "agent1", "agent2"])
        func samples(_ party: String, _ law: G711.Law) -> [Int16] {
            (packets[party]?.getBytes(at: 12, length: 160) ?? []).map { G711.decode($0, law) }
        }
        let loudSample = G711.decode(loud, .a)
        let quietSample = G711.decode(quiet, .a)
        #expect(samples("customer", .a).allSatisfy { $0 == G711.decode(G711.encode(quietSample, .a), .a) }, "the customer hears agent 1")
        #expect(samples("agent1", .a).allSatisfy { $0 == loudSample }, "agent 1 hears the customer")
        let both = G711.decode(G711.encode(Int16(clamping: Int(loudSample) + Int(quietSample)), .mu), .mu)
        #expect(samples("agent2", .mu).allSatisfy { $0 == both }, "agent 2 hears both, in μ-law")
        #expect(RTPHeader(packets["agent2"]!)?.payloadType == 0 && RTPHeader(packets["agent2"]!)?.marker == true)
        #expect(routing.counters(for: "customer").mixed == 1)
    }
}
