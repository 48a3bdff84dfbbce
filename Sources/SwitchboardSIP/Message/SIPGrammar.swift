/// The character classes and small scanners of RFC 3261 §25 the message module shares.
enum SIPGrammar {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A
    static let colon: UInt8 = 0x3A

    /// `token` characters: alphanumerics and `-.!%*_+\`'~`.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "_"),
            UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenCharacter)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// The text without spaces and tabs at either end.
    static func trimmed(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
            let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Splits `text` at `separator` where it is outside a quoted string and outside `<...>`.
    static func split(_ text: String, at separator: UInt8) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        var quoted = false
        var escaped = false
        var angle = false
        for byte in text.utf8 {
            if quoted {
                current.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: "<"): angle = true
            case UInt8(ascii: ">"): angle = false
            case separator where !angle:
                parts.append(String(decoding: current, as: UTF8.self))
                current = []
                continue
            default: break
            }
            current.append(byte)
        }
        parts.append(String(decoding: current, as: UTF8.self))
        return parts
    }

    /// The elements of a comma-separated header value (§7.3.1), trimmed, empty ones left out.
    static func splitList(_ value: String) -> [String] {
        split(value, at: UInt8(ascii: ",")).map { trimmed($0) }.filter { !$0.isEmpty }
    }

    /// `;name=value;flag` parameters after a header value or a URI: names in lower case, a flag
    /// has an empty value; a quoted value loses its quotes.
    static func parameters(_ text: String) -> [(name: String, value: String?)] {
        split(text, at: UInt8(ascii: ";")).compactMap { part in
            let item = trimmed(part)
            guard !item.isEmpty else { return nil }
            guard let equals = item.firstIndex(of: "=") else { return (item.lowercased(), nil) }
            let name = trimmed(item[..<equals]).lowercased()
            var value = trimmed(item[item.index(after: equals)...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = unquoted(value)
            }
            return (name, value)
        }
    }

    /// A quoted string's content with `\` escapes resolved.
    static func unquoted(_ quoted: String) -> String {
        var result: [UInt8] = []
        var escaped = false
        for byte in quoted.utf8.dropFirst().dropLast() {
            if escaped {
                result.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
