/// The value of From, To, Contact, Route and Record-Route (§20.10, §25.1): a display name, a URI
/// and header parameters (`tag`, `expires`, ...). With `<...>` the URI's own parameters stay in
/// the URI; without, every `;` parameter is the header's. `Contact: *` is `isWildcard`.
public struct SIPNameAddress: Hashable, Sendable, CustomStringConvertible {
    public var displayName: String?
    /// The URI as written (any scheme: `tel:` is allowed here).
    public var uri: String
    public var parameters: SIPParameters
    public var isWildcard = false

    public init(displayName: String? = nil, uri: String, parameters: SIPParameters = SIPParameters()) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    public init(parsing text: String) throws(SIPParseError) {
        let value = SIPGrammar.trimmed(text)
        if value == "*" {
            uri = "*"
            parameters = SIPParameters()
            isWildcard = true
            return
        }
        let bytes = Array(value.utf8)
        var quoted = false
        var escaped = false
        var open: Int?
        for (index, byte) in bytes.enumerated() {
            if quoted {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "<") {
                open = index
                break
            }
        }
        guard !quoted else { throw SIPParseError("A quoted display name is not closed") }
        if let open {
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else {
                throw SIPParseError("A <URI> is not closed")
            }
            let name = SIPGrammar.trimmed(String(decoding: bytes[..<open], as: UTF8.self))
            if name.hasPrefix("\"") {
                guard name.count >= 2, name.hasSuffix("\"") else { throw SIPParseError("A display name is malformed") }
                displayName = SIPGrammar.unquoted(name)
            } else if !name.isEmpty {
                // An unquoted display name is tokens (RFC 4475 §3.1.2.15: a comma needs quotes).
                guard name.split(whereSeparator: { $0 == " " || $0 == "\t" }).allSatisfy({ SIPGrammar.isToken($0) }) else {
                    throw SIPParseError("A display name with other than tokens is not quoted")
                }
                displayName = name
            }
            uri = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            guard !uri.utf8.contains(where: SIPGrammar.isWhitespace) else { throw SIPParseError("White space inside <URI>") }
            let rest = SIPGrammar.trimmed(String(decoding: bytes[(close + 1)...], as: UTF8.self))
            guard rest.isEmpty || rest.hasPrefix(";") else { throw SIPParseError("Text after a <URI>") }
            parameters = SIPParameters(parsing: rest)
        } else {
            let parts = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            uri = SIPGrammar.trimmed(parts[0])
            parameters = SIPParameters(parsing: parts.count > 1 ? String(parts[1]) : "")
            // §20: a URI with a comma, semicolon or question mark must be in <...>.
            guard !uri.contains(" "), !uri.contains(","), !uri.contains("?") else {
                throw SIPParseError("A URI with spaces, commas or headers is not in <>")
            }
        }
        guard uri.contains(":") else { throw SIPParseError("The address has no URI") }
    }

    /// The dialog tag (§19.3).
    public var tag: String? { parameters["tag"] }

    /// The URI, when it is a SIP or SIPS one.
    public var sipURI: SIPURI? { try? SIPURI(parsing: uri) }

    public var description: String {
        guard !isWildcard else { return "*" }
        let name = displayName.map { "\"\($0.replacingEscapes())\" " } ?? ""
        return "\(name)<\(uri)>\(parameters.text)"
    }
}
