import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// An error as the API answers it: `{"error":{"code","message","details"}}` with its status.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    let code: String
    let message: String
    var details: [String: JSONValue]
    /// 429: when the caller may try again (`Retry-After`).
    var retryAfterSeconds: Int?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [String: JSONValue] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    static func invalidRequest(_ message: String, details: [String: JSONValue] = [:]) -> APIError {
        APIError(.badRequest, "invalid_request", message, details: details)
    }

    static let invalidJSON = APIError(.badRequest, "invalid_json", "The body is not valid JSON.")
    static let unauthorized = APIError(.unauthorized, "unauthorized", "Sign in first: send a valid bearer token.")
    static let forbidden = APIError(.forbidden, "forbidden", "Your role may not do this.")
    static let notFound = APIError(.notFound, "not_found", "There is nothing here.")
    static let taskNotFound = APIError(.notFound, "task_not_found", "No such task.")
    static let bodyTooLarge = APIError(.contentTooLarge, "body_too_large", "The body is too large.")
    static let rateLimited = APIError(.tooManyRequests, "rate_limited", "Too many requests; try again shortly.")

    /// A refused command, with the status its code stands for (API.md).
    init(_ error: CommandError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .invalidRequest, .invalidDialNumber, .valueTooLong: .badRequest
            case .notFound, .taskNotFound: .notFound
            case .notAllowedInState, .logoutBlockedByOffer, .consultTargetUnavailable, .concurrentCallLimit, .cadConflict,
                .deviceNotRegistered:
                .conflict
            case .unavailable: .serviceUnavailable
            case .internalFault: .internalServerError
            }
        var details: [String: JSONValue] = [:]
        if let reason = error.reason { details["reason"] = .string(reason) }
        if let field = error.field { details["field"] = .string(field) }
        if error.code == .valueTooLong { details["maximumLength"] = .number(Double(CallData.maximumLength)) }
        if let limit = error.callLimit {
            // J1, A7: which limit, and its reason code for the desktop.
            details["limit"] = .string(limit.rawValue)
            details["code"] = .string(limit.reasonCode)
        }
        if let current = error.currentCallData {
            // H4, K4: what is saved now, so the client can show it in place of the stale edit.
            var values: [String: JSONValue] = [:]
            for entry in current.values { values[entry.name] = entry.value.map(JSONValue.string) ?? .null }
            details["values"] = .object(values)
            details["version"] = .number(Double(current.version))
        }
        self.init(status, error.code.rawValue, error.message, details: details)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(ErrorResource(self))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
