/// A small, fast, deterministic random number generator (xoshiro256**, Blackman & Vigna 2018), seeded through
/// SplitMix64 so that every seed — including 0 — gives a well-mixed state. Used wherever a method needs
/// randomness (k-means++, randomized SVD, NMF initialization) so that outputs are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator started from `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal value (Box–Muller transform).
    public mutating func normal() -> Double {
        var u = uniform()
        while u <= 0 { u = uniform() }
        let v = uniform()
        return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
    }
}

extension Matrix {
    /// A matrix of independent standard normal values from `generator` (e.g. the test matrix Ω of a randomized SVD).
    public static func gaussian(rows: Int, columns: Int, generator: inout SeededGenerator) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for k in 0..<m.elements.count { m.elements[k] = generator.normal() }
        return m
    }
}
