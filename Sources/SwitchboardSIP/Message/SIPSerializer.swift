/// Writes messages as bytes (§7): the start line, each header field as `Name: value` in order,
/// a Content-Length that matches the body (written last among the fields, replacing any other),
/// the empty line and the body. Parsing what it writes gives the same message back.
extension SIPMessage {
    public var bytes: [UInt8] {
        var text = ""
        switch self {
        case .request(let request): text = "\(request.method) \(request.uri) SIP/2.0\r\n"
        case .response(let response): text = "SIP/2.0 \(response.statusCode) \(response.reasonPhrase)\r\n"
        }
        for field in headers where field.canonicalName != "content-length" {
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "Content-Length: \(body.count)\r\n\r\n"
        return Array(text.utf8) + body
    }
}

extension SIPResponse {
    /// The response a user agent server sends to `request` (§8.2.6): Via, From, To (with `toTag`
    /// added when the request's To has none and the status is above 100), Call-ID and CSeq
    /// copied; `extra` fields after them.
    public init(answering request: SIPRequest, statusCode: Int, reasonPhrase: String, toTag: String? = nil,
                extra: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        self.init(answering: request.headers, statusCode: statusCode, reasonPhrase: reasonPhrase, toTag: toTag, extra: extra,
                  body: body)
    }

    /// The response to a request of which only `headers` could be read (a 400 to a malformed one).
    public init(answering headers: SIPHeaders, statusCode: Int, reasonPhrase: String, toTag: String? = nil,
                extra: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        var fields = SIPHeaders()
        for field in headers where field.canonicalName == "via" { fields.append("Via", field.value) }
        for name in ["from", "to", "call-id", "cseq"] {
            guard var value = headers[name] else { continue }
            if name == "to", let toTag, statusCode > 100, (try? SIPNameAddress(parsing: value))?.tag == nil {
                value += ";tag=\(toTag)"
            }
            fields.append(SIPHeaders.displayName(name), value)
        }
        for field in extra { fields.append(field.name, field.value) }
        self.init(statusCode: statusCode, reasonPhrase: reasonPhrase, headers: fields, body: body)
    }
}
