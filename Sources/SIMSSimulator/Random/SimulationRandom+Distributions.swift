#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIMSCore

extension SimulationRandom {
    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    @inlinable public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's nearly-divisionless method
    /// (D. Lemire, ACM TOMACS 29 (2019) 3), defined by integer arithmetic only.
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A standard normal deviate (Box–Muller transform, G. E. P. Box & M. E. Muller, Ann. Math. Stat. 29 (1958) 610).
    public mutating func normal() -> Double {
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Poisson deviate of mean `mean` (≥ 0; counts): ``RandomNumberGenerator/poissonDeviate(mean:)`` (inversion below
    /// mean 10, Hörmann's PTRS above), on this generator's bits.
    public mutating func poisson(mean: Double) -> Double { poissonDeviate(mean: mean) }

    /// A binomial deviate: successes in `trials` independent trials of probability `probability`.
    ///
    /// Used for dead-time-limited counting, where each primary pulse registers at most one count
    /// (Stephan et al., JVST A 12 (1994) 405). Exact by inversion when the smaller tail mean is below 10
    /// in few trials; otherwise the Poisson limit (probability ≤ 0.01) or the normal approximation with the
    /// exact binomial mean and variance, rounded and clamped to [0, trials].
    public mutating func binomial(trials: Double, probability: Double) -> Double {
        guard trials >= 1, probability > 0 else { return 0 }
        if probability >= 1 { return trials.rounded(.down) }
        let n = trials.rounded(.down)
        if probability > 0.5 { return n - binomial(trials: n, probability: 1 - probability) }
        let mean = n * probability
        if probability <= 0.01 { return min(n, poisson(mean: mean)) }
        if mean < 10 {
            // Inversion on the binomial probabilities.
            let q = 1 - probability
            let ratio = probability / q
            var k = 0.0
            var p = exp(n * log1p(-probability))
            var cumulative = p
            let u = uniform()
            while u > cumulative && k < n {
                p *= ratio * (n - k) / (k + 1)
                k += 1
                cumulative += p
            }
            return k
        }
        let sd = (mean * (1 - probability)).squareRoot()
        return min(n, max(0, (mean + sd * normal()).rounded()))
    }
}
