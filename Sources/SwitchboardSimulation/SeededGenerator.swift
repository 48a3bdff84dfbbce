/// SplitMix64: a small, fast generator whose whole sequence follows from its seed, so a
/// simulated day can be played again exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1 with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A duration between `range` seconds, to the millisecond.
    public mutating func seconds(_ range: ClosedRange<Double>) -> Duration {
        .milliseconds(Int64((range.lowerBound + unit() * (range.upperBound - range.lowerBound)) * 1000))
    }

    /// Picks by weight; nil when every weight is zero.
    public mutating func weighted<T>(_ choices: [(T, Int)]) -> T? {
        let total = choices.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var pick = Int.random(in: 0..<total, using: &self)
        for (choice, weight) in choices {
            if pick < weight { return choice }
            pick -= weight
        }
        return nil
    }
}
