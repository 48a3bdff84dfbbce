import Foundation
import SwitchboardCore

/// The `ETag` of one administrable resource (the settings, or one list): a digest of its body (its
/// JSON with sorted keys), so it changes exactly when what an administration page shows changes. A
/// page that sends it back as `If-Match` is told (412) when somebody changed that resource since,
/// and only then: a change to another list leaves it valid.
struct AdminTag: Equatable, Sendable, CustomStringConvertible {
    /// The quoted tag, as in the header.
    let description: String

    /// The tag of a body (FNV-1a, 64 bits: a version, not a secret).
    init(of body: Data) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        description = "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// A tag as a client sent it (`W/` and the quotes optional).
    init?(header: String) {
        var text = Substring(header.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        text = text.drop { $0 == "\"" }
        while text.last == "\"" { text = text.dropLast() }
        guard text.count == 16, text.allSatisfy(\.isHexDigit) else { return nil }
        description = "\"" + text.lowercased() + "\""
    }
}

/// What a change's `If-Match` asks of the resource (RFC 9110 §13.1.1): nothing (no header, or
/// `*`), or that its current tag is one of those listed. An entry that is no tag this server makes
/// matches nothing, so such a change is refused as stale (412) and the answer carries the tag to
/// reload with.
struct AdminPrecondition: Sendable {
    /// The tags listed; nil when any state will do.
    private let tags: [AdminTag]?

    init(header: String?) {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty, header != "*" else {
            tags = nil
            return
        }
        tags = header.split(separator: ",").compactMap { AdminTag(header: String($0)) }
    }

    /// Whether any state will do (no need to compute the current tag).
    var isUnconditional: Bool { tags == nil }

    func isMet(by current: AdminTag) -> Bool {
        tags.map { $0.contains(current) } ?? true
    }
}

/// The resource changed since the tag a change was based on (HTTP 412).
struct StaleAdminResource: Error {
    let current: AdminTag
}
