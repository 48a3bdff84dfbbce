import Crypto

/// The SHA-256 of a bearer token, in hex: what the store keeps instead of the token, so a copy
/// of the database names no token anybody could sign in with. Tokens are 256 random bits, so an
/// unsalted fast hash is enough: there is nothing to guess from a digest.
public struct TokenDigest: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    /// The digest of `token`.
    public init(of token: String) {
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        hex = String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A digest as stored.
    init(hex: String) { self.hex = hex }

    public var description: String { hex }
}
