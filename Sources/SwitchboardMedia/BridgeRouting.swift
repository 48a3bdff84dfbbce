public import NIOCore

/// Who hears whom in one call's media bridge, and what each packet becomes: a value with no I/O
/// (`MediaBridge` does the sockets). The parties that talk (`talking`) each hear every other one
/// that is connected; the rest hear nothing. A party that hears exactly one other gets that
/// party's packets as they came, rewritten in place to its own payload types (transcoded between
/// μ-law and A-law when the two differ, RFC 4733 events mapped to its event type); a party that
/// hears two or more gets a mix, one 20 ms packet per `mix` tick in a stream of its own.
public struct BridgeRouting: Sendable {
    /// A party's negotiated audio: its G.711 law, payload type, and telephone-event payload type.
    public struct Format: Hashable, Sendable {
        public var law: G711.Law
        public var payloadType: UInt8
        public var telephoneEventPayloadType: UInt8?

        public init(law: G711.Law, payloadType: UInt8, telephoneEventPayloadType: UInt8? = nil) {
            self.law = law
            self.payloadType = payloadType
            self.telephoneEventPayloadType = telephoneEventPayloadType
        }
    }

    /// Counts for what one party sent us.
    public struct Counters: Hashable, Sendable {
        /// Packets passed on to the one party hearing it.
        public var forwarded = 0
        /// Frames taken into a mix.
        public var mixed = 0
        /// Packets no one hears (hold, not yet bridged), or that are not RTP.
        public var dropped = 0
    }

    /// Samples in one 20 ms frame at 8 kHz.
    public static let frameSamples = 160

    struct Member: Sendable {
        var remote: SocketAddress?
        /// Set once a packet arrived: from then on the party is reached where it sends from.
        var isLatched = false
        var format: Format?
        var counters = Counters()
        var frames = FrameQueue()
        /// The party's own outgoing stream, for mixes.
        var output = OutgoingStream()

        var isConnected: Bool { remote != nil && format != nil }
    }

    private(set) var members: [String: Member] = [:]
    private var talking: Set<String> = []
    /// For each connected talker, the connected talkers it hears.
    private var hearing: [String: [String]] = [:]

    public init() {}

    /// Adds a party (no address yet, so it neither hears nor is heard).
    public mutating func add(_ party: String) {
        if members[party] == nil { members[party] = Member() }
        rebuild()
    }

    public mutating func remove(_ party: String) {
        members[party] = nil
        rebuild()
    }

    /// Where the party's media goes (from its SDP, until its packets say otherwise) and its format.
    public mutating func connect(_ party: String, to address: SocketAddress, format: Format) {
        guard var member = members[party] else { return }
        if !member.isLatched { member.remote = address }
        member.format = format
        members[party] = member
        rebuild()
    }

    /// The parties that talk together now; all others hear nothing.
    public mutating func setTalking(_ parties: Set<String>) {
        talking = parties
        rebuild()
    }

    /// Whether any party hears a mix (the bridge then ticks every 20 ms).
    public var isMixing: Bool { hearing.values.contains { $0.count > 1 } }

    public func counters(for party: String) -> Counters { members[party]?.counters ?? Counters() }

    /// Who `party` hears now.
    public func heard(by party: String) -> [String] { hearing[party] ?? [] }

    private mutating func rebuild() {
        let connected = talking.filter { members[$0]?.isConnected == true }.sorted()
        hearing = [:]
        guard connected.count > 1 else { return }
        for listener in connected { hearing[listener] = connected.filter { $0 != listener } }
    }

    // MARK: Packets

    /// A packet from `party`, arrived from `source`: the party it goes to, if any, with `packet`
    /// rewritten for that party. A frame for a mix is kept instead (nil).
    public mutating func received(_ packet: inout ByteBuffer, from party: String, source: SocketAddress) -> (to: String, SocketAddress)? {
        // The sender's member is changed in place (`members[party]!`), never copied out and
        // back: a copy would duplicate its frame storage on every packet of a mix.
        guard members[party] != nil else { return nil }
        guard let header = RTPHeader(packet) else {
            members[party]!.counters.dropped += 1
            return nil
        }
        members[party]!.remote = source
        members[party]!.isLatched = true
        guard let format = members[party]!.format, let listeners = hearing[party] else {
            members[party]!.counters.dropped += 1
            return nil
        }
        if listeners.count > 1 {
            // Three or more talk: every listener hears a mix; only audio goes into it.
            guard header.payloadType == format.payloadType else {
                members[party]!.counters.dropped += 1
                return nil
            }
            let payload = header.payloadOffset..<header.payloadOffset + header.payloadLength
            packet.withUnsafeReadableBytes { bytes in
                members[party]!.frames.push(UnsafeRawBufferPointer(rebasing: bytes[payload]), law: format.law)
            }
            members[party]!.counters.mixed += 1
            return nil
        }
        let listener = listeners[0]
        guard let target = members[listener], let targetFormat = target.format, let address = target.remote,
            Self.rewrite(&packet, header: header, from: format, to: targetFormat)
        else {
            members[party]!.counters.dropped += 1
            return nil
        }
        members[party]!.counters.forwarded += 1
        return (listener, address)
    }

