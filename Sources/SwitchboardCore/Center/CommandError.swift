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
        /// The core met a state it cannot be in (a bug): the input is refused and not stored,
        /// and the engine stops the tenant until a restart rebuilds it.
        case internalFault = "internal_error"
    }

    /// A state the core cannot be in: see `Code.internalFault`.
    static func fault(_ message: String) -> CommandError {
        CommandError(.internalFault, reason: "core_fault", "Internal error: \(message).")
    }

    /// A transition that does not apply to the machine's state (a fault: every command is checked
    /// against its controls before anything moves).
    static func illegal(_ transition: String, in state: some Any) -> CommandError {
        fault("\(transition) is not possible in \(state)")
    }

    static func notAllowed(_ reason: DisabledReason, _ message: String? = nil) -> CommandError {
        CommandError(.notAllowedInState, reason: reason.rawValue, message ?? reason.message)
    }
}
