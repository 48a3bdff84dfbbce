/// An SDP session description (RFC 4566) as far as a voice B2BUA needs it: origin, connection
/// address, and the media lines with their formats, `rtpmap`, `fmtp`, `ptime` and direction.
/// Unknown lines are kept (in order, per level) so a description reads back as it came.
public struct SessionDescription: Hashable, Sendable {
    public var version = 0
    /// `o=`: user, session id and version, network type, address type, address.
    public var origin: Origin
    public var sessionName = "-"
    /// The session-level `c=` address (a media line may have its own).
    public var connection: Connection?
    public var media: [Media] = []
    /// Session-level lines other than v, o, s, c, t, m (e.g. `b=`, `a=`), as `x=value`.
    public var otherLines: [String] = []

    public struct Origin: Hashable, Sendable {
        public var username: String
        public var sessionID: String
        public var sessionVersion: UInt64
        public var address: Connection

        public init(username: String = "-", sessionID: String, sessionVersion: UInt64, address: Connection) {
            self.username = username
            self.sessionID = sessionID
            self.sessionVersion = sessionVersion
            self.address = address
        }
    }

    /// `IN IP4 192.0.2.1` or `IN IP6 2001:db8::1`.
    public struct Connection: Hashable, Sendable {
        public var addressType: String
        public var address: String

        public init(address: String) {
            self.address = address
            addressType = address.contains(":") ? "IP6" : "IP4"
        }

        var text: String { "IN \(addressType) \(address)" }
    }

    /// The media direction attribute (RFC 3264 §5.1); hold is `sendonly` or `inactive` (§8.4).
    public enum Direction: String, Hashable, Sendable {
        case sendrecv, sendonly, recvonly, inactive

        /// The answer's direction to an offer of this one.
        public var answer: Direction {
            switch self {
            case .sendrecv: .sendrecv
            case .sendonly: .recvonly
            case .recvonly: .sendonly
            case .inactive: .inactive
            }
        }
    }

    /// One `m=` line and its attributes.
    public struct Media: Hashable, Sendable {
        /// `audio`, `video`, ...
        public var kind: String
        /// 0 rejects the stream (RFC 3264 §6).
        public var port: Int
        public var transport: String
        /// Payload type numbers in preference order.
        public var formats: [Int]
        /// `a=rtpmap:<pt> <name>/<rate>[/<channels>]`.
        public var rtpmaps: [Int: RTPMap] = [:]
        /// `a=fmtp:<pt> <parameters>`.
        public var fmtps: [Int: String] = [:]
        public var ptime: Int?
        public var direction: Direction = .sendrecv
        public var connection: Connection?
        /// Other lines of this media section, as `x=value`.
        public var otherLines: [String] = []

        public init(kind: String = "audio", port: Int, transport: String = "RTP/AVP", formats: [Int]) {
            self.kind = kind
            self.port = port
            self.transport = transport
            self.formats = formats
        }
    }

    /// An encoding name and clock rate.
    public struct RTPMap: Hashable, Sendable {
        public var encoding: String
        public var clockRate: Int
        public var channels: Int?

        public init(encoding: String, clockRate: Int, channels: Int? = nil) {
            self.encoding = encoding
            self.clockRate = clockRate
            self.channels = channels
        }
    }

    public init(origin: Origin, connection: Connection?, media: [Media]) {
        self.origin = origin
        self.connection = connection
        self.media = media
    }
}

/// Why text is not a session description.
public struct SDPError: Error, Hashable, Sendable {
    public let message: String
}
