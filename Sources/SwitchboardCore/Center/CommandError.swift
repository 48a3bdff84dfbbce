/// A refused command: the API's error `code`, a machine-readable `reason`, and a sentence.
public struct CommandError: Error, Hashable, Sendable, Codable {
    public var code: Code
    /// Why, in snake_case (for `not_allowed_in_state`: the disabled control's reason).
    public var reason: String?
    public var message: String

    public init(_ code: Code, reason: String? = nil, _ message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    /// The error codes of API.md that the core produces; the server maps each to its status.
    public enum Code: String, Hashable, Sendable, Codable {
        case invalidRequest = "invalid_request"
        case invalidDialNumber = "invalid_dial_number"
        case notFound = "not_found"
        case taskNotFound = "task_not_found"
        case notAllowedInState = "not_allowed_in_state"
        case logoutBlockedByOffer = "logout_blocked_by_offer"
        case consultTargetUnavailable = "consult_target_unavailable"
        case concurrentCallLimit = "concurrent_call_limit"
        /// The tenant cannot take commands now (its event log failed).
        case unavailable = "unavailable"
    }

    static func notAllowed(_ reason: DisabledReason, _ message: String? = nil) -> CommandError {
        CommandError(.notAllowedInState, reason: reason.rawValue, message ?? reason.message)
    }
}
