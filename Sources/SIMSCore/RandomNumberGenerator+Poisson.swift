import Foundation

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits (the top bits of one ``next()``).
    @inlinable public mutating func unitUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A Poisson deviate of mean `mean` (≥ 0; counts), drawn from ``unitUniform()``.
    ///
    /// Mean < 10: inversion by sequential search (L. Devroye, *Non-Uniform Random Variate Generation*,
    /// 1986, §X.3.3). Mean ≥ 10: the transformed rejection method PTRS of W. Hörmann, "The transformed
    /// rejection method for generating Poisson random variables", Insurance Math. Econ. 12 (1993) 39–45.
    public mutating func poissonDeviate(mean: Double) -> Double {
        guard mean > 0, mean.isFinite else { return 0 }
        if mean < 10 {
            var k = 0.0
            var p = exp(-mean)
            var cumulative = p
            let u = unitUniform()
            while u > cumulative {
                k += 1
                p *= mean / k
                cumulative += p
                if p < 1e-300 && k > mean { break }
            }
            return k
        }
        let slam = mean.squareRoot()
        let loglam = log(mean)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = unitUniform() - 0.5
            let v = unitUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1) {
                return k
            }
        }
    }
}
