public import SwitchboardCore

/// Everything the engine needs to start again where it was, without replaying from the start.
///
/// Stored with its format: 1 is the flat records of release 2026-11 (`ContactCenterV1`), read and
/// upgraded into today's machines; 2 is today's. A snapshot of a newer format than this release
/// knows is refused rather than misread.
public struct EngineSnapshot: Sendable, Codable {
    /// The format this release writes.
    public static let currentFormat = 2

    /// The last input the snapshot includes.
    public var position: Int64
    public var sequence: Int64
    public var center: ContactCenter
    /// The remembered request ids, oldest first.
    public var idempotency: [IdempotencyRecord] {
        get { cache?.records ?? records }
        set {
            records = newValue
            cache = nil
        }
    }
    private var records: [IdempotencyRecord]
    /// The engine's cache as it was (a copy-on-write value): its records are listed only when the
    /// snapshot is stored, on the journal's thread, not on the tenant's executor.
    private var cache: IdempotencyCache?

    public init(position: Int64, sequence: Int64, center: ContactCenter, idempotency: [IdempotencyRecord]) {
        self.position = position
        self.sequence = sequence
        self.center = center
        self.records = idempotency
    }

    init(position: Int64, sequence: Int64, center: ContactCenter, idempotencyCache: IdempotencyCache) {
        self.init(position: position, sequence: sequence, center: center, idempotency: [])
        self.cache = idempotencyCache
    }

    private enum CodingKeys: String, CodingKey {
        case format, position, sequence, center, idempotency
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decodeIfPresent(Int.self, forKey: .format) ?? 1
        position = try container.decode(Int64.self, forKey: .position)
        sequence = try container.decode(Int64.self, forKey: .sequence)
        records = try container.decode([IdempotencyRecord].self, forKey: .idempotency)
        switch format {
        case 1:
            let legacy = try container.decode(ContactCenterV1.self, forKey: .center)
            do { center = try legacy.upgraded() } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .center, in: container, debugDescription: "snapshot format 1: \(error)")
            }
        case Self.currentFormat:
            center = try container.decode(ContactCenter.self, forKey: .center)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "snapshot format \(format) is newer than this release reads (\(Self.currentFormat))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.currentFormat, forKey: .format)
        try container.encode(position, forKey: .position)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(center, forKey: .center)
        try container.encode(idempotency, forKey: .idempotency)
    }
}
