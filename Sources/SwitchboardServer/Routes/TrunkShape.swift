import Foundation
import NIOCore
import SwitchboardCore

/// `/v1/admin/trunks` (L1, SIP.md "Calls"): a trunk peer's address (an IP address: INVITEs are
/// matched on where they come from), the port calls to it go to (5060 when null) and whether its
/// INVITEs must come from that port too, the directions it carries, and digest credentials whose
/// password is never shown (`passwordSet` tells whether there is one).
struct TrunkShape: AdminShape {
    enum Field: String, CodingKey, CaseIterable {
        case id, name, address, port, matchesPort, inbound, outbound, username, password, passwordSet
    }

    static let readOnlyFields: Set<String> = [Field.passwordSet.stringValue]
    static let writeOnlyFields: Set<String> = [Field.password.stringValue]

    let trunk: TrunkPeer
    init(_ trunk: TrunkPeer) { self.trunk = trunk }

    func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Field.self)
        try json.encode(trunk.id.rawValue, forKey: .id)
        try json.encode(trunk.name, forKey: .name)
        try json.encode(trunk.address, forKey: .address)
        try json.encode(trunk.port, forKey: .port)
        try json.encode(trunk.matchesPort, forKey: .matchesPort)
        try json.encode(trunk.inbound, forKey: .inbound)
        try json.encode(trunk.outbound, forKey: .outbound)
        try json.encode(trunk.username, forKey: .username)
        try json.encode(trunk.password != nil, forKey: .passwordSet)
    }

    static func item(from body: JSONFields, old: TrunkPeer?, id: String) throws(APIError) -> TrunkPeer {
        let address = try body.text(Field.address, old?.address, maxLength: 64)
        guard (try? SocketAddress(ipAddress: address, port: 0)) != nil else {
            throw body.invalid(Field.address, "\"address\" must be an IP address (INVITEs are matched on where they come from).")
        }
        let port: Int?
        if body.has(Field.port) {
            port = try body.integer(Field.port.stringValue)
            if let port, !(1...65535).contains(port) { throw body.invalid(Field.port, "\"port\" must be from 1 to 65535.") }
        } else {
            port = old?.port
        }
        let username = try optionalText(Field.username, in: body, old: old?.username)
        var password = old?.password
        if body.has(Field.password) {
            password = try body.string(Field.password)
            if let value = password, !(1...128).contains(value.utf8.count) {
                throw body.invalid(Field.password, "A password is 1 to 128 bytes.")
            }
        }
        if body.has(Field.password), password != nil, username == nil {
            throw body.invalid(Field.password, "A password needs a user name.")
        }
        return TrunkPeer(
            id: TrunkPeerID(id), name: try body.text(Field.name, old?.name), address: address, port: port,
            matchesPort: try body.flag(Field.matchesPort, old?.matchesPort, default: false),
            inbound: try body.flag(Field.inbound, old?.inbound, default: true),
            outbound: try body.flag(Field.outbound, old?.outbound, default: true), username: username,
            password: username == nil ? nil : password)
    }

    /// A text that may be null (or empty: none); absent keeps `old`.
    private static func optionalText(_ field: Field, in body: JSONFields, old: String?) throws(APIError) -> String? {
        guard body.has(field) else { return old }
        guard let value = try body.string(field)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard value.count <= 128 else { throw body.invalid(field, "\"\(field.stringValue)\" is at most 128 characters.") }
        return value
    }
}