    /// Rewrites a packet from a party speaking `source` for one speaking `target`; false when the
    /// target cannot take it (an event to a party that has no event type, or a payload type we do
    /// not relay).
    static func rewrite(_ packet: inout ByteBuffer, header: RTPHeader, from source: Format, to target: Format) -> Bool {
        let payloadType: UInt8
        switch header.payloadType {
        case source.payloadType:
            payloadType = target.payloadType
            if source.law != target.law {
                packet.withUnsafeMutableReadableBytes { bytes in
                    for index in header.payloadOffset..<header.payloadOffset + header.payloadLength {
                        bytes[index] = G711.transcode(bytes[index], to: target.law)
                    }
                }
            }
        case source.telephoneEventPayloadType:
            guard let events = target.telephoneEventPayloadType else { return false }
            payloadType = events
        default:
            return false
        }
        if payloadType != header.payloadType {
            packet.setInteger((header.marker ? 0x80 : 0) | payloadType, at: packet.readerIndex + 1)
        }
        return true
    }

    // MARK: Mixing

    /// One 20 ms tick: each party that hears a mix gets the sum of one frame from each party it
    /// hears (nothing when all of them are silent), written with `allocator`.
    public mutating func mix(allocator: ByteBufferAllocator) -> [(to: String, SocketAddress, ByteBuffer)] {
        guard isMixing else { return [] }
        var slots: [String: Int] = [:]
        for talker in hearing.keys {
            if let slot = members[talker]?.frames.pop() { slots[talker] = slot }
        }
        var packets: [(to: String, SocketAddress, ByteBuffer)] = []
        var sum = [Int32](repeating: 0, count: Self.frameSamples)
        for (listener, talkers) in hearing where talkers.count > 1 {
            guard var member = members[listener], let format = member.format, let address = member.remote else { continue }
            let heard = talkers.filter { slots[$0] != nil }
            guard !heard.isEmpty else {
                member.output.skip()
                members[listener] = member
                continue
            }
            for index in sum.indices { sum[index] = 0 }
            for talker in heard { members[talker]?.frames.add(slot: slots[talker]!, into: &sum) }
            var packet = allocator.buffer(capacity: 12 + Self.frameSamples)
            member.output.writeHeader(into: &packet, payloadType: format.payloadType)
            packet.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.frameSamples) { bytes in
                for index in 0..<Self.frameSamples { bytes[index] = G711.encode(Int16(clamping: sum[index]), format.law) }
                return Self.frameSamples
            }
            members[listener] = member
            packets.append((listener, address, packet))
        }
        return packets
    }
}

/// The frames a party sent for a mix, oldest first, in storage taken once: a few are kept to
/// ride out jitter, and the oldest goes when more arrive.
struct FrameQueue: Sendable {
    static let depth = 4
    private var samples = [Int16](repeating: 0, count: depth * BridgeRouting.frameSamples)
    private var head = 0
    private var count = 0

    /// Decodes a payload into the next frame (a short one is padded with silence).
    mutating func push(_ payload: UnsafeRawBufferPointer, law: G711.Law) {
        if count == Self.depth {
            head = (head + 1) % Self.depth
            count -= 1
        }
        let start = (head + count) % Self.depth * BridgeRouting.frameSamples
        for index in 0..<BridgeRouting.frameSamples {
            samples[start + index] = index < payload.count ? G711.decode(payload[index], law) : 0
        }
        count += 1
    }

    /// The oldest frame's slot; it stays readable until `depth` more frames arrive.
    mutating func pop() -> Int? {
        guard count > 0 else { return nil }
        defer {
            head = (head + 1) % Self.depth
            count -= 1
        }
        return head
    }

    /// Adds the frame in `slot` to `sum`.
    func add(slot: Int, into sum: inout [Int32]) {
        let start = slot * BridgeRouting.frameSamples
        for index in 0..<BridgeRouting.frameSamples { sum[index] += Int32(samples[start + index]) }
    }
}

/// A party's own RTP stream (for the mixes it hears): its SSRC, sequence and timestamp.
struct OutgoingStream: Sendable {
    let ssrc = UInt32.random(in: .min ... .max)
    private var sequence = UInt16.random(in: .min ... .max)
    private var timestamp = UInt32.random(in: .min ... .max)
    /// The next packet starts a talkspurt (RFC 3551 §4.1: the marker bit).
    private var isTalkspurt = true

    mutating func writeHeader(into packet: inout ByteBuffer, payloadType: UInt8) {
        packet.writeInteger(UInt8(0x80))
        packet.writeInteger((isTalkspurt ? 0x80 : 0) | payloadType)
        packet.writeInteger(sequence)
        packet.writeInteger(timestamp)
        packet.writeInteger(ssrc)
        sequence &+= 1
        timestamp &+= UInt32(BridgeRouting.frameSamples)
        isTalkspurt = false
    }

    /// A silent tick: nothing is sent, time goes on.
    mutating func skip() {
        timestamp &+= UInt32(BridgeRouting.frameSamples)
        isTalkspurt = true
    }
}
