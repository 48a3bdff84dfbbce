/// A SIP or SIPS URI (§19.1): `sip:user:password@host:port;parameters?headers`. The user part
/// is kept unescaped (`%40` is `@`) and the host in lower case, so URIs that differ only in
/// escaping or the host's case are equal.
public struct SIPURI: Hashable, Sendable, CustomStringConvertible {
    /// `sip` or `sips`.
    public var scheme: String
    public var user: String?
    public var password: String?
    /// A host name or IPv4 address, or an IPv6 reference in brackets.
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters
    /// `?name=value` header fields the URI carries, unescaped.
    public var headers: [String: String]

    public init(
        scheme: String = "sip", user: String? = nil, host: String, port: Int? = nil, parameters: SIPParameters = SIPParameters()
    ) {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = [:]
    }

    public init(parsing text: String) throws(SIPParseError) {
        guard let colon = text.firstIndex(of: ":") else { throw SIPParseError("The URI has no scheme") }
        let scheme = text[..<colon].lowercased()
        guard scheme == "sip" || scheme == "sips" else { throw SIPParseError("Not a SIP URI: \(scheme)") }
        self.scheme = scheme
        var rest = Substring(text[text.index(after: colon)...])
        if let at = rest.firstIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let user = Self.unescaped(parts[0]), !user.isEmpty else { throw SIPParseError("The URI's user is malformed") }
            self.user = user
            if parts.count == 2 {
                guard let password = Self.unescaped(parts[1]) else { throw SIPParseError("The URI's password is malformed") }
                self.password = password
            }
        }
        var headerText: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            headerText = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        var parameterText: Substring = ""
        if let semicolon = rest.firstIndex(of: ";") {
            parameterText = rest[semicolon...]
            rest = rest[..<semicolon]
        }
        (host, port) = try Self.hostPort(rest)
        parameters = SIPParameters(parsing: String(parameterText))
        headers = [:]
        for pair in headerText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.unescaped(parts[0]), let value = Self.unescaped(parts.count > 1 ? parts[1] : "") else {
                throw SIPParseError("A URI header is malformed")
            }
            headers[name] = value
        }
    }

    /// `host[:port]`: a name of letters, digits, `-` and `.`, an IPv4 address, or `[IPv6]`.
    static func hostPort(_ text: Substring) throws(SIPParseError) -> (String, Int?) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw SIPParseError("An IPv6 reference is not closed") }
            host = text[...close]
            let inner = text[text.index(after: text.startIndex)..<close]
            guard !inner.isEmpty, inner.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw SIPParseError("An IPv6 reference is malformed")
            }
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw SIPParseError("Text after an IPv6 reference") }
                portText = after.dropFirst()
            }
        } else {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            if parts.count == 2 { portText = parts[1] }
            guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
                throw SIPParseError("The URI's host is malformed")
            }
        }
        var port: Int?
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let number = Int(portText),
                number <= 65_535
            else { throw SIPParseError("The URI's port is not 0 to 65535") }
            port = number
        }
        return (host.lowercased(), port)
    }

    /// `%XX` escapes resolved; nil for a broken escape.
    static func unescaped(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `user` characters written as they are (unreserved and user-unreserved, §25.1); others escaped.
    private static func escapedUser(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let plain: Bool =
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default: "-_.!~*'()&=+$,;?/".utf8.contains(byte)
                }
            result += plain ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return result
    }

    public var description: String {
        var text = "\(scheme):"
        if let user {
            text += Self.escapedUser(user)
            if let password { text += ":" + Self.escapedUser(password) }
            text += "@"
        }
        text += host
        if let port { text += ":\(port)" }
        text += parameters.text
        if !headers.isEmpty {
            text += "?" + headers.sorted { $0.key < $1.key }.map { "\(Self.escapedUser($0.key))=\(Self.escapedUser($0.value))" }
                .joined(separator: "&")
        }
        return text
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
