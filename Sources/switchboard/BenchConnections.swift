import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// The load generator's HTTP/1.1 connection: kept alive, one request at a time, on SwiftNIO
/// directly (no task hops per request, so the generator leaves the cores to the server it
/// measures). Used only on its channel's event loop, except `request`, which hops there.
final class BenchHTTPConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    struct Response: Sendable {
        var status: Int
        var body: ByteBuffer
        var text: String { String(buffer: body) }
    }

    struct ConnectionClosed: Error {}

    let channel: any Channel
    private var pending: EventLoopPromise<Response>?
    private var status = 0
    private var body = ByteBuffer()

    private init(channel: any Channel) { self.channel = channel }

    var eventLoop: any EventLoop { channel.eventLoop }

    /// Connects to the server on `port`, on `eventLoop`.
    static func connect(port: Int, on eventLoop: any EventLoop) async throws -> BenchHTTPConnection {
        try await ClientBootstrap(group: eventLoop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connect(host: "127.0.0.1", port: port)
            .flatMapThrowing { channel in
                let connection = BenchHTTPConnection(channel: channel)
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                try channel.pipeline.syncOperations.addHandler(connection)
                return connection
            }.get()
    }

    /// Sends a request; its answer completes the future. Call on the event loop, with nothing in
    /// flight.
    func send(_ method: HTTPMethod, _ path: String, token: String?, body: String?) -> EventLoopFuture<Response> {
        eventLoop.preconditionInEventLoop()
        precondition(pending == nil, "one request at a time")
        let promise = eventLoop.makePromise(of: Response.self)
        pending = promise
        var headers = HTTPHeaders([("Host", "127.0.0.1")])
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        if let body {
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: "\(body.utf8.count)")
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: body))), promise: nil)
        } else {
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return promise.futureResult
    }

    /// `send`, from anywhere.
    func request(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil) async throws -> Response {
        try await eventLoop.flatSubmit { self.send(method, path, token: token, body: body) }.get()
    }

    func close() async { try? await channel.close() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            let promise = pending
            pending = nil
            promise?.succeed(Response(status: status, body: body))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.fail(ConnectionClosed())
        pending = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        pending?.fail(error)
        pending = nil
        context.close(promise: nil)
    }
}

/// The load generator's event socket (`/v1/events` over WebSocket): hands each text message's
/// bytes to `onMessage`, on the channel's event loop.
final class BenchEventSocket: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    struct UpgradeRefused: Error {}

    private let onMessage: (ByteBuffer) -> Void
    /// A message that arrived in several frames, until its last.
    private var partial: ByteBuffer?
    private var channel: (any Channel)?

    private init(onMessage: @escaping (ByteBuffer) -> Void) { self.onMessage = onMessage }

    /// Opens the socket at `path` and returns its channel once the upgrade is done.
    static func open(
        port: Int, path: String, on eventLoop: any EventLoop, onMessage: @escaping @Sendable (ByteBuffer) -> Void
    ) async throws -> any Channel {
        let upgraded = eventLoop.makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: eventLoop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: 1 << 22) { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(BenchEventSocket(onMessage: onMessage))
                        upgraded.succeed()
                    }
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(
                        withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        channel.closeFuture.whenComplete { _ in upgraded.fail(UpgradeRefused()) }
        let head = HTTPRequestHead(
            version: .http1_1, method: .GET, uri: path, headers: HTTPHeaders([("Host", "127.0.0.1"), ("Content-Length", "0")]))
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil))
        try await upgraded.futureResult.get()
        return channel
    }

    func handlerAdded(context: ChannelHandlerContext) { channel = context.channel }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text where frame.fin:
            onMessage(frame.unmaskedData)
        case .text:
            partial = frame.unmaskedData
        case .continuation:
            var data = frame.unmaskedData
            partial?.writeBuffer(&data)
            if frame.fin, let message = partial {
                partial = nil
                onMessage(message)
            }
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            context.close(promise: nil)
        default:
            break
        }
    }

    /// Says goodbye (normal closure) and closes the connection.
    static func close(_ channel: any Channel) async {
        var code = ByteBuffer()
        code.write(webSocketErrorCode: .normalClosure)
        let goodbye = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: code)
        try? await channel.writeAndFlush(goodbye)
        try? await channel.close()
    }
}
