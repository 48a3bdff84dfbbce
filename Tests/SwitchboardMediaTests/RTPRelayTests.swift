import NIOCore
import NIOPosix
import Synchronization
import SwitchboardMedia
import Testing

/// L1 media, plainly relayed (SIP.md "Media"): RTP headers read in place and bad packets
/// refused; the RTP port range; two legs on loopback hearing each other through the relay,
/// each reached where its packets come from.
@Suite("L1 RTP relay")
struct RTPRelayTests {
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
        private let packets = Mutex<[UInt16]>([])
        var sequences: [UInt16] { packets.withLock { $0 } }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if let header = RTPHeader(unwrapInboundIn(data).data) { packets.withLock { $0.append(header.sequenceNumber) } }
        }
    }

    @Test("L1 two legs hear each other through the relay; a leg is reached where its packets come from; non-RTP is dropped")
    func relay() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let relay = try await RTPRelay.bind(host: "127.0.0.1", a: 0, b: 0, on: group)
        let phoneA = Received()
        let phoneB = Received()
        func socket(_ handler: Received) async throws -> any Channel {
            try await DatagramBootstrap(group: group)
                .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) } }
                .bind(host: "127.0.0.1", port: 0).get()
        }
        let a = try await socket(phoneA)
        let b = try await socket(phoneB)
        // B's SDP named an address it does not send from: its first packet corrects it.
        relay.setRemote(try SocketAddress(ipAddress: "127.0.0.1", port: 9), for: .b)
        relay.setRemote(a.localAddress!, for: .a)
        let relayA = try SocketAddress(ipAddress: "127.0.0.1", port: relay.ports.a)
        let relayB = try SocketAddress(ipAddress: "127.0.0.1", port: relay.ports.b)
        try await b.writeAndFlush(AddressedEnvelope(remoteAddress: relayB, data: Self.packet(sequence: 100))).get()
        for _ in 0..<200 where relay.counters(for: .b).forwarded == 0 { try await Task.sleep(for: .milliseconds(5)) }
        for sequence in UInt16(1)...5 {
            try await a.writeAndFlush(AddressedEnvelope(remoteAddress: relayA, data: Self.packet(sequence: sequence))).get()
        }
        try await a.writeAndFlush(AddressedEnvelope(remoteAddress: relayA, data: ByteBuffer(bytes: [1, 2, 3]))).get()
        for _ in 0..<200 where phoneB.sequences.count < 5 || phoneA.sequences.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(phoneB.sequences == [1, 2, 3, 4, 5], "A's packets reach B where B sends from")
        #expect(phoneA.sequences == [100], "B's packet reaches A")
        #expect(relay.counters(for: .a).forwarded == 5 && relay.counters(for: .a).dropped == 1)
        // L3: on hold neither leg hears the other; resumed, they do again.
        relay.setForwarding(false)
        for sequence in UInt16(6)...8 {
            try await a.writeAndFlush(AddressedEnvelope(remoteAddress: relayA, data: Self.packet(sequence: sequence))).get()
        }
        for _ in 0..<200 where relay.counters(for: .a).dropped < 4 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(relay.counters(for: .a).dropped == 4 && phoneB.sequences.count == 5, "a held leg hears nothing")
        relay.setForwarding(true)
        try await a.writeAndFlush(AddressedEnvelope(remoteAddress: relayA, data: Self.packet(sequence: 9))).get()
        for _ in 0..<200 where phoneB.sequences.count < 6 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(phoneB.sequences == [1, 2, 3, 4, 5, 9])
        try await a.close()
        try await b.close()
        try await relay.close()
        try await group.shutdownGracefully()
    }
}
