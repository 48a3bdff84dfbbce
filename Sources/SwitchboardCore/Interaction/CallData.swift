/// The call-associated data of one interaction (A5, H1–H4, K4), as a machine: a value per
/// variable name and a version that every saved change moves on by one. A save names the version
/// it was made from; a save made from an older version is stale and changes nothing, so the first
/// of two agents to save wins (H4).
public struct CallData: Hashable, Sendable {
    /// Values by variable name; a variable without a value has none here.
    public private(set) var values: [String: String]
    /// The version a conditional save must name (`cad.version`, `If-Match`).
    public private(set) var version: Int

    /// At most this many characters (Unicode scalars, as typed or pasted) in a value (H1).
    public static let maximumLength = 256

    init(values: [String: String], version: Int = 1) {
        self.values = values
        self.version = version
    }

    /// What a new interaction starts with: each variable's default, then what routing set.
    static func initial(for variables: [CADVariable], routing: [String: String]) -> CallData {
        var values: [String: String] = [:]
        for variable in variables {
            if let value = routing[variable.name] ?? variable.defaultValue, !value.isEmpty { values[variable.name] = value }
        }
        return CallData(values: values)
    }

    /// How a save went.
    enum SaveOutcome: Equatable {
        /// Stored: the version moved on, and these variables changed (sorted).
        case saved(changed: [String])
        /// Every value was already so: nothing moved.
        case unchanged
        /// Made from another version than the one now: nothing moved (H4, K4).
        case stale
    }

    /// H3, H4, K4: stores `changes` (an empty value clears a variable) if `expectedVersion` is the
    /// version now. The values must be valid already (`CADVariable.validate`).
    mutating func save(_ changes: [String: String], expecting expectedVersion: Int) -> SaveOutcome {
        guard expectedVersion == version else { return .stale }
        let changed = changes.filter { name, value in (values[name] ?? "") != value }.keys.sorted()
        guard !changed.isEmpty else { return .unchanged }
        for name in changed {
            let value = changes[name]!
            values[name] = value.isEmpty ? nil : value
        }
        version += 1
        return .saved(changed: changed)
    }
}

/// Snapshot format 2 stored the values as a flat object under `cad` (and a `cadVersion` beside
/// it that was always 1: nothing could change a value then); today's format stores both here.
extension CallData: Codable {
    private enum CodingKeys: String, CodingKey { case values, version }

    public init(from decoder: any Decoder) throws {
        // An old flat object holds only strings, so it never decodes as today's (its `version` is no integer).
        if let container = try? decoder.container(keyedBy: CodingKeys.self),
            let version = try? container.decode(Int.self, forKey: .version)
        {
            self.values = try container.decode([String: String].self, forKey: .values)
            self.version = version
        } else {
            self.values = try decoder.singleValueContainer().decode([String: String].self)
            self.version = 1
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
        try container.encode(version, forKey: .version)
    }
}
