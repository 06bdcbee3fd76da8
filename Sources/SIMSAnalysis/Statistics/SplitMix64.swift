/// A small, fast, seedable random number generator (SplitMix64, Steele, Lea & Flood, OOPSLA 2014),
/// used wherever an analysis draws random numbers (bootstrap) so that results are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    /// Creates a generator from `seed`; equal seeds give equal sequences on every platform.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `0..<bound` (bound > 0) by Lemire's multiply-shift (the high word of a 64×64-bit
    /// product; D. Lemire, ACM TOMACS 29 (2019) 3). The bias is below bound/2⁶⁴, negligible for resampling.
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
