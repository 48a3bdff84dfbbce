public import SwitchboardCore

/// SIP.md: after `maximumFailures` failed authentications from one source address within
/// `window`, that address gets 403 to everything for `blockFor`. Being challenged is no failure.
/// Memory is bounded: an address is forgotten once its failures and its block are over.
public struct AuthenticationThrottle: Sendable {
    public var maximumFailures = 10
    public var window: Duration = .seconds(60)
    public var blockFor: Duration = .seconds(60)
    private var failures: [String: [Instant]] = [:]
    private var blockedUntil: [String: Instant] = [:]

    public init() {}

    /// Whether `source` is refused now.
    public mutating func isBlocked(_ source: String, at now: Instant) -> Bool {
        guard let until = blockedUntil[source] else { return false }
        if until <= now {
            blockedUntil[source] = nil
            return false
        }
        return true
    }

    /// A failed authentication from `source`; answers whether it is blocked from now.
    @discardableResult
    public mutating func recordFailure(from source: String, at now: Instant) -> Bool {
        let since = Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - window.wholeMilliseconds)
        var recent = (failures[source] ?? []).filter { $0 > since }
        recent.append(now)
        if recent.count >= maximumFailures {
            failures[source] = nil
            blockedUntil[source] = now.advanced(by: blockFor)
            return true
        }
        failures[source] = recent
        return false
    }

    /// Forgets what no longer matters (call now and then).
    public mutating func prune(at now: Instant) {
        let since = Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - window.wholeMilliseconds)
        failures = failures.compactMapValues { times in
            let recent = times.filter { $0 > since }
            return recent.isEmpty ? nil : recent
        }
        blockedUntil = blockedUntil.filter { $0.value > now }
    }
}

