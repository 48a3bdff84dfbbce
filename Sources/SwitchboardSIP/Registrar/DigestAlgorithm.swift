internal import Crypto
public import SwitchboardCore

/// The digest algorithms a challenge offers (RFC 8760).
public enum DigestAlgorithm: String, Hashable, Sendable, CaseIterable {
    case sha256 = "SHA-256"
    case md5 = "MD5"

    /// The order of the challenges. RFC 8760 §2.4 asks for SHA-256 first, but phones on older
    /// stacks read only the first challenge and give up when they cannot answer it (baresip 1.0
    /// of Debian 12 does, as do many desk phones), so MD5 comes first; a phone that speaks only
    /// SHA-256 answers the second. The stored HA1s cover both, so either proves the password.
    public static let offered: [DigestAlgorithm] = [.md5, .sha256]

    /// The lower-case hex digest of `text` (RFC 7616 §3.4.1's H).
    public func hash(_ text: String) -> String {
        let bytes = Array(text.utf8)
        switch self {
        case .sha256: return Self.hex(SHA256.hash(data: bytes))
        case .md5: return Self.hex(Insecure.MD5.hash(data: bytes))
        }
    }

    /// HA1 = H(username:realm:password): what is stored instead of the password.
    public func ha1(username: String, realm: String, password: String) -> String {
        hash("\(username):\(realm):\(password)")
    }

    /// The algorithm named in a header (`SHA-256`, `MD5`; no name means MD5, RFC 2617).
    public init?(named name: String?) {
        guard let name else {
            self = .md5
            return
        }
        guard let algorithm = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) }) else { return nil }
        self = algorithm
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension String {
    /// Equal ignoring ASCII case.
    func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

extension DigestSecret {
    /// The secret of `username` in `realm` with `password`.
    public init(username: String, realm: String, password: String) {
        self.init(
            ha1SHA256: DigestAlgorithm.sha256.ha1(username: username, realm: realm, password: password),
            ha1MD5: DigestAlgorithm.md5.ha1(username: username, realm: realm, password: password))
    }

    /// HA1 under `algorithm`.
    public func ha1(_ algorithm: DigestAlgorithm) -> String {
        switch algorithm {
        case .sha256: ha1SHA256
        case .md5: ha1MD5
        }
    }
}
