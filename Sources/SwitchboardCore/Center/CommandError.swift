/// A refused command: the API's error `code`, a machine-readable `reason`, and a sentence.
public struct CommandError: Error, Hashable, Sendable, Codable {
    public var code: Code
    /// Why, in snake_case (for `not_allowed_in_state`: the disabled control's reason).
    public var reason: String?
    public var message: String
    /// The request field that was refused (`values.caseNumber`), when one was.
    public var field: String?
    /// `cad_conflict`: the values and version saved now, secure ones masked (H4, K4).
    public var currentCallData: CallDataView?
    /// `concurrent_call_limit`: which limit was reached (J1).
    public var callLimit: CallLimit?

    public init(
        _ code: Code, reason: String? = nil, _ message: String, field: String? = nil,
        currentCallData: CallDataView? = nil
    ) {
        self.code = code
        self.reason = reason
        self.message = message
        self.field = field
        self.currentCallData = currentCallData
    }

    /// The error codes of API.md that the core produces; the server maps each to its status.
    public enum Code: String, Hashable, Sendable, Codable {
        case invalidRequest = "invalid_request"
        case invalidDialNumber = "invalid_dial_number"
        /// H1: a CAD value over 256 characters (`reason`: the variable).
        case valueTooLong = "value_too_long"
        case notFound = "not_found"
        case taskNotFound = "task_not_found"
        case notAllowedInState = "not_allowed_in_state"
        case logoutBlockedByOffer = "logout_blocked_by_offer"
        case consultTargetUnavailable = "consult_target_unavailable"
        case concurrentCallLimit = "concurrent_call_limit"
        /// H4, K4: a CAD save made from a version that is no longer the current one.
        case cadConflict = "cad_conflict"
        /// L2: station login to a dial number with no registered phone, when `sim` is off.
        case deviceNotRegistered = "device_not_registered"
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

/// An interaction's CAD as one agent may see it: the version, and every configured variable's
/// value in the administrator's order, secure ones masked (nil: no value).
public struct CallDataView: Hashable, Sendable, Codable {
    public var version: Int
    public var values: [Entry]

    public struct Entry: Hashable, Sendable, Codable {
        public var name: String
        public var value: String?
    }
}
