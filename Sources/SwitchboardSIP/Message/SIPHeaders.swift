/// The header fields of a message in the order they arrived (§7.3). Names compare without case
/// and a compact form (`i`, `f`, `t`, `v`, `m`, `l`, `c`, `k`, `s`, `e`, `o`, `r`, `u`, `x`) is
/// the same field as its long name; values keep their text, with folded lines joined (§7.3.1).
public struct SIPHeaders: Hashable, Sendable, Sequence {
    /// One `name: value` line as received (`name` as written, `value` unfolded and trimmed).
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// The field's long name in lower case (`i` → `call-id`).
        public var canonicalName: String { SIPHeaders.canonical(name) }
    }

    public private(set) var fields: [Field] = []

    public init() {}

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    public var count: Int { fields.count }

    /// Appends a field (a message may repeat a name).
    public mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` with one of `value` (where the first was), or appends it.
    public mutating func set(_ name: String, _ value: String) {
        let key = Self.canonical(name)
        guard let first = fields.firstIndex(where: { $0.canonicalName == key }) else {
            append(name, value)
            return
        }
        let kept = Field(name: fields[first].name, value: value)
        var result: [Field] = []
        for (index, field) in fields.enumerated() {
            if index == first { result.append(kept) } else if field.canonicalName != key { result.append(field) }
        }
        fields = result
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        let key = Self.canonical(name)
        fields.removeAll { $0.canonicalName == key }
    }

    /// The first value of the field, if the message has it.
    public subscript(_ name: String) -> String? {
        let key = Self.canonical(name)
        return fields.first { $0.canonicalName == key }?.value
    }

    /// Every value of the field: each line's value, and each comma-separated element of one line
    /// for the fields that may be combined so (§7.3.1) — commas inside quotes or `<...>` stay.
    public func values(_ name: String) -> [String] {
        let key = Self.canonical(name)
        let lines = fields.filter { $0.canonicalName == key }.map(\.value)
        guard Self.listFields.contains(key) else { return lines }
        return lines.flatMap { SIPGrammar.splitList($0) }
    }

    /// Whether the message has the field.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Fields whose value is a comma-separated list (and may come on several lines).
    static let listFields: Set<String> = [
        "via", "contact", "route", "record-route", "allow", "supported", "require", "proxy-require", "unsupported",
        "accept", "accept-encoding", "accept-language", "content-encoding", "in-reply-to", "warning", "allow-events",
    ]

    /// The compact forms of RFC 3261 §7.3.3 and its extensions.
    static let compactForms: [String: String] = [
        "i": "call-id", "m": "contact", "e": "content-encoding", "l": "content-length", "c": "content-type",
        "f": "from", "s": "subject", "k": "supported", "t": "to", "v": "via", "o": "event", "r": "refer-to",
        "u": "allow-events", "x": "session-expires", "b": "referred-by",
    ]

    static func canonical(_ name: String) -> String {
        let lower = name.lowercased()
        return compactForms[lower] ?? lower
    }
}
