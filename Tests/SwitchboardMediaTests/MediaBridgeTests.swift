import NIOCore
import NIOPosix
import Synchronization
import SwitchboardMedia
import Testing

/// L1 media anchored by the B2BUA (SIP.md "Media"): RTP headers read in place and bad packets
/// refused; the RTP port range; parties on loopback hearing each other through a call's bridge,
/// each reached where its packets come from; a conference's mixes.
@Suite("L1 media bridge")
struct MediaBridgeTests {
    static func packet(sequence: UInt16, payloadType: UInt8 = 0, payload: [UInt8] = Array(repeating: 0xFF, count: 160), first: UInt8 = 0x80) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(first)
        buffer.writeInteger(payloadType)
        buffer.writeInteger(sequence)
        buffer.writeInteger(UInt32(sequence) * 160)
        buffer.writeInteger(UInt32(0x1234_5678))
        buffer.writeBytes(payload)
        return buffer
    }

    @Test("L1 an RTP header is read in place; short, wrong-version, over-long and RTCP packets are not RTP")
    func header() {
        let header = RTPHeader(Self.packet(sequence: 7, payloadType: 8))
        #expect(header?.sequenceNumber == 7 && header?.payloadType == 8 && header?.ssrc == 0x1234_5678)
        #expect(header?.payloadOffset == 12 && header?.payloadLength == 160)
        #expect(RTPHeader(ByteBuffer(bytes: [0x80, 0, 0, 1])) == nil, "too short")
        #expect(RTPHeader(Self.packet(sequence: 1, first: 0x40)) == nil, "version 1")
        #expect(RTPHeader(Self.packet(sequence: 1, payload: [], first: 0x8F)) == nil, "15 CSRCs past the end")
        #expect(RTPHeader(Self.packet(sequence: 1, payloadType: 72)) == nil, "RTCP sender report read as RTP")
        let padded = Self.packet(sequence: 1, payload: [1, 2, 3, 3], first: 0xA0)
        #expect(RTPHeader(padded)?.payloadLength == 1, "3 bytes of padding")
    }

    @Test("L1 RTP ports are even, from the range, round-robin, and run out")
    func ports() {
        var allocator = RTPPortAllocator(range: 20000...20007)
        #expect(allocator.capacity == 4)
        let taken = (0..<4).compactMap { _ in allocator.allocate() }
        #expect(taken == [20000, 20002, 20004, 20006] && allocator.allocate() == nil)
        allocator.release(20002)
        allocator.release(20002)
        #expect(allocator.allocate() == 20002 && allocator.allocate() == nil)
    }

    final class Received: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        private let headers = Mutex<[RTPHeader]>([])
        var sequences: [UInt16] { headers.withLock { $0.map(\.sequenceNumber) } }
        var ssrcs: [UInt32] { headers.withLock { $0.map(\.ssrc) } }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if let header = RTPHeader(unwrapInboundIn(data).data) { headers.withLock { $0.append(header) } }
        }
    }

    @Test("L1 two parties hear each other through the bridge; a party is reached where its packets come from; non-RTP is dropped")
    func relay() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bridge = MediaBridge(host: "127.0.0.1", on: group)
        let portA = try await bridge.add("a")
        let portB = try await bridge.add("b")
        let phoneA = Received()
        let phoneB = Received()
        func socket(_ handler: Received) async throws -> any Channel {
            try await DatagramBootstrap(group: group)
                .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) } }
                .bind(host: "127.0.0.1", port: 0).get()
        }
        let a = try await socket(phoneA)
        let b = try await socket(phoneB)
        let pcmu = BridgeRouting.Format(law: .mu, payloadType: 0)
        // B's SDP named an address it does not send from: its first packet corrects it.
        bridge.connect("b", to: try SocketAddress(ipAddress: "127.0.0.1", port: 9), format: pcmu)
        bridge.connect("a", to: a.localAddress!, format: pcmu)
        bridge.setTalking(["a", "b"])
        let bridgeA = try SocketAddress(ipAddress: "127.0.0.1", port: portA)
        let bridgeB = try SocketAddress(ipAddress: "127.0.0.1", port: portB)
        try await b.writeAndFlush(AddressedEnvelope(remoteAddress: bridgeB, data: Self.packet(sequence: 100))).get()
        for _ in 0..<200 where bridge.counters(for: "b").forwarded == 0 { try await Task.sleep(for: .milliseconds(5)) }
        for sequence in UInt16(1)...5 {
            try await a.writeAndFlush(AddressedEnvelope(remoteAddress: bridgeA, data: Self.packet(sequence: sequence))).get()
        }
        try await a.writeAndFlush(AddressedEnvelope(remoteAddress: bridgeA, data: ByteBuffer(bytes: [1, 2, 3]))).get()
        for _ in 0..<200 where phoneB.sequences.count < 5 || phoneA.sequences.isEmpty || bridge.counters(for: "a").dropped == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(phoneB.sequences == [1, 2, 3, 4, 5], "A's packets reach B where B sends from")
        #expect(phoneA.sequences == [100], "B's packet reaches A")
        #expect(bridge.counters(for: "a").forwarded == 5 && bridge.counters(for: "a").dropped == 1)
        // L3: on hold neither party hears the other; resumed, they do again.
        bridge.setTalking([])
        for sequence in UInt16(6)...8 {
            try await a.writeAndFlush(AddressedEnvelope(remoteAddress: bridgeA, data: Self.packet(sequence: sequence))).get()
        }
        for _ in 0..<200 where bridge.counters(for: "a").dropped < 4 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(bridge.counters(for: "a").dropped == 4 && phoneB.sequences.count == 5, "a held party hears nothing")
        bridge.setTalking(["a", "b"])
        try await a.writeAndFlush(AddressedEnvelope(remoteAddress: bridgeA, data: Self.packet(sequence: 9))).get()
        for _ in 0..<200 where phoneB.sequences.count < 6 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(phoneB.sequences == [1, 2, 3, 4, 5, 9])
        try await a.close()
        try await b.close()
        await bridge.close()
        try await group.shutdownGracefully()
    }

    @Test("L3 three parties in a conference each hear a mix of the other two, every 20 ms, in their own stream")
    func conference() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bridge = MediaBridge(host: "127.0.0.1", on: group)
        let parties = ["customer", "agent1", "agent2"]
        var ports: [String: Int] = [:]
        var phones: [String: (Received, any Channel)] = [:]
        for party in parties {
            ports[party] = try await bridge.add(party)
            let received = Received()
            let channel = try await DatagramBootstrap(group: group)
                .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(received) } }
                .bind(host: "127.0.0.1", port: 0).get()
            phones[party] = (received, channel)
            bridge.connect(party, to: channel.localAddress!, format: BridgeRouting.Format(law: .a, payloadType: 8))
        }
        bridge.setTalking(Set(parties))
        #expect(bridge.heard(by: "agent1") == ["agent2", "customer"])
        // The customer and agent 1 talk; agent 2 is silent.
        for sequence in UInt16(1)...3 {
            for party in ["customer", "agent1"] {
                let to = try SocketAddress(ipAddress: "127.0.0.1", port: ports[party]!)
                try await phones[party]!.1.writeAndFlush(AddressedEnvelope(remoteAddress: to, data: Self.packet(sequence: sequence, payloadType: 8))).get()
            }
        }
        for _ in 0..<300 where phones["agent2"]!.0.sequences.count < 3 || phones["customer"]!.0.sequences.count < 3 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(phones["agent2"]!.0.sequences.count >= 3, "agent 2 hears the mix of the customer and agent 1")
        #expect(phones["customer"]!.0.sequences.count >= 3, "the customer hears agent 1 (agent 2 is silent)")
        #expect(phones["agent2"]!.0.ssrcs.allSatisfy { $0 != 0x1234_5678 }, "a mix is a stream of the bridge's own")
        let sequences = phones["agent2"]!.0.sequences
        #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 }, "in sequence")
        // Agent 2 leaves: the customer and agent 1 hear each other's packets as they were sent.
        await bridge.remove("agent2")
        #expect(bridge.heard(by: "agent1") == ["customer"])
        for (_, channel) in phones.values { try await channel.close() }
        await bridge.close()
        try await group.shutdownGracefully()
    }
}
