/// Reads SIP messages from bytes (RFC 3261 §7): a whole datagram (UDP), or the next message of
/// a stream (TCP, where Content-Length frames it). Bad input is a `SIPParseError` naming what is
/// wrong; no input makes it trap or read out of bounds, and sizes are bounded.
public enum SIPParser {
    /// The largest message taken (a UDP datagram's limit).
    public static let maximumMessageSize = 65_535
    /// The most header fields one message may have.
    public static let maximumHeaderFields = 256

    /// The message in one datagram. The body is the Content-Length bytes after the header
    /// section (what follows them is ignored, §18.3); without Content-Length, the rest.
    public static func parse(datagram bytes: some Collection<UInt8>) throws(SIPParseError) -> SIPMessage {
        let bytes = Array(bytes)
        guard bytes.count <= maximumMessageSize else { throw SIPParseError("Message too large") }
        var start = 0
        // Keep-alive line ends before a message are skipped (§7.5).
        while start < bytes.count, bytes[start] == SIPGrammar.carriageReturn || bytes[start] == SIPGrammar.lineFeed {
            start += 1
        }
        guard let (headEnd, bodyStart) = endOfHeaderSection(bytes, from: start) else {
            throw SIPParseError("No empty line after the header fields")
        }
        var message = try parseHead(bytes[start..<headEnd])
        let available = bytes.count - bodyStart
        let length = try contentLength(of: message, defaultingTo: available)
        guard length <= available else {
            throw SIPParseError(
                "Content-Length \(length) is larger than the \(available) bytes of body", headers: message.headers,
                isRequest: message.isRequest)
        }
        message.setBody(Array(bytes[bodyStart..<(bodyStart + length)]))
        return message
    }

    /// The first message of a stream and the bytes it took, or nil when more bytes are needed.
    /// Content-Length is required on a stream (§18.3); its absence is an error.
    public static func parse(stream bytes: some Collection<UInt8>) throws(SIPParseError) -> (SIPMessage, consumed: Int)? {
        let bytes = Array(bytes)
        var start = 0
        while start < bytes.count, bytes[start] == SIPGrammar.carriageReturn || bytes[start] == SIPGrammar.lineFeed {
            start += 1
        }
        guard let (headEnd, bodyStart) = endOfHeaderSection(bytes, from: start) else {
            guard bytes.count - start <= maximumMessageSize else { throw SIPParseError("Header section too large") }
            return nil
        }
        var message = try parseHead(bytes[start..<headEnd])
        guard message.headers.contains("content-length") else {
            throw SIPParseError("Content-Length is required over a stream", headers: message.headers, isRequest: message.isRequest)
        }
        let length = try contentLength(of: message, defaultingTo: 0)
        guard length <= maximumMessageSize else { throw SIPParseError("Body too large", headers: message.headers) }
        guard bytes.count - bodyStart >= length else { return nil }
        message.setBody(Array(bytes[bodyStart..<(bodyStart + length)]))
        return (message, bodyStart + length)
    }

    /// Where the header section ends (before its empty line) and the body begins. Lines end in
    /// CRLF; a bare LF is taken too.
    static func endOfHeaderSection(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count {
            if bytes[index] == SIPGrammar.lineFeed {
                let next = index + 1
                if next < bytes.count, bytes[next] == SIPGrammar.lineFeed { return (index, next + 1) }
                if next + 1 < bytes.count, bytes[next] == SIPGrammar.carriageReturn, bytes[next + 1] == SIPGrammar.lineFeed {
                    return (index, next + 2)
                }
            }
            index += 1
        }
        return nil
    }

    /// The start line and header fields, unfolded.
    static func parseHead(_ head: ArraySlice<UInt8>) throws(SIPParseError) -> SIPMessage {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        for index in head.indices where head[index] == SIPGrammar.lineFeed {
            var end = index
            if end > lineStart, head[end - 1] == SIPGrammar.carriageReturn { end -= 1 }
            lines.append(head[lineStart..<end])
            lineStart = index + 1
        }
        if lineStart < head.endIndex {
            var end = head.endIndex
            if head[end - 1] == SIPGrammar.carriageReturn { end -= 1 }
            lines.append(head[lineStart..<end])
        }
        guard let startLine = lines.first else { throw SIPParseError("Empty message") }
        let headers = try parseFields(lines.dropFirst())
        let text = String(decoding: startLine, as: UTF8.self)
        if text.hasPrefix("SIP/") {
            return .response(try parseStatusLine(text, headers: headers))
        }
        return .request(try parseRequest(text, headers: headers))
    }

