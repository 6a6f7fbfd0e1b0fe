import Foundation

/// A small, fast, seedable random number generator (Steele, Lea & Flood's SplitMix64).
///
/// Every random step in dcn-report takes `using: &generator`; one generator seeded from
/// `--seed` makes a run reproducible. The standard library's `SystemRandomNumberGenerator`
/// cannot be seeded, hence this type.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    /// Creates a generator whose whole sequence is determined by `seed`.
    /// - Parameter seed: Any 64-bit value.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for an independent stream derived from this seed and a purpose label,
    /// so that, e.g., data generation and weight initialisation do not share draws.
    /// - Parameters:
    ///   - seed: The run's seed.
    ///   - stream: A small number naming the purpose.
    /// - Returns: A new generator.
    public static func stream(seed: UInt64, _ stream: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}

// The helpers below are `@inlinable` so that callers in other modules get them specialised for
// `SplitMix64`: unspecialised generic calls through the protocol are slow in a per-epoch shuffle.
extension RandomNumberGenerator {
    /// A uniform draw from [0, 1) with 24 random bits, deterministic across platforms.
    @inlinable public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform draw from [0, 1) with 53 random bits, deterministic across platforms.
    @inlinable public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal draw N(0, 1) by the Box–Muller transform.
    @inlinable public mutating func nextGaussian() -> Double {
        var u1 = nextUnitDouble()
        while u1 <= .leastNormalMagnitude { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A uniform index in `0..<count`, without the modulo bias of `next() % count`.
    @inlinable public mutating func nextIndex(below count: Int) -> Int {
        Int(next(upperBound: UInt64(count)))
    }
}

extension Array {
    /// Shuffles in place with the given generator (Fisher–Yates), reproducibly for a seeded generator.
    @inlinable public mutating func deterministicShuffle<G: RandomNumberGenerator>(using generator: inout G) {
        guard count > 1 else { return }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = generator.nextIndex(below: i + 1)
            if i != j { swapAt(i, j) }
        }
    }
}

extension SplitMix64 {
    /// The generator's whole state, for a checkpoint: `SplitMix64(seed: state)` continues the sequence
    /// exactly where this generator is.
    public var checkpointState: UInt64 { state }
}
