/// `recording.state` in the API, as a machine (G1, G2): off until the call first connects on a
/// recording tenant, then recording, paused by Privacy Shield until a deadline, and off at the end.
public enum Recording: Hashable, Sendable, Codable {
    case off
    case recording
    case paused(until: Instant)

    public var stateName: String {
        switch self {
        case .off: "off"
        case .recording: "recording"
        case .paused: "paused"
        }
    }

    /// G1: recording starts when the call first connects; says whether it did.
    mutating func start() -> Bool {
        guard self == .off else { return false }
        self = .recording
        return true
    }

    /// G2: a pause of at most the administrator's duration.
    mutating func pause(until deadline: Instant) throws(CommandError) {
        guard self == .recording else { throw .illegal("pause recording", in: self) }
        self = .paused(until: deadline)
    }

    /// G2: by hand, or when the pause runs out.
    mutating func resume() throws(CommandError) {
        guard case .paused = self else { throw .illegal("resume recording", in: self) }
        self = .recording
    }

    /// When a pause ends, if paused.
    public var pausedUntil: Instant? {
        if case .paused(let until) = self { until } else { nil }
    }
}