    private static func parseFields(_ lines: ArraySlice<ArraySlice<UInt8>>) throws(SIPParseError) -> SIPHeaders {
        var unfolded: [[UInt8]] = []
        for line in lines {
            if let first = line.first, SIPGrammar.isWhitespace(first) {
                // A continuation line (§7.3.1): it joins the previous field with one space.
                guard !unfolded.isEmpty else { throw SIPParseError("A header line starts with white space") }
                unfolded[unfolded.count - 1].append(SIPGrammar.space)
                unfolded[unfolded.count - 1].append(contentsOf: line.drop { SIPGrammar.isWhitespace($0) })
            } else {
                unfolded.append(Array(line))
            }
        }
        guard unfolded.count <= maximumHeaderFields else { throw SIPParseError("Too many header fields") }
        var headers = SIPHeaders()
        for line in unfolded {
            guard let colon = line.firstIndex(of: SIPGrammar.colon) else {
                throw SIPParseError("A header line has no colon", headers: headers)
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let trimmedName = SIPGrammar.trimmed(name)
            guard SIPGrammar.isToken(trimmedName), trimmedName.utf8.count == name.utf8.count - trailingWhitespace(name) else {
                throw SIPParseError("A header name is not a token", headers: headers)
            }
            headers.append(trimmedName, SIPGrammar.trimmed(String(decoding: line[(colon + 1)...], as: UTF8.self)))
        }
        return headers
    }

    private static func trailingWhitespace(_ text: String) -> Int {
        text.utf8.reversed().prefix { SIPGrammar.isWhitespace($0) }.count
    }

    /// `Method SP Request-URI SP SIP-Version`: exactly two single spaces (§7.1).
    private static func parseRequest(_ line: String, headers: SIPHeaders) throws(SIPParseError) -> SIPRequest {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw SIPParseError("The request line is not Method SP Request-URI SP SIP-Version", headers: headers)
        }
        let method = String(parts[0])
        guard SIPGrammar.isToken(method) else { throw SIPParseError("The method is not a token", headers: headers) }
        try checkVersion(String(parts[2]), headers: headers, isRequest: true)
        let uri = String(parts[1])
        guard !uri.isEmpty, uri.contains(":"), !uri.hasPrefix("<"),
            uri.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw SIPParseError("The Request-URI is not an absolute URI", headers: headers)
        }
        let request = SIPRequest(method: SIPMethod(rawValue: method), uri: uri, headers: headers)
        try checkRequestFields(request)
        return request
    }

    private static func checkVersion(_ version: String, headers: SIPHeaders, isRequest: Bool) throws(SIPParseError) {
        guard version.uppercased() != "SIP/2.0" else { return }
        let numbers = version.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        if version.uppercased().hasPrefix("SIP/"), numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            throw SIPParseError("Version Not Supported", code: .versionNotSupported, headers: headers, isRequest: isRequest)
        }
        throw SIPParseError("The SIP version is malformed", headers: headers, isRequest: isRequest)
    }

    /// §8.1.1, §20: the fields every request carries, and a CSeq that names the method.
    private static func checkRequestFields(_ request: SIPRequest) throws(SIPParseError) {
        let headers = request.headers
        for name in ["via", "to", "from", "call-id", "cseq"] where !headers.contains(name) {
            throw SIPParseError("Missing \(SIPHeaders.displayName(name))", headers: headers)
        }
        for name in ["to", "from", "call-id", "cseq", "max-forwards", "content-length"] where headers.values(name).count > 1 {
            // Content-Length may repeat with the same value, checked below.
            if name == "content-length" { continue }
            throw SIPParseError("More than one \(SIPHeaders.displayName(name))", headers: headers)
        }
        let cseq: SIPCSeq
        do { cseq = try SIPCSeq(parsing: headers["cseq"] ?? "") } catch { throw SIPParseError(error.reason, headers: headers) }
        guard cseq.method == request.method else {
            throw SIPParseError("The CSeq method is not the request's", headers: headers)
        }
        do throws(SIPParseError) {
            _ = try headers.vias()
            for name in ["from", "to"] { _ = try SIPNameAddress(parsing: headers[name] ?? "") }
            for contact in headers.values("contact") { _ = try SIPNameAddress(parsing: contact) }
        } catch {
            throw SIPParseError(error.reason, headers: headers)
        }
        if let maxForwards = headers["max-forwards"] {
            guard let value = Int(maxForwards), (0...255).contains(value), maxForwards.allSatisfy(\.isASCIIDigit) else {
                throw SIPParseError("Max-Forwards is not 0 to 255", headers: headers)
            }
        }
    }

    /// `SIP-Version SP Status-Code SP Reason-Phrase` (§7.2); the phrase may be empty.
    private static func parseStatusLine(_ line: String, headers: SIPHeaders) throws(SIPParseError) -> SIPResponse {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw SIPParseError("The status line is malformed", headers: headers, isRequest: false) }
        try checkVersion(String(parts[0]), headers: headers, isRequest: false)
        guard parts[1].count == 3, parts[1].allSatisfy(\.isASCIIDigit), let code = Int(parts[1]), (100...699).contains(code) else {
            throw SIPParseError("The status code is not 100 to 699", headers: headers, isRequest: false)
        }
        return SIPResponse(statusCode: code, reasonPhrase: parts.count > 2 ? String(parts[2]) : "", headers: headers)
    }

    /// The body's length: one value, or several that agree; a number of at most 10 digits.
    private static func contentLength(of message: SIPMessage, defaultingTo fallback: Int) throws(SIPParseError) -> Int {
        let values = message.headers.values("content-length")
        guard !values.isEmpty else { return fallback }
        var lengths: Set<Int> = []
        for value in values {
            guard !value.isEmpty, value.count <= 10, value.allSatisfy(\.isASCIIDigit), let length = Int(value) else {
                throw SIPParseError("Content-Length is not a number", headers: message.headers, isRequest: message.isRequest)
            }
            lengths.insert(length)
        }
        guard lengths.count == 1, let length = lengths.first else {
            throw SIPParseError("Content-Length values disagree", headers: message.headers, isRequest: message.isRequest)
        }
        return length
    }
}

extension SIPMessage {
    var isRequest: Bool {
        if case .request = self { true } else { false }
    }

    mutating func setBody(_ body: [UInt8]) {
        switch self {
        case .request(var request):
            request.body = body
            self = .request(request)
        case .response(var response):
            response.body = body
            self = .response(response)
        }
    }
}

extension SIPHeaders {
    /// A field's name as RFC 3261 writes it (`call-id` → `Call-ID`), for messages and errors.
    static func displayName(_ canonical: String) -> String {
        switch canonical {
        case "call-id": "Call-ID"
        case "cseq": "CSeq"
        case "www-authenticate": "WWW-Authenticate"
        default: canonical.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        }
    }
}
