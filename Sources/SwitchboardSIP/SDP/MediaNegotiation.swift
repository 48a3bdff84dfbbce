/// SDP offer/answer for voice (RFC 3264, SIP.md "Media"): we offer PCMU, PCMA and
/// telephone-event/8000 (RFC 4733) at 20 ms; to an offer we answer with its first codec we
/// speak, telephone-event when offered, the opposite direction, and every other stream
/// refused (port 0). No common codec: no answer (the call is answered 488).
public enum MediaNegotiation {
    /// A G.711 codec.
    public enum Codec: String, Hashable, Sendable {
        case pcmu = "PCMU"
        case pcma = "PCMA"

        /// The static payload type (RFC 3551).
        public var staticPayloadType: Int { self == .pcmu ? 0 : 8 }
    }

    /// What one side will send and receive.
    public struct Agreement: Hashable, Sendable {
        /// Where to send RTP.
        public var remoteAddress: String
        public var remotePort: Int
        public var codec: Codec
        public var payloadType: Int
        public var telephoneEventPayloadType: Int?
        public var ptime: Int
        /// Our direction (an offer's `sendonly` is our `recvonly`: the other side holds us).
        public var direction: SessionDescription.Direction
    }

    public static let telephoneEventPayloadType = 101
    public static let ptime = 20

    /// Our offer, for RTP at `address`:`port`.
    public static func offer(
        address: String, port: Int, sessionID: String, version: UInt64, direction: SessionDescription.Direction = .sendrecv
    ) -> SessionDescription {
        let connection = SessionDescription.Connection(address: address)
        var audio = SessionDescription.Media(port: port, formats: [0, 8, telephoneEventPayloadType])
        audio.rtpmaps = [
            0: .init(encoding: "PCMU", clockRate: 8000), 8: .init(encoding: "PCMA", clockRate: 8000),
            telephoneEventPayloadType: .init(encoding: "telephone-event", clockRate: 8000),
        ]
        audio.fmtps = [telephoneEventPayloadType: "0-16"]
        audio.ptime = ptime
        audio.direction = direction
        return SessionDescription(
            origin: .init(username: "switchboard", sessionID: sessionID, sessionVersion: version, address: connection),
            connection: connection, media: [audio])
    }

    /// Our answer to `offer` for RTP at `address`:`port`, and what was agreed; nil when no
    /// audio stream has a codec we speak.
    public static func answer(
        to offer: SessionDescription, address: String, port: Int, sessionID: String, version: UInt64
    ) -> (SessionDescription, Agreement)? {
        var agreement: Agreement?
        var answered: [SessionDescription.Media] = []
        for stream in offer.media {
            guard agreement == nil, stream.kind == "audio", stream.port != 0, stream.transport.uppercased() == "RTP/AVP",
                let (codec, payloadType) = firstCodec(in: stream),
                let remote = stream.connection ?? offer.connection
            else {
                var refused = SessionDescription.Media(kind: stream.kind, port: 0, transport: stream.transport, formats: stream.formats)
                refused.direction = stream.direction
                answered.append(refused)
                continue
            }
            let events = stream.formats.first { stream.rtpmaps[$0]?.encoding.lowercased() == "telephone-event" && stream.rtpmaps[$0]?.clockRate == 8000 }
            var media = SessionDescription.Media(port: port, formats: [payloadType] + (events.map { [$0] } ?? []))
            media.rtpmaps[payloadType] = .init(encoding: codec.rawValue, clockRate: 8000)
            if let events {
                media.rtpmaps[events] = .init(encoding: "telephone-event", clockRate: 8000)
                media.fmtps[events] = stream.fmtps[events] ?? "0-16"
            }
            media.ptime = ptime
            media.direction = stream.direction.answer
            answered.append(media)
            agreement = Agreement(
                remoteAddress: remote.address, remotePort: stream.port, codec: codec, payloadType: payloadType,
                telephoneEventPayloadType: events, ptime: stream.ptime ?? ptime, direction: stream.direction.answer)
        }
        guard let agreement else { return nil }
        let connection = SessionDescription.Connection(address: address)
        let answer = SessionDescription(
            origin: .init(username: "switchboard", sessionID: sessionID, sessionVersion: version, address: connection),
            connection: connection, media: answered)
        return (answer, agreement)
    }

    /// What the peer's answer to our offer agreed: its first audio stream with a codec of ours.
    public static func agreement(fromAnswer answer: SessionDescription) -> Agreement? {
        for stream in answer.media where stream.kind == "audio" && stream.port != 0 {
            guard let (codec, payloadType) = firstCodec(in: stream), let remote = stream.connection ?? answer.connection else { continue }
            let events = stream.formats.first { stream.rtpmaps[$0]?.encoding.lowercased() == "telephone-event" }
            return Agreement(
                remoteAddress: remote.address, remotePort: stream.port, codec: codec, payloadType: payloadType,
                telephoneEventPayloadType: events, ptime: stream.ptime ?? ptime, direction: stream.direction.answer)
        }
        return nil
    }

    /// The first of the stream's formats that is PCMU or PCMA (by static number or rtpmap name).
    private static func firstCodec(in stream: SessionDescription.Media) -> (Codec, Int)? {
        for format in stream.formats {
            if let map = stream.rtpmaps[format] {
                guard map.clockRate == 8000, map.channels ?? 1 == 1, let codec = Codec(rawValue: map.encoding.uppercased()) else { continue }
                return (codec, format)
            }
            if format == 0 { return (.pcmu, 0) }
            if format == 8 { return (.pcma, 8) }
        }
        return nil
    }
}
