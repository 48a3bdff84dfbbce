import NIOCore
import NIOPosix
import SwitchboardSIP
import Synchronization
import Testing

/// L1 SIP over real UDP and TCP sockets on loopback: a request reaches the transaction user
/// once whatever its retransmissions, its answer is resent for a retransmission, a malformed
/// request gets its 400 with the reason, and TCP frames messages by Content-Length.
@Suite("L1 SIP endpoint on loopback")
struct SIPEndpointTests {
    /// What the TU saw.
    final class Recorder: Sendable {
        private let seen = Mutex<[SIPMethod]>([])
        var methods: [SIPMethod] { seen.withLock { $0 } }
        func record(_ method: SIPMethod) { seen.withLock { $0.append(method) } }
    }

    static func options(branch: String, transport: String = "UDP", extra: String = "") -> [UInt8] {
        Array(("OPTIONS sip:switchboard@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/\(transport) 127.0.0.1:9;branch=\(branch)\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:switchboard@127.0.0.1>\r\n"
            + "Call-ID: \(branch)@probe\r\nCSeq: 1 OPTIONS\r\n\(extra)Content-Length: 0\r\n\r\n").utf8)
    }

    /// What arrives on a client channel, each read as bytes.
    final class Inbox: Sendable {
        private let bytes = Mutex<[[UInt8]]>([])
        var received: [[UInt8]] { bytes.withLock { $0 } }
        func add(_ chunk: [UInt8]) { bytes.withLock { $0.append(chunk) } }
    }

