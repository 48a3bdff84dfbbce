/// A typed string identifier: `Identifier<AgentTag>` and `Identifier<TaskTag>` cannot be mixed up.
public struct Identifier<Tag>: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Identifier: CodingKeyRepresentable {
    public var codingKey: any CodingKey { Key(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension Identifier: Codable {
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public enum AgentTag {}
public enum TeamTag {}
public enum QueueTag {}
public enum EntryPointTag {}
public enum InteractionTag {}
public enum TaskTag {}
public enum CallTag {}
public enum ReasonTag {}
public enum ExpertTag {}
public enum AddressBookTag {}
public enum CADVariableTag {}
public enum CampaignTag {}
public enum TrunkPeerTag {}

public typealias AgentID = Identifier<AgentTag>
public typealias TeamID = Identifier<TeamTag>
public typealias QueueID = Identifier<QueueTag>
public typealias EntryPointID = Identifier<EntryPointTag>
public typealias InteractionID = Identifier<InteractionTag>
public typealias TaskID = Identifier<TaskTag>
/// The customer's call as the telephony provider names it (`callId` in the API).
public typealias CallID = Identifier<CallTag>
/// An idle or wrap-up reason.
public typealias ReasonID = Identifier<ReasonTag>
public typealias ExpertID = Identifier<ExpertTag>
public typealias AddressBookEntryID = Identifier<AddressBookTag>
public typealias CADVariableID = Identifier<CADVariableTag>
/// J2: a preview campaign.
public typealias CampaignID = Identifier<CampaignTag>
/// L1: a SIP trunk peer (a carrier or PBX).
public typealias TrunkPeerID = Identifier<TrunkPeerTag>
