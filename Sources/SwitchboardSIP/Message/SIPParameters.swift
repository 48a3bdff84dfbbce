/// `;name=value;flag` parameters in their order (§19.1.1, §20): names compare without case, a
/// flag has no value.
public struct SIPParameters: Hashable, Sendable, Sequence {
    public struct Parameter: Hashable, Sendable {
        /// In lower case.
        public var name: String
        public var value: String?
    }

    public private(set) var items: [Parameter] = []

    public init() {}

    init(parsing text: String) {
        items = SIPGrammar.parameters(text).map { Parameter(name: $0.name, value: $0.value) }
    }

    public func makeIterator() -> IndexingIterator<[Parameter]> { items.makeIterator() }

    /// The parameter's value: nil when absent, "" for a flag.
    public subscript(_ name: String) -> String? {
        let key = name.lowercased()
        guard let item = items.first(where: { $0.name == key }) else { return nil }
        return item.value ?? ""
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Sets (or with nil value, adds as a flag) a parameter, replacing one of that name.
    public mutating func set(_ name: String, _ value: String?) {
        let key = name.lowercased()
        if let index = items.firstIndex(where: { $0.name == key }) {
            items[index].value = value
        } else {
            items.append(Parameter(name: key, value: value))
        }
    }

    /// `;name=value;flag`, empty when there are none.
    public var text: String {
        items.map { item in item.value.map { ";\(item.name)=\(Self.quotedIfNeeded($0))" } ?? ";\(item.name)" }.joined()
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { SIPGrammar.isTokenCharacter($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "[")
            || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "&")
            || $0 == UInt8(ascii: "$")
        }
        guard !plain else { return value }
        return "\"" + value.replacingEscapes() + "\""
    }
}

extension String {
    /// `"` and `\` escaped for a quoted string.
    func replacingEscapes() -> String {
        var result = ""
        for character in self {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