    final class DatagramInbox: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let inbox: Inbox
        init(_ inbox: Inbox) { self.inbox = inbox }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            inbox.add(Array(unwrapInboundIn(data).data.readableBytesView))
        }
    }

    final class StreamInbox: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let inbox: Inbox
        init(_ inbox: Inbox) { self.inbox = inbox }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            inbox.add(Array(unwrapInboundIn(data).readableBytesView))
        }
    }

    /// A UDP socket on loopback whose datagrams land in `inbox`.
    static func udpClient(on group: any EventLoopGroup, into inbox: Inbox) async throws -> any Channel {
        try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(DatagramInbox(inbox)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    static func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    static func withEndpoint(_ body: (Int, Recorder, any EventLoopGroup) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorder = Recorder()
        let endpoint = SIPEndpoint(group: group) { incoming in
            recorder.record(incoming.request.method)
            var extra = SIPHeaders()
            extra.append("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER")
            incoming.respond(SIPResponse(answering: incoming.request, statusCode: 200, reasonPhrase: "OK", toTag: "sb1", extra: extra))
        }
        let port = try await endpoint.bind(host: "127.0.0.1", port: 0)
        do {
            try await body(port, recorder, group)
        } catch {
            try await endpoint.close()
            try await group.shutdownGracefully()
            throw error
        }
        try await endpoint.close()
        try await group.shutdownGracefully()
    }

    @Test("L1 OPTIONS over UDP is answered 200; a retransmission gets the same answer and reaches the TU only once; a malformed request gets 400 with its reason")
    func udp() async throws {
        try await Self.withEndpoint { port, recorder, group in
            let inbox = Inbox()
            let client = try await Self.udpClient(on: group, into: inbox)
            let server = try SocketAddress(ipAddress: "127.0.0.1", port: port)
            func send(_ bytes: [UInt8]) async throws {
                var buffer = client.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                try await client.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: buffer)).get()
            }
            try await send(Self.options(branch: "z9hG4bKu1"))
            try await Self.waitFor { inbox.received.count >= 1 }
            try await send(Self.options(branch: "z9hG4bKu1"))
            try await Self.waitFor { inbox.received.count >= 2 }
            try await send(Array("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKbad\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 BYE\r\n\r\n".utf8))
            try await send(Array("\r\n\r\n".utf8))
            try await Self.waitFor { inbox.received.count >= 3 }
            let answers = try inbox.received.map { try SIPParser.parse(datagram: $0) }
            guard answers.count == 3, case .response(let first) = answers[0], case .response(let bad) = answers[2] else {
                Issue.record("answers: \(answers)")
                return
            }
            #expect(first.statusCode == 200 && first.headers["allow"]?.contains("REGISTER") == true)
            #expect(answers[1] == answers[0], "the retransmission gets the same 200")
            #expect(recorder.methods == [.options], "the TU saw the request once")
            #expect(bad.statusCode == 400 && bad.reasonPhrase == "The CSeq method is not the request's")
            try await client.close()
        }
    }

    @Test("L1 past its transaction limit the endpoint answers new requests 503 with Retry-After, and keeps no state for them")
    func flood() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let endpoint = SIPEndpoint(group: group, maximumServerTransactions: 2) { _ in }
        let port = try await endpoint.bind(host: "127.0.0.1", port: 0)
        let inbox = Inbox()
        let client = try await Self.udpClient(on: group, into: inbox)
        let server = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        for index in 1...4 {
            var buffer = client.allocator.buffer(capacity: 512)
            buffer.writeBytes(Self.options(branch: "z9hG4bKf\(index)"))
            try await client.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: buffer)).get()
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Self.waitFor { inbox.received.count >= 2 }
        let codes = inbox.received.compactMap { bytes -> Int? in
            if case .response(let response)? = try? SIPParser.parse(datagram: bytes) { response.statusCode } else { nil }
        }
        #expect(codes == [503, 503], "the TU never answered the first two; the next two are refused")
        #expect(try await endpoint.openTransactions() == 2)
        try await client.close()
        try await endpoint.close()
        try await group.shutdownGracefully()
    }

    @Test("L1 over TCP messages are framed by Content-Length, two in one segment or one in two")
    func tcp() async throws {
        try await Self.withEndpoint { port, recorder, group in
            let inbox = Inbox()
            let client = try await ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(StreamInbox(inbox)) }
                }
                .connect(host: "127.0.0.1", port: port).get()
            let both = Self.options(branch: "z9hG4bKt1", transport: "TCP") + Self.options(branch: "z9hG4bKt2", transport: "TCP")
            var buffer = client.allocator.buffer(capacity: both.count)
            buffer.writeBytes(both.prefix(50))
            try await client.writeAndFlush(buffer).get()
            try await Task.sleep(for: .milliseconds(50))
            buffer.clear()
            buffer.writeBytes(both.dropFirst(50))
            try await client.writeAndFlush(buffer).get()
            func codes() -> [Int] {
                var stream = inbox.received.flatMap(\.self)
                var codes: [Int] = []
                while let (message, consumed) = (try? SIPParser.parse(stream: stream)) ?? nil {
                    if case .response(let response) = message { codes.append(response.statusCode) }
                    stream.removeFirst(consumed)
                }
                return codes
            }
            try await Self.waitFor { codes().count == 2 }
            #expect(codes() == [200, 200] && recorder.methods == [.options, .options])
            try await client.close()
        }
    }
}

/// L1 our own requests through client transactions between two endpoints on loopback: a
/// non-INVITE answered, an INVITE refused (its ACK sent by the transaction, absorbed by the
/// other side's), an INVITE answered 180 then 200 whose ACK the caller sends itself.
@Suite("L1 SIP client transactions on loopback")
struct SIPClientTransactionTests {
    final class Events: Sendable {
        private let events = Mutex<[SIPClientEvent]>([])
        var all: [SIPClientEvent] { events.withLock { $0 } }
        func add(_ event: SIPClientEvent) { events.withLock { $0.append(event) } }
        var codes: [Int] { all.compactMap { if case .response(let response) = $0 { response.statusCode } else { nil } } }
    }

