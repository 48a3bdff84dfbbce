/// J1 (A7): the concurrent-call limits — the tenant's (`concurrentCallLimit`) and the deployment's
/// (`serve --max-calls`, reported to every tenant as `Input.deploymentCapacity`). They count the
/// customer and outside legs that are up; at a limit no further call is placed (a new inbound
/// call is refused busy, a dial-out is refused with the limit's reason code), and calls already
/// up are never touched.
extension ContactCenter {
    /// The customer and outside legs up now (a callback nobody is dialling has none).
    public var liveLegs: Int {
        var legs = 0
        for interaction in interactions.values where !interaction.isEnded {
            if interaction.callID != nil { legs += 1 }
            if interaction.consult?.externalLeg != nil { legs += 1 }
            if case .external = interaction.state { legs += 1 }
        }
        return legs
    }

    /// The limit that placing `legs` more would break, if one would.
    public func reachedLimit(placing legs: Int = 1) -> CallLimit? {
        if isDeploymentFull { return .deployment }
        if let limit = configuration.settings.concurrentCallLimit, liveLegs + legs > limit { return .tenant }
        return nil
    }

    /// Whether callbacks wait now: offering one would dial out over a limit, counting the
    /// callbacks and outdials already ringing an agent (each dials out once answered).
    var holdsCallbacksAtLimit: Bool {
        guard hasCallLimit else { return false }
        let pending = interactions.values.count { interaction in
            interaction.offer != nil && interaction.callback != nil && interaction.callID == nil
        }
        return reachedLimit(placing: 1 + pending) != nil
    }

    /// Whether any limit applies now (without one, nothing is counted).
    var hasCallLimit: Bool { isDeploymentFull || configuration.settings.concurrentCallLimit != nil }

    /// Whether a callback waits in a queue (routing holds such ones back at a limit).
    var isHoldingCallbacks: Bool {
        queues.waiting.values.contains { entries in
            entries.contains { $0.kind == .customer && interactions[$0.interactionID]?.callID == nil }
        }
    }

    /// Refuses to place a call at a limit (409 `concurrent_call_limit`, the limit and its code).
    func refuseAtCallLimit(_ what: String) throws(CommandError) {
        guard let limit = reachedLimit() else { return }
        throw CommandError.callLimit(limit, what)
    }

    /// The deployment filled up or has room again: every tenant hears it as an input, so what
    /// it refused meanwhile replays the same.
    mutating func setDeploymentFull(_ full: Bool, in step: inout Step) {
        guard full != isDeploymentFull else { return }
        isDeploymentFull = full
        // Room again: a callback held back by the limit may be offered now.
        if !full { step.mayRoute = true }
    }
}

extension CommandError {
    /// J1: `what` would place a call over `limit`.
    public static func callLimit(_ limit: CallLimit, _ what: String) -> CommandError {
        var error = CommandError(
            .concurrentCallLimit, reason: limit.reason,
            "\(what) is not possible: the \(limit.rawValue)'s concurrent-call limit is reached (\(limit.reasonCode)).")
        error.callLimit = limit
        return error
    }
}

/// J1, A7: which concurrent-call limit refused a call; each has its own reason code.
public enum CallLimit: String, Hashable, Sendable, Codable {
    /// The tenant administrator's `concurrentCallLimit`.
    case tenant
    /// The whole deployment's `serve --max-calls`.
    case deployment

    /// `details.reason` of the refusal.
    public var reason: String { "\(rawValue)_call_limit" }

    /// The reason code the desktop shows (A7).
    public var reasonCode: String {
        switch self {
        case .tenant: "CCL-TENANT"
        case .deployment: "CCL-DEPLOYMENT"
        }
    }
}
