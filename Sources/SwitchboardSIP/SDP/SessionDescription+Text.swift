/// Reading and writing SDP text (RFC 4566 §5): `<type>=<value>` lines, CRLF (a bare LF is taken).
extension SessionDescription {
    public init(parsing text: String) throws(SDPError) {
        var origin: Origin?
        var sessionConnection: Connection?
        var media: [Media] = []
        var sessionLines: [String] = []
        var sessionName = "-"
        var sawVersion = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = String(rawLine)
            guard line.count >= 2, line.dropFirst().first == "=", let type = line.first else {
                throw SDPError(message: "An SDP line is not <type>=<value>: \(line.prefix(40))")
            }
            let value = String(line.dropFirst(2))
            switch type {
            case "v":
                guard value == "0" else { throw SDPError(message: "SDP version \(value) is not 0") }
                sawVersion = true
            case "o":
                origin = try Self.origin(value)
            case "s":
                sessionName = value
            case "c":
                let connection = try Self.connection(value)
                if media.isEmpty { sessionConnection = connection } else { media[media.count - 1].connection = connection }
            case "t":
                continue
            case "m":
                media.append(try Self.mediaLine(value))
            case "a" where !media.isEmpty:
                try Self.attribute(value, into: &media[media.count - 1])
            default:
                if media.isEmpty { sessionLines.append(line) } else { media[media.count - 1].otherLines.append(line) }
            }
        }
        guard sawVersion, let origin else { throw SDPError(message: "An SDP body needs v= and o= lines") }
        self.init(origin: origin, connection: sessionConnection, media: media)
        self.sessionName = sessionName
        self.otherLines = sessionLines
    }

    /// The description as text, lines ending in CRLF.
    public var text: String {
        var lines = [
            "v=\(version)",
            "o=\(origin.username) \(origin.sessionID) \(origin.sessionVersion) \(origin.address.text)",
            "s=\(sessionName)",
        ]
        if let connection { lines.append("c=\(connection.text)") }
        lines.append("t=0 0")
        lines += otherLines
        for section in media {
            lines.append("m=\(section.kind) \(section.port) \(section.transport) \(section.formats.map(String.init).joined(separator: " "))")
            if let connection = section.connection { lines.append("c=\(connection.text)") }
            for format in section.formats {
                if let map = section.rtpmaps[format] {
                    lines.append("a=rtpmap:\(format) \(map.encoding)/\(map.clockRate)\(map.channels.map { "/\($0)" } ?? "")")
                }
                if let fmtp = section.fmtps[format] { lines.append("a=fmtp:\(format) \(fmtp)") }
            }
            if let ptime = section.ptime { lines.append("a=ptime:\(ptime)") }
            lines.append("a=\(section.direction.rawValue)")
            lines += section.otherLines
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func origin(_ value: String) throws(SDPError) -> Origin {
        let parts = value.split(separator: " ")
        guard parts.count == 6, parts[3] == "IN", let version = UInt64(parts[2]) else {
            throw SDPError(message: "The o= line is not <user> <id> <version> IN <type> <address>")
        }
        return Origin(username: String(parts[0]), sessionID: String(parts[1]), sessionVersion: version, address: Connection(address: String(parts[5])))
    }

    private static func connection(_ value: String) throws(SDPError) -> Connection {
        let parts = value.split(separator: " ")
        guard parts.count == 3, parts[0] == "IN", parts[1] == "IP4" || parts[1] == "IP6" else {
            throw SDPError(message: "The c= line is not IN IP4|IP6 <address>")
        }
        // A multicast TTL (`/127`) is not ours to keep.
        return Connection(address: String(parts[2].split(separator: "/").first ?? parts[2]))
    }

    private static func mediaLine(_ value: String) throws(SDPError) -> Media {
        let parts = value.split(separator: " ")
        guard parts.count >= 4, let port = Int(parts[1].split(separator: "/").first ?? ""), (0...65_535).contains(port) else {
            throw SDPError(message: "The m= line is not <media> <port> <proto> <formats>")
        }
        let formats = parts.dropFirst(3).compactMap { Int($0) }.filter { (0...127).contains($0) }
        return Media(kind: String(parts[0]), port: port, transport: String(parts[2]), formats: formats)
    }

    private static func attribute(_ value: String, into media: inout Media) throws(SDPError) {
        let (name, rest) = value.firstIndex(of: ":").map { (String(value[..<$0]), String(value[value.index(after: $0)...])) }
            ?? (value, "")
        switch name {
        case "rtpmap":
            let parts = rest.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let format = Int(parts[0]) else { throw SDPError(message: "A rtpmap is malformed") }
            let codec = parts[1].split(separator: "/")
            guard codec.count >= 2, let rate = Int(codec[1]) else { throw SDPError(message: "A rtpmap is malformed") }
            media.rtpmaps[format] = RTPMap(encoding: String(codec[0]), clockRate: rate, channels: codec.count > 2 ? Int(codec[2]) : nil)
        case "fmtp":
            let parts = rest.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let format = Int(parts[0]) else { throw SDPError(message: "A fmtp is malformed") }
            media.fmtps[format] = String(parts[1])
        case "ptime":
            media.ptime = Int(rest)
        case "sendrecv", "sendonly", "recvonly", "inactive":
            media.direction = Direction(rawValue: name) ?? .sendrecv
        default:
            media.otherLines.append("a=\(value)")
        }
    }
}
