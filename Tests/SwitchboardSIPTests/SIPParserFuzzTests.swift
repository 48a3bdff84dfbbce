import Foundation
import SwitchboardSIP
import Testing

/// L1: the parser is fed mutated messages (bytes flipped, inserted, deleted, repeated, cut) from
/// a fixed seed, a bounded number of times: it never traps, and whatever it takes it writes back
/// so that reading the writing gives the same bytes again. `SWITCHBOARD_SIP_FUZZ_ITERATIONS` runs
/// it longer.
@Suite("L1 SIP parser fuzzing")
struct SIPParserFuzzTests {
    /// A small xorshift generator: the same seed, the same inputs, on every machine.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    static let seeds: [[UInt8]] = [
        Array(SIPMessageTests.invite.utf8),
        Array("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a.example;branch=z9hG4bK1\r\nTo: <sip:a@b>;tag=2\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n".utf8),
        Array("REGISTER sip:switchboard.example SIP/2.0\r\nv: SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bKr\r\nf: \"A \\\"B\\\"\" <sip:1001@switchboard.example>;tag=9\r\nt: <sip:1001@switchboard.example>\r\ni: r@x\r\nCSeq: 2 REGISTER\r\nm: <sip:1001@198.51.100.7:5062;transport=tcp>;expires=3600\r\nAuthorization: Digest username=\"1001\", realm=\"demo\", nonce=\"n\", uri=\"sip:switchboard.example\", response=\"r\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c\"\r\nl: 0\r\n\r\n".utf8),
    ]

    static var iterations: Int {
        Int(ProcessInfo.processInfo.environment["SWITCHBOARD_SIP_FUZZ_ITERATIONS"] ?? "") ?? 20_000
    }

    static func mutate(_ input: [UInt8], using generator: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
            case 1: bytes.insert(contentsOf: [0x0D, 0x0A, 0x20, 0x3A, 0x3B, 0x22, 0x3C, 0x25, 0x00].shuffled(using: &generator).prefix(3), at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &generator)))
            case 3:
                let end = min(bytes.count, at + Int.random(in: 1...32, using: &generator))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 4: bytes.removeSubrange(at...)
            default: bytes[at] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x2C][Int.random(in: 0..<6, using: &generator)]
            }
        }
        return bytes
    }

    @Test("L1 mutated datagrams never trap; what is taken writes back stably")
    func datagrams() {
        var generator = Generator(state: 0x5EED_0001)
        var taken = 0
        for iteration in 0..<Self.iterations {
            let input = Self.mutate(Self.seeds[iteration % Self.seeds.count], using: &generator)
            guard let message = try? SIPParser.parse(datagram: input) else { continue }
            taken += 1
            let written = message.bytes
            guard let again = try? SIPParser.parse(datagram: written) else {
                Issue.record("a message it took does not read back: \(String(decoding: written, as: UTF8.self))")
                return
            }
            #expect(again.bytes == written)
        }
        #expect(taken > 0, "some mutations stay valid, so the round trip is exercised")
    }

    @Test("L1 mutated streams never trap, and a message is never longer than what was given")
    func streams() {
        var generator = Generator(state: 0x5EED_0002)
        for iteration in 0..<(Self.iterations / 4) {
            let input = Self.mutate(Self.seeds[iteration % Self.seeds.count], using: &generator)
            if let (_, consumed) = (try? SIPParser.parse(stream: input)) ?? nil {
                #expect(consumed <= input.count)
            }
        }
    }
}

