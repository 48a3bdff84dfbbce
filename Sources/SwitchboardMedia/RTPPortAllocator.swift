/// The RTP ports of `--rtp-ports` (SIP.md: 20000–20999 by default): even ports for RTP, the odd
/// one above each left for RTCP, handed out round-robin so a port just freed is not reused at
/// once (late packets of the old call would reach the new one).
public struct RTPPortAllocator: Sendable {
    public let range: ClosedRange<Int>
    private var free: [Int]
    private var inUse: Set<Int> = []

    public init(range: ClosedRange<Int>) {
        self.range = range
        free = stride(from: range.lowerBound + range.lowerBound % 2, through: range.upperBound - 1, by: 2).map { $0 }
    }

    /// How many RTP ports the range holds.
    public var capacity: Int { free.count + inUse.count }

    /// An even port, or nil when all are taken.
    public mutating func allocate() -> Int? {
        guard !free.isEmpty else { return nil }
        let port = free.removeFirst()
        inUse.insert(port)
        return port
    }

    /// Gives a port back; it is handed out again after every other free one.
    public mutating func release(_ port: Int) {
        guard inUse.remove(port) != nil else { return }
        free.append(port)
    }
}
