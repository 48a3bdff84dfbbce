/// What is kept of a SIP password (L2): HA1 = H(username:realm:password) for each digest
/// algorithm a phone may answer with (RFC 7616, RFC 8760), never the password itself. The SIP
/// module computes it from a password and checks answers against it.
public struct DigestSecret: Hashable, Sendable, Codable {
    /// HA1 under SHA-256, lower-case hex.
    public var ha1SHA256: String
    /// HA1 under MD5, lower-case hex, for phones that only speak MD5.
    public var ha1MD5: String

    public init(ha1SHA256: String, ha1MD5: String) {
        self.ha1SHA256 = ha1SHA256
        self.ha1MD5 = ha1MD5
    }
}
