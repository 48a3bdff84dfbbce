/// The tenant-wide settings of SPEC A an administrator changes (`/v1/admin/settings`).
public struct TenantSettings: Hashable, Sendable, Codable {
    /// A1: background noise removal on the customer's audio. On for a new tenant.
    public var noiseRemovalEnabled = true
    /// A2 / G1: record every call from the moment it connects.
    public var recordingEnabled = false
    /// A2 / G2: agents may pause recording for at most `privacyShieldSeconds`.
    public var privacyShieldEnabled = false
    public var privacyShieldSeconds = 60
    /// A3: how long an offer rings before RONA, unless the queue sets its own.
    public var ringTimeoutSeconds = 15
    /// A7 / J1: at most this many customer calls at once (nil: no tenant limit).
    public var concurrentCallLimit: Int?
    /// A7 / I3: a Cancel control replaces Ringing on web-callback offers.
    public var endCallForWebCallback = false
    /// E7 (*added*): when an agent target of a blind transfer does not accept, requeue the call
    /// (by its original arrival time) instead of dropping it.
    public var requeueOnTransferNotAccepted = false
    /// I3, I4: how long a callback's call rings the customer before the attempt is unanswered.
    public var callbackRingSeconds = 30
    /// I4: how many attempts the customer may leave unanswered before the callback ends.
    public var callbackMaxAttempts = 3
    /// I4: how long an unanswered callback waits before it queues again.
    public var callbackRetrySeconds = 300
    /// I1, I2: a callback nobody has reached this long after it was asked for ends (expired).
    public var callbackExpirySeconds = 86_400

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case noiseRemovalEnabled, recordingEnabled, privacyShieldEnabled, privacyShieldSeconds, ringTimeoutSeconds
        case concurrentCallLimit, endCallForWebCallback, requeueOnTransferNotAccepted, callbackRingSeconds
        case callbackMaxAttempts, callbackRetrySeconds, callbackExpirySeconds
    }

    /// A setting that a stored configuration does not have yet (written before it existed) takes
    /// its default.
    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TenantSettings()
        func value<Value: Decodable>(_ key: CodingKeys, _ fallback: Value) throws -> Value {
            try json.decodeIfPresent(Value.self, forKey: key) ?? fallback
        }
        noiseRemovalEnabled = try value(.noiseRemovalEnabled, defaults.noiseRemovalEnabled)
        recordingEnabled = try value(.recordingEnabled, defaults.recordingEnabled)
        privacyShieldEnabled = try value(.privacyShieldEnabled, defaults.privacyShieldEnabled)
        privacyShieldSeconds = try value(.privacyShieldSeconds, defaults.privacyShieldSeconds)
        ringTimeoutSeconds = try value(.ringTimeoutSeconds, defaults.ringTimeoutSeconds)
        concurrentCallLimit = try json.decodeIfPresent(Int.self, forKey: .concurrentCallLimit)
        endCallForWebCallback = try value(.endCallForWebCallback, defaults.endCallForWebCallback)
        requeueOnTransferNotAccepted = try value(.requeueOnTransferNotAccepted, defaults.requeueOnTransferNotAccepted)
        callbackRingSeconds = try value(.callbackRingSeconds, defaults.callbackRingSeconds)
        callbackMaxAttempts = try value(.callbackMaxAttempts, defaults.callbackMaxAttempts)
        callbackRetrySeconds = try value(.callbackRetrySeconds, defaults.callbackRetrySeconds)
        callbackExpirySeconds = try value(.callbackExpirySeconds, defaults.callbackExpirySeconds)
    }

    /// The shortest ring timeout that still gives a phone time to ring (SIP.md).
    public static let minimumRingTimeoutSeconds = 2
}
