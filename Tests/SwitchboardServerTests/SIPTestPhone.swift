import Foundation
import NIOCore
import NIOPosix
import SwitchboardSIP
import Synchronization

/// A SIP phone for tests, over UDP on loopback: sends requests to the server and waits for the
/// final answers. It registers as a real phone does, answering the digest challenge with the
/// first algorithm offered.
final class SIPTestPhone: Sendable {
    let user: String
    let serverPort: Int
    private let channel: any Channel
    private let inbox: Inbox
    private let sequence = Mutex<Int>(0)

    /// The datagrams received, as parsed responses.
    final class Inbox: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        private let responses = Mutex<[SIPResponse]>([])

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = Array(unwrapInboundIn(data).data.readableBytesView)
            guard case .response(let response)? = try? SIPParser.parse(datagram: bytes) else { return }
            responses.withLock { $0.append(response) }
        }

        /// Takes the first final response to the request with this CSeq number.
        func takeFinal(cseq: Int) -> SIPResponse? {
            responses.withLock { responses in
                guard let index = responses.firstIndex(where: {
                    $0.statusCode >= 200 && $0.headers["cseq"]?.hasPrefix("\(cseq) ") == true
                }) else { return nil }
                return responses.remove(at: index)
            }
        }
    }

    init(user: String, serverPort: Int) async throws {
        self.user = user
        self.serverPort = serverPort
        let inbox = Inbox()
        self.inbox = inbox
        channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(inbox) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var port: Int { channel.localAddress?.port ?? 0 }
    var contact: String { "sip:\(user)@127.0.0.1:\(port)" }

    /// Sends `method` with `headers` (after the usual ones) and waits for its final answer.
    func request(_ method: SIPMethod, uri: String? = nil, headers extra: [(String, String)] = []) async throws -> SIPResponse {
        let cseq = sequence.withLock { value in
            value += 1
            return value
        }
        var headers = SIPHeaders()
        headers.append("Via", "SIP/2.0/UDP 127.0.0.1:\(port);branch=z9hG4bK\(user)x\(cseq)")
        headers.append("Max-Forwards", "70")
        headers.append("From", "<sip:\(user)@127.0.0.1>;tag=phone\(user)")
        headers.append("To", "<sip:\(user)@127.0.0.1>")
        headers.append("Call-ID", "test-\(user)-\(port)@127.0.0.1")
        headers.append("CSeq", "\(cseq) \(method.rawValue)")
        for (name, value) in extra { headers.append(name, value) }
        let request = SIPRequest(method: method, uri: uri ?? "sip:127.0.0.1:\(serverPort)", headers: headers)
        var buffer = ByteBuffer()
        buffer.writeBytes(SIPMessage.request(request).bytes)
        let server = try SocketAddress(ipAddress: "127.0.0.1", port: serverPort)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: buffer))
        for _ in 0..<500 {
            if let response = inbox.takeFinal(cseq: cseq) { return response }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw SIPTestPhoneError(message: "no final answer to \(method) \(cseq)")
    }

    /// REGISTER, answering the challenge with `password` (nil: with no credentials at all).
    func register(password: String? = "password", expires: Int = 3600) async throws -> SIPResponse {
        let contact = ("Contact", "<\(contact)>")
        let first = try await request(.register, headers: [contact, ("Expires", "\(expires)")])
        guard first.statusCode == 401, let password, let challenge = first.headers.values("www-authenticate").first else { return first }
        return try await request(
            .register, headers: [contact, ("Expires", "\(expires)"), ("Authorization", authorization(challenge, password: password))])
    }

    /// The `Authorization` a phone sends for a REGISTER under `challenge` (RFC 7616).
    func authorization(_ challenge: String, password: String) -> String {
        let fields = DigestCredentials(parsing: challenge.replacingOccurrences(of: "Digest ", with: "Digest username=\"x\", uri=\"x\", response=\"x\", "))!
        let algorithm = DigestAlgorithm(named: fields.algorithm)!
        let uri = "sip:127.0.0.1:\(serverPort)"
        let ha1 = algorithm.ha1(username: user, realm: fields.realm, password: password)
        let response = algorithm.hash("\(ha1):\(fields.nonce):00000001:0a4f113b:auth:\(algorithm.hash("REGISTER:\(uri)"))")
        return "Digest username=\"\(user)\", realm=\"\(fields.realm)\", nonce=\"\(fields.nonce)\", uri=\"\(uri)\", "
            + "response=\"\(response)\", algorithm=\(algorithm.rawValue), qop=auth, nc=00000001, cnonce=\"0a4f113b\""
    }

    func close() async { try? await channel.close() }
}

struct SIPTestPhoneError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
