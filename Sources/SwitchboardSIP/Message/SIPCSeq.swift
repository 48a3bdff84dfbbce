/// `CSeq: <sequence number> <method>` (§20.16): the number is below 2**31.
public struct SIPCSeq: Hashable, Sendable, CustomStringConvertible {
    public var sequence: UInt32
    public var method: SIPMethod

    public init(sequence: UInt32, method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    public init(parsing text: String) throws(SIPParseError) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2 else { throw SIPParseError("CSeq is not a number and a method") }
        guard parts[0].count <= 10, parts[0].allSatisfy(\.isASCIIDigit), let number = UInt64(parts[0]), number < 1 << 31 else {
            throw SIPParseError("The CSeq number is not below 2**31")
        }
        guard SIPGrammar.isToken(parts[1]) else { throw SIPParseError("The CSeq method is not a token") }
        sequence = UInt32(number)
        method = SIPMethod(rawValue: String(parts[1]))
    }

    public var description: String { "\(sequence) \(method)" }
}
