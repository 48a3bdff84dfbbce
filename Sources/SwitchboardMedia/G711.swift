/// G.711 (ITU-T G.711): μ-law (PCMU) and A-law (PCMA), one byte per 8 kHz sample. Decoding is a
/// table lookup; transcoding between the two laws is one too, so a relayed packet is rewritten
/// in place.
public enum G711 {
    /// One of the two companding laws.
    public enum Law: Hashable, Sendable {
        /// μ-law, RTP payload type 0.
        case mu
        /// A-law, RTP payload type 8.
        case a
    }

    /// The linear sample of `byte` in `law`.
    @inline(__always)
    public static func decode(_ byte: UInt8, _ law: Law) -> Int16 {
        law == .mu ? muLawSamples[Int(byte)] : aLawSamples[Int(byte)]
    }

    /// `sample` in `law`.
    public static func encode(_ sample: Int16, _ law: Law) -> UInt8 {
        law == .mu ? encodeMuLaw(sample) : encodeALaw(sample)
    }

    /// The byte of `law` that sounds as `byte` of the other law does.
    @inline(__always)
    public static func transcode(_ byte: UInt8, to law: Law) -> UInt8 {
        law == .mu ? aLawToMuLaw[Int(byte)] : muLawToALaw[Int(byte)]
    }

    private static let muLawSamples: [Int16] = (0...255).map { decodeMuLaw(UInt8($0)) }
    private static let aLawSamples: [Int16] = (0...255).map { decodeALaw(UInt8($0)) }
    private static let aLawToMuLaw: [UInt8] = (0...255).map { encodeMuLaw(decodeALaw(UInt8($0))) }
    private static let muLawToALaw: [UInt8] = (0...255).map { encodeALaw(decodeMuLaw(UInt8($0))) }

    private static let muLawBias = 0x84
    private static let muLawClip = 32635

    private static func decodeMuLaw(_ byte: UInt8) -> Int16 {
        let value = Int(~byte)
        let exponent = (value >> 4) & 0x07
        let magnitude = (((value & 0x0F) << 3) + muLawBias) << exponent - muLawBias
        return Int16(value & 0x80 != 0 ? -magnitude : magnitude)
    }

    private static func encodeMuLaw(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample)
        let sign = magnitude < 0 ? 0x80 : 0
        if magnitude < 0 { magnitude = -magnitude }
        magnitude = min(magnitude, muLawClip) + muLawBias
        let exponent = max(0, (Int.bitWidth - 1 - magnitude.leadingZeroBitCount) - 7)
        let mantissa = (magnitude >> (exponent + 3)) & 0x0F
        return ~UInt8(sign | exponent << 4 | mantissa)
    }

    private static func decodeALaw(_ byte: UInt8) -> Int16 {
        let value = Int(byte ^ 0x55)
        let exponent = (value >> 4) & 0x07
        let mantissa = value & 0x0F
        let magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1)
        return Int16(value & 0x80 != 0 ? magnitude : -magnitude)
    }

    private static func encodeALaw(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample)
        let sign = magnitude >= 0 ? 0x80 : 0
        if magnitude < 0 { magnitude = -magnitude - 1 }
        magnitude >>= 3
        let value: Int
        if magnitude >= 32 {
            let exponent = min(7, (Int.bitWidth - 1 - magnitude.leadingZeroBitCount) - 4)
            value = exponent << 4 | (magnitude >> exponent) & 0x0F
        } else {
            value = magnitude >> 1
        }
        return UInt8(value | sign) ^ 0x55
    }
}
