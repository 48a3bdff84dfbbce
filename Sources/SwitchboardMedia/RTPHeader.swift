public import NIOCore

/// The fixed RTP header (RFC 3550 §5.1) read in place from a packet's bytes: no copy, no
/// allocation. A buffer that is not an RTP packet (too short, version not 2, CSRCs, extension
/// or padding running past its end) reads as nil, and relaying drops it.
public struct RTPHeader: Hashable, Sendable {
    public var marker: Bool
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// Where the payload starts and how long it is, from the buffer's reader index.
    public var payloadOffset: Int
    public var payloadLength: Int

    public init?(_ buffer: ByteBuffer) {
        let start = buffer.readerIndex
        let length = buffer.readableBytes
        guard length >= 12, let first = buffer.getInteger(at: start, as: UInt8.self), first >> 6 == 2,
            let second = buffer.getInteger(at: start + 1, as: UInt8.self),
            let sequence = buffer.getInteger(at: start + 2, as: UInt16.self),
            let timestamp = buffer.getInteger(at: start + 4, as: UInt32.self),
            let ssrc = buffer.getInteger(at: start + 8, as: UInt32.self)
        else { return nil }
        var offset = 12 + Int(first & 0x0F) * 4
        if first & 0x10 != 0 {
            guard offset + 4 <= length, let words = buffer.getInteger(at: start + offset + 2, as: UInt16.self) else { return nil }
            offset += 4 + Int(words) * 4
        }
        var end = length
        if first & 0x20 != 0 {
            guard let padding = buffer.getInteger(at: start + length - 1, as: UInt8.self), padding > 0 else { return nil }
            end -= Int(padding)
        }
        guard offset <= end else { return nil }
        marker = second & 0x80 != 0
        payloadType = second & 0x7F
        // RTCP muxed on the port (RFC 5761) reads as payload types 64–95 (its packet types 200–204).
        guard !(64...95).contains(payloadType) else { return nil }
        sequenceNumber = sequence
        self.timestamp = timestamp
        self.ssrc = ssrc
        payloadOffset = offset
        payloadLength = end - offset
    }
}
