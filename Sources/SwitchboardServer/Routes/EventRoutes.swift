import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// `/v1/events`: events after a sequence number over plain HTTP, or a WebSocket that replays
/// from `since` and then goes live.
extension SwitchboardServer {
    static let maximumEventPage = 1000

    func addEventRoutes(to router: Router<SwitchboardContext>) {
        router.get("/v1/events") { request, context -> Response in
            var principal = try context.require(.agent, .supervisor, .admin)
            principal.wantsOwnEventsOnly = try Self.wantsOwnEventsOnly(request)
            let since = try Self.sequence(request.uri.queryParameters.get("since"), name: "since") ?? 0
            let limit = try Self.sequence(request.uri.queryParameters.get("limit"), name: "limit")
                .map { Int(min(max($0, 1), Int64(Self.maximumEventPage))) } ?? Self.maximumEventPage
            let (events, hasMore) = try self.visibleEvents(of: principal, after: since, limit: limit)
            let body = "{\"events\":[" + events.map(\.message).joined(separator: ",") + "],\"hasMore\":\(hasMore)}"
            return rawJSONResponse(body)
        }
    }

    /// The events `principal` may see after `sequence`, at most `limit`, and whether more follow.
    func visibleEvents(of principal: Principal, after sequence: Int64, limit: Int) throws -> ([StoredEvent], Bool) {
        var collected: [StoredEvent] = []
        var cursor = sequence
        while true {
            let page = try store.events(of: principal.tenant, after: cursor, limit: Self.maximumEventPage)
            for event in page where principal.maySee(event) {
                if collected.count == limit { return (collected, true) }
                collected.append(event)
            }
            guard let last = page.last, page.count == Self.maximumEventPage else { return (collected, false) }
            cursor = last.sequence
        }
    }

    func addEventSocket(to router: Router<SwitchboardContext>) {
        router.ws("/v1/events") { request, context in
            _ = try context.require(.agent, .supervisor, .admin)
            _ = try Self.sequence(request.uri.queryParameters.get("since"), name: "since")
            _ = try Self.wantsOwnEventsOnly(request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard var principal = context.requestContext.principal else { return }
            principal.wantsOwnEventsOnly = (try? Self.wantsOwnEventsOnly(context.request)) ?? false
            let since = (try? Self.sequence(context.request.uri.queryParameters.get("since"), name: "since")) ?? nil
            try await self.stream(to: outbound, principal: principal, since: since, inbound: inbound)
        }
    }

    /// Subscribes first, then replays what was stored after `since`, then forwards live events,
    /// skipping those the replay already sent: nothing is missed and nothing sent twice.
    private func stream(
        to outbound: WebSocketOutboundWriter, principal: Principal, since: Int64?, inbound: WebSocketInboundStream
    ) async throws {
        let runtime = try runtime(for: principal)
        try await runtime.hub.withSubscription(principal) { live, published in
            var sent = since ?? published
            if since != nil {
                while true {
                    let (events, hasMore) = try visibleEvents(of: principal, after: sent, limit: Self.maximumEventPage)
                    for event in events { try await outbound.write(.text(event.message)) }
                    if let last = events.last { sent = last.sequence }
                    if !hasMore { break }
                }
            }
            try await forward(live, after: sent, to: outbound, inbound: inbound)
        }
    }

    /// Sends the live events after `replayed` until the client leaves or falls too far behind.
    private func forward(
        _ live: AsyncStream<EventHub.Delivery>, after replayed: Int64, to outbound: WebSocketOutboundWriter,
        inbound: WebSocketInboundStream
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Reading the socket notices the client closing it (and answers its pings).
            group.addTask { for try await _ in inbound {} }
            group.addTask {
                var sent = replayed
                for await delivery in live {
                    switch delivery {
                    case .event(let event) where event.sequence > sent:
                        try await outbound.write(.text(event.message))
                        sent = event.sequence
                    case .event:
                        continue
                    case .overflowed:
                        try await outbound.close(.policyViolation, reason: "too slow: reconnect with since=\(sent)")
                        return
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// `scope=own` or `scope=all` (the default).
    static func wantsOwnEventsOnly(_ request: Request) throws(APIError) -> Bool {
        switch request.uri.queryParameters.get("scope") {
        case nil, "all": false
        case "own": true
        default: throw APIError.invalidRequest("\"scope\" must be own or all.", details: ["field": .string("scope")])
        }
    }

    static func sequence(_ text: String?, name: String) throws(APIError) -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw APIError.invalidRequest("\"\(name)\" must be a whole number of 0 or more.", details: ["field": .string(name)])
        }
        return value
    }
}
