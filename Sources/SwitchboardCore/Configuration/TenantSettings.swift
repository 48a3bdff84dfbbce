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

    public init() {}

    /// The shortest ring timeout that still gives a phone time to ring (SIP.md).
    public static let minimumRingTimeoutSeconds = 2
}
