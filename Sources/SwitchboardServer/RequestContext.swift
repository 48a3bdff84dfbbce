import Foundation
import HTTPTypes
public import Hummingbird
public import HummingbirdWebSocket
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// The request context of every route: the caller, once their token is checked.
public struct SwitchboardContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<SwitchboardContext>
    /// Who sent the request; nil when no token came with it.
    public var principal: Principal?
    /// The bearer token the principal was read from (for sign-out).
    var bearerToken: String?
    /// The peer's IP address (what rate limits count by), when the connection has one.
    let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        principal = nil
        bearerToken = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The caller, who must hold one of `roles`.
    func require(_ roles: Role...) throws(APIError) -> Principal {
        guard let principal else { throw APIError.unauthorized }
        guard roles.contains(principal.role) else { throw APIError.forbidden }
        return principal
    }

    /// The calling agent's id (agents only: supervisors and admins have no tasks).
    func requireAgent() throws(APIError) -> (Principal, String) {
        let principal = try require(.agent)
        guard let agentID = principal.agentID else { throw APIError.forbidden }
        return (principal, agentID)
    }
}

extension Request {
    /// The body as JSON fields (an empty body reads as `{}`), refusing fields not in `allowed`.
    func fields(_ context: SwitchboardContext, limit: Int, allowed: Set<String>) async throws -> JSONFields {
        try JSONFields(try await json(context, limit: limit), allowed: allowed)
    }

    /// The body as any JSON value; malformed JSON and oversized bodies get their own errors.
    func json(_ context: SwitchboardContext, limit: Int) async throws -> JSONValue {
        let buffer: ByteBuffer
        do { buffer = try await body.collect(upTo: limit) } catch { throw APIError.bodyTooLarge }
        guard buffer.readableBytes > 0 else { return .object([:]) }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.invalidJSON
        }
    }
}

/// A JSON response with a status.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    let data = try encoder.encode(value)
    return Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// A response whose body is JSON already encoded.
func rawJSONResponse(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: json)))
}
