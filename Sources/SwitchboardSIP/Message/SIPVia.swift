/// One Via entry (§20.42): `SIP/2.0/<transport> <sent-by>;branch=...;received=...;rport`.
public struct SIPVia: Hashable, Sendable, CustomStringConvertible {
    /// `UDP`, `TCP`, `TLS`, ... in upper case.
    public var transport: String
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters

    public init(transport: String, host: String, port: Int?, branch: String) {
        self.transport = transport.uppercased()
        self.host = host
        self.port = port
        var parameters = SIPParameters()
        parameters.set("branch", branch)
        self.parameters = parameters
    }

    public init(parsing text: String) throws(SIPParseError) {
        let value = SIPGrammar.trimmed(text)
        let semicolon = value.firstIndex(of: ";") ?? value.endIndex
        let head = value[..<semicolon]
        // "SIP / 2.0 / UDP host" may have spaces around the slashes (§25.1, LWS in SLASH).
        let words = head.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let protocolText = words.dropLast().joined()
        let protocolParts = protocolText.split(separator: "/", omittingEmptySubsequences: false)
        guard protocolParts.count == 3, protocolParts[0].uppercased() == "SIP", protocolParts[1] == "2.0",
            SIPGrammar.isToken(protocolParts[2]), let sentBy = words.last
        else { throw SIPParseError("A Via is not SIP/2.0/<transport> <host>") }
        transport = protocolParts[2].uppercased()
        (host, port) = try SIPURI.hostPort(sentBy)
        parameters = SIPParameters(parsing: String(value[semicolon...]))
    }

    /// The transaction's branch (§17.2.3): `z9hG4bK...` from RFC 3261 elements.
    public var branch: String? { parameters["branch"] }

    public var description: String {
        "SIP/2.0/\(transport) \(host)\(port.map { ":\($0)" } ?? "")\(parameters.text)"
    }
}

extension SIPHeaders {
    /// Every Via entry, topmost first.
    public func vias() throws(SIPParseError) -> [SIPVia] {
        var result: [SIPVia] = []
        for value in values("via") { result.append(try SIPVia(parsing: value)) }
        return result
    }
}