    static func request(_ method: SIPMethod, to user: String, port: Int, branch: String) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", "SIP/2.0/UDP 127.0.0.1:\(port);branch=\(branch)")
        headers.append("Max-Forwards", "70")
        headers.append("From", "<sip:switchboard@127.0.0.1>;tag=c1")
        headers.append("To", "<sip:\(user)@127.0.0.1>")
        headers.append("Call-ID", "\(branch)@127.0.0.1")
        headers.append("CSeq", "1 \(method)")
        headers.append("Contact", "<sip:switchboard@127.0.0.1:\(port)>")
        return SIPRequest(method: method, uri: "sip:\(user)@127.0.0.1", headers: headers)
    }

    @Test("L1 OPTIONS, a 486 and a 180-then-200 INVITE between two endpoints; the ACK of the 2xx reaches the callee's TU")
    func betweenEndpoints() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let seen = SIPEndpointTests.Recorder()
        let callee = SIPEndpoint(group: group) { incoming in
            seen.record(incoming.request.method)
            let user = (try? SIPNameAddress(parsing: incoming.request.headers["to"] ?? ""))?.sipURI?.user
            switch (incoming.request.method, user) {
            case (.invite, "busy"):
                incoming.respond(SIPResponse(answering: incoming.request, statusCode: 486, reasonPhrase: "Busy Here", toTag: "b1"))
            case (.invite, _):
                incoming.respond(SIPResponse(answering: incoming.request, statusCode: 180, reasonPhrase: "Ringing", toTag: "a1"))
                var extra = SIPHeaders()
                extra.append("Contact", "<sip:answer@127.0.0.1>")
                incoming.respond(SIPResponse(answering: incoming.request, statusCode: 200, reasonPhrase: "OK", toTag: "a1", extra: extra))
            case (.ack, _):
                break
            default:
                incoming.respond(SIPResponse(answering: incoming.request, statusCode: 200, reasonPhrase: "OK", toTag: "o1"))
            }
        }
        let caller = SIPEndpoint(group: group) { _ in }
        let calleePort = try await callee.bind(host: "127.0.0.1", port: 0)
        let callerPort = try await caller.bind(host: "127.0.0.1", port: 0)
        let peer = try SIPEndpoint.udpPeer(host: "127.0.0.1", port: calleePort)

        let options = Events()
        caller.send(Self.request(.options, to: "x", port: callerPort, branch: "z9hG4bKo1"), to: peer) { options.add($0) }
        let busy = Events()
        caller.send(Self.request(.invite, to: "busy", port: callerPort, branch: "z9hG4bKi1"), to: peer) { busy.add($0) }
        let answered = Events()
        let invite = Self.request(.invite, to: "answer", port: callerPort, branch: "z9hG4bKi2")
        caller.send(invite, to: peer) { answered.add($0) }
        try await SIPEndpointTests.waitFor { options.codes == [200] && busy.codes.contains(486) && answered.codes.contains(200) }
        #expect(options.codes == [200])
        #expect(busy.codes.filter { $0 >= 200 } == [486])
        #expect(answered.codes.filter { $0 >= 180 } == [180, 200])

        guard case .response(let ok)? = answered.all.last else { throw SIPParseError("no 200") }
        let dialog = try SIPDialog(sent: invite, answer: ok, localContact: "sip:switchboard@127.0.0.1:\(callerPort)")
        caller.sendStateless(dialog.makeACK(forInviteSequence: 1, via: SIPVia(transport: "UDP", host: "127.0.0.1", port: callerPort, branch: "z9hG4bKa2")), to: peer)
        try await SIPEndpointTests.waitFor { seen.methods.contains(.ack) }
        #expect(seen.methods.filter { $0 == .ack }.count == 1, "the 2xx's ACK reaches the TU; the 486's is the transaction's")
        #expect(seen.methods.filter { $0 == .invite }.count == 2)
        try await caller.close()
        try await callee.close()
        try await group.shutdownGracefully()
    }
}
