internal import NIOCore

/// UDP: each datagram is one message (§18.3); the handler only hands bytes to the endpoint.
final class SIPDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let endpoint: SIPEndpoint

    init(endpoint: SIPEndpoint) {
        self.endpoint = endpoint
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        endpoint.receive(bytes: Array(envelope.data.readableBytesView), from: .udp(envelope.remoteAddress))
    }
}

/// TCP: messages framed by Content-Length (§18.3); a framing error closes the connection after
/// the 400, as the stream cannot be resynchronised.
final class SIPStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let endpoint: SIPEndpoint
    private var pending: [UInt8] = []

    init(endpoint: SIPEndpoint) {
        self.endpoint = endpoint
    }

    func channelActive(context: ChannelHandlerContext) {
        endpoint.connectionOpened(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        endpoint.connectionClosed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        guard let address = context.channel.remoteAddress else { return }
        let peer = SIPPeer.tcp(address, ObjectIdentifier(context.channel))
        while !pending.isEmpty {
            do {
                guard let (message, consumed) = try SIPParser.parse(stream: pending) else { return }
                pending.removeFirst(consumed)
                endpoint.receive(message: message, from: peer)
            } catch {
                endpoint.refuse(error, from: peer)
                pending = []
                context.close(promise: nil)
                return
            }
        }
    }
}
